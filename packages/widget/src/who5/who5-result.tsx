import { scoreWho5, who5Change, type Locale, type Who5Response } from '@henvis/contracts';
import { who5Texts } from './who5-texts.js';

/**
 * The score of a WHO-5: raw 0-25, percentage 0-100, what it suggests, and at follow-up the change from the
 * baseline, flagged when it is clinically relevant (10 points or more, either way).
 */
export function Who5Result({
  response,
  baseline,
  locale,
}: {
  response: Who5Response;
  baseline?: Who5Response | undefined;
  locale: Locale;
}) {
  const t = who5Texts[locale];
  const score = scoreWho5(response.answers);
  const change = response.kind === 'follow_up' && baseline ? who5Change(baseline.answers, response.answers) : undefined;
  return (
    <div class="who5-result" data-band={score.band}>
      <h4>{t.result}</h4>
      <dl>
        <dt>{t.raw}</dt>
        <dd>{t.rawOf(score.raw)}</dd>
        <dt>{t.percentage}</dt>
        <dd>{t.percentOf(score.percentage)}</dd>
      </dl>
      <p class="band">{t.band[score.band]}</p>
      {change && baseline && (
        <p class="change" data-relevant={change.relevant}>
          {t.change(`${change.change > 0 ? '+' : ''}${change.change}`, scoreWho5(baseline.answers).percentage, score.percentage)}
          {change.relevant && <strong class="flag">{t.relevant}</strong>}
        </p>
      )}
    </div>
  );
}
