import { useEffect } from 'preact/hooks';
import type { Measures } from '@henvis/contracts';
import { Alert } from '../alert.js';
import { useInbox } from '../client-context.js';
import { formatInstant, locale, textsOf } from '../locale.js';
import { hrefOf } from '../router.js';
import { failureOf, useLoad } from '../use-load.js';
import { formatMonth } from './results-format.js';
import { keyFigures } from './results-key-figures.js';
import { filterOf, queryOf } from './results-query.js';
import { resultsTexts } from './results-texts.js';

const t = textsOf(resultsTexts);

const defined = ['referrals', 'linked', 'firstContact', 'contacts', 'who5'] as const;

/**
 * The payment-by-results report for the steering group's quarterly meeting: the period, the key figures against
 * the goals, what each one counts and the small-cell rule, on a page made to print (or save as PDF).
 */
export function ResultsReport({ query }: { query: string }) {
  const { client, user } = useInbox();
  const filter = filterOf(query);
  const [measures, reload] = useLoad(
    (signal) => client.getMeasures(queryOf(filter), { signal }),
    [filter.from, filter.to, filter.practice],
  );
  const r = t.value.report;
  return (
    <article class="results-report">
      <div class="report-actions">
        <a href={hrefOf({ view: 'results', query })}>← {r.back}</a>
        <button type="button" class="primary" onClick={() => window.print()} disabled={measures.state !== 'ready'}>
          {r.print}
        </button>
      </div>
      <h1>{r.title}</h1>
      <p class="lead">{r.lead}</p>
      {measures.state === 'loading' && <p aria-busy="true">{t.value.loading}</p>}
      {measures.state === 'error' && (
        <div class="results-failed">
          <Alert message={failureOf(measures)} />
          <button type="button" onClick={reload}>
            {t.value.retry}
          </button>
        </div>
      )}
      {measures.state === 'ready' && <Report m={measures.value} organisation={user.org.name} />}
    </article>
  );
}

function Report({ m, organisation }: { m: Measures; organisation: string }) {
  const lang = locale.value;
  const r = t.value.report;
  const period = t.value.period(formatMonth(m.period.from), formatMonth(m.period.to));
  // The title is the name a browser gives the PDF.
  useEffect(() => {
    const before = document.title;
    document.title = `Henvis – ${r.title} ${m.period.from}–${m.period.to}`;
    return () => void (document.title = before);
  }, [r.title, m.period.from, m.period.to]);
  return (
    <>
      <ul class="report-meta">
        <li>
          <strong>{period}</strong>
        </li>
        <li>{t.value.practicesCounted(m.practices.map((p) => p.name).join(', ') || t.value.noPractices)}</li>
        <li>{t.value.generatedAt(formatInstant(m.generatedAt))}</li>
        <li>{r.organisation(organisation)}</li>
      </ul>
      <table class="data results-table report-status">
        <caption>{r.status}</caption>
        <thead>
          <tr>
            <th scope="col">{t.value.measure}</th>
            <th scope="col">{t.value.result}</th>
            <th scope="col">{t.value.goal}</th>
          </tr>
        </thead>
        <tbody>
          {keyFigures(m).map((figure) => (
            <tr key={figure.id} data-key={figure.id}>
              <th scope="row">{figure.label}</th>
              <td>
                <strong class="key-value">{figure.value.text}</strong>
                {figure.value.note && <span class="cell-note"> ({figure.value.note})</span>}
                <span class="key-detail">{figure.detail}</span>
              </td>
              <td>{figure.goal}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <section aria-labelledby="report-definitions">
        <h2 id="report-definitions">{r.definitions}</h2>
        <dl class="report-definitions">
          {defined.map((key) => (
            <div key={key}>
              <dt>{t.value.definitionTitles[key]}</dt>
              <dd>{m[key].definition[lang]}</dd>
            </div>
          ))}
        </dl>
      </section>
      <section aria-labelledby="report-small-cells" class="small-cell-rule">
        <h2 id="report-small-cells">{t.value.smallCellTitle}</h2>
        <p>{m.smallCellRule[lang]}</p>
      </section>
    </>
  );
}
