import { useRef, useState } from 'preact/hooks';
import type { Measures } from '@henvis/contracts';
import { Alert } from '../alert.js';
import { useInbox } from '../client-context.js';
import { formatInstant, locale, textsOf } from '../locale.js';
import { hrefOf } from '../router.js';
import { failureOf, useLoad } from '../use-load.js';
import { linkedMonths, referralMonths, referralPractices, who5Rows } from './results-chart-data.js';
import { chartColours, cumulativeLines, linkedBars, monthlyBars, practiceBars, who5MeanBars, who5ShareBars } from './results-charts.js';
import { ChartFigure, TableSection } from './results-figure.js';
import { formatMonth } from './results-format.js';
import { KeyFigureList } from './results-key-figure-list.js';
import { keyFigures } from './results-key-figures.js';
import { backwards, filterOf, queryOf, searchOf, type ResultsFilter } from './results-query.js';
import {
  closingTable,
  inclusionFlagsTable,
  linkedTable,
  monthlyTable,
  practicesTable,
  rejectionsTable,
  unmetNeedsTable,
  who5Table,
} from './results-tables.js';
import { resultsTexts } from './results-texts.js';

const t = textsOf(resultsTexts);

/**
 * "Resultater": the coordinator's dashboard of the pilot's measures against its goals, by period and practice.
 * Loaded with Observable Plot only when opened (app.tsx), so the rest of the inbox does not carry the charts.
 */
export function Results({ query }: { query: string }) {
  const { client } = useInbox();
  const [draft, setDraft] = useState(() => filterOf(query));
  const problem = backwards(draft);
  // A "from" after the "to" is not sent: the last good filter stays in force until the period is one.
  const applied = useRef(draft);
  if (!problem) applied.current = draft;
  const filter = applied.current;
  const [measures, reload] = useLoad(
    (signal) => client.getMeasures(queryOf(filter), { signal }),
    [filter.from, filter.to, filter.practice],
  );
  // The practices the organisation serves, whichever one is picked (kept while the next load runs).
  const served = useRef<[id: string, name: string][]>([]);
  if (measures.state === 'ready') served.current = measures.value.practices.map((p): [string, string] => [p.id, p.name]);
  // A new list each render: @preact/signals skips rendering a component whose props are all the same objects.
  const choices = [...served.current].sort(([, a], [, b]) => a.localeCompare(b, locale.value));
  return (
    <div class="results">
      <h1>{t.value.title}</h1>
      <p class="lead">{t.value.lead}</p>
      <Filters draft={draft} onChange={setDraft} practices={choices} problem={problem} />
      {measures.state === 'loading' && (
        <p class="results-loading" aria-busy="true">
          {t.value.loading}
        </p>
      )}
      {measures.state === 'error' && (
        <div class="results-failed">
          <Alert message={failureOf(measures)} />
          <button type="button" onClick={reload}>
            {t.value.retry}
          </button>
        </div>
      )}
      {measures.state === 'ready' && <Dashboard m={measures.value} filter={filter} />}
    </div>
  );
}

function Filters({
  draft,
  onChange,
  practices,
  problem,
}: {
  draft: ResultsFilter;
  onChange: (filter: ResultsFilter) => void;
  practices: [id: string, name: string][];
  problem: boolean;
}) {
  const f = t.value.filters;
  const set = (key: keyof ResultsFilter, value: string) => onChange({ ...draft, [key]: value });
  const described = problem ? 'results-month-hint results-period-error' : 'results-month-hint';
  return (
    <form class="results-filters" aria-label={f.label} onSubmit={(e) => e.preventDefault()}>
      {(['from', 'to'] as const).map((key) => (
        <div class="field" key={key}>
          <label for={`results-${key}`}>{f[key]}</label>
          <input
            id={`results-${key}`}
            type="month"
            value={draft[key]}
            aria-describedby={described}
            aria-invalid={problem ? true : undefined}
            onChange={(e) => set(key, e.currentTarget.value)}
          />
        </div>
      ))}
      <div class="field">
        <label for="results-practice">{f.practice}</label>
        <select id="results-practice" value={draft.practice} onChange={(e) => set('practice', e.currentTarget.value)}>
          <option value="">{f.allPractices}</option>
          {practices.map(([id, name]) => (
            <option key={id} value={id}>
              {name}
            </option>
          ))}
        </select>
      </div>
      <p id="results-month-hint" class="hint">
        {f.monthHint}
      </p>
      {problem && (
        <p id="results-period-error" class="field-error" role="alert">
          {f.badRange}
        </p>
      )}
    </form>
  );
}

