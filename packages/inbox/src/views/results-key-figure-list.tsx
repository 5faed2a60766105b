import type { KeyFigure } from './results-key-figures.js';

/** The key figures as text, each with what it rests on; a withheld figure is "–" and says why. */
export function KeyFigureList({ figures }: { figures: KeyFigure[] }) {
  return (
    <dl class="key-figures">
      {figures.map((figure) => (
        <div key={figure.id} class="key-figure" data-key={figure.id}>
          <dt>{figure.label}</dt>
          <dd class="key-value">
            {figure.value.text}
            {figure.value.note && <span class="cell-note"> ({figure.value.note})</span>}
          </dd>
          <dd class="key-detail">{figure.detail}</dd>
        </div>
      ))}
    </dl>
  );
}