function Dashboard({ m, filter }: { m: Measures; filter: ResultsFilter }) {
  const lang = locale.value;
  const c = t.value.chart;
  const period = m.period;
  const names = m.practices.map((p) => p.name).join(', ') || t.value.noPractices;
  const months = referralMonths(m);
  const linked = linkedMonths(m);
  const who5 = who5Rows(m);
  const fig = t.value.figures;
  return (
    <>
      <p class="results-period">
        {t.value.period(formatMonth(period.from), formatMonth(period.to))} · {t.value.generatedAt(formatInstant(m.generatedAt))}
      </p>
      <p class="muted">{t.value.practicesCounted(names)}</p>
      <p class="results-report-link">
        <a href={hrefOf({ view: 'report', query: searchOf(filter) })}>{t.value.reportLink}</a>
      </p>
      <aside class="small-cell-rule" aria-labelledby="results-small-cells">
        <h2 id="results-small-cells">{t.value.smallCellTitle}</h2>
        <p>{m.smallCellRule[lang]}</p>
      </aside>
      <section aria-labelledby="results-key-title">
        <h2 id="results-key-title">{t.value.keyFigures}</h2>
        <KeyFigureList figures={keyFigures(m)} />
      </section>
      <section aria-labelledby="results-charts-title" class="results-charts">
        <h2 id="results-charts-title">{t.value.charts}</h2>
        <ChartFigure
          id="chart-referrals-month"
          caption={fig.monthly.caption}
          definition={m.referrals.definition[lang]}
          charts={[
            { label: fig.monthly.alt, make: (width) => monthlyBars(months, m.referrals.goal.perMonth, width) },
            { label: fig.monthly.altCumulative, make: (width) => cumulativeLines(months, width) },
          ]}
          legend={[
            { label: c.referrals, colour: chartColours.bar },
            { label: c.pace, colour: chartColours.goal, dashed: true },
          ]}
          table={monthlyTable(m)}
          period={period}
        />
        <ChartFigure
          id="chart-referrals-practice"
          caption={fig.practices.caption}
          definition={m.referrals.definition[lang]}
          charts={[{ label: fig.practices.alt, make: (width) => practiceBars(referralPractices(m), width) }]}
          table={practicesTable(m)}
          period={period}
        />
        <ChartFigure
          id="chart-linked"
          caption={fig.linked.caption}
          definition={m.linked.definition[lang]}
          charts={[{ label: fig.linked.alt, make: (width) => linkedBars(linked, m.linked.goal.share, width) }]}
          legend={[
            { label: c.share, colour: chartColours.bar },
            { label: c.goalLine, colour: chartColours.goal, dashed: true },
          ]}
          table={linkedTable(m)}
          period={period}
        />
        <ChartFigure
          id="chart-who5"
          caption={fig.who5.caption}
          definition={m.who5.definition[lang]}
          charts={[
            { label: fig.who5.alt, make: (width) => who5MeanBars(who5, Math.min(width, 420)) },
            { label: fig.who5.altShares, make: (width) => who5ShareBars(who5, Math.min(width, 520)) },
          ]}
          legend={[
            { label: c.baseline, colour: chartColours.muted },
            { label: c.followUp, colour: chartColours.bar },
          ]}
          table={who5Table(m)}
          period={period}
        />
      </section>
      <section aria-labelledby="results-tables-title" class="results-tables">
        <h2 id="results-tables-title">{t.value.tables}</h2>
        <TableSection table={closingTable(m)} definition={m.closing.definition[lang]} period={period} />
        <TableSection table={rejectionsTable(m)} definition={m.rejections.definition[lang]} period={period} />
        <TableSection table={inclusionFlagsTable(m)} definition={m.inclusionFlags.definition[lang]} period={period} />
        <TableSection table={unmetNeedsTable(m)} definition={m.unmetNeeds.definition[lang]} period={period} />
      </section>
    </>
  );
}
