import { useRef, useState } from 'preact/hooks';
import {
  DANISH_TIME_ZONE,
  REFUSALS_MAX_DAYS,
  errorMessage,
  problemStatuses,
  type ProblemCode,
  type RefusalActor,
  type RefusalBurst,
  type RefusalGroup,
  type Refusals as RefusalsAnswer,
  type RefusalsQuery,
} from '@henvis/contracts';
import { Alert } from '../alert.js';
import { useInbox } from '../client-context.js';
import { formatInstant, locale, textsOf } from '../locale.js';
import { failureOf, useLoad } from '../use-load.js';
import { refusalsTexts } from './refusals-texts.js';

const t = textsOf(refusalsTexts);

/** The period as the form holds it: '' is "not chosen" (the server's default, the last 7 days). */
interface Period {
  from: string;
  to: string;
}

const periodOf = (search: string): Period => {
  const params = new URLSearchParams(search);
  return { from: params.get('from')?.trim() ?? '', to: params.get('to')?.trim() ?? '' };
};

/** What is wrong with a period before it is sent: backwards, or longer than the API reads at once. */
function periodProblem({ from, to }: Period): 'backwards' | 'tooLong' | undefined {
  if (!from || !to) return undefined;
  if (from > to) return 'backwards';
  return (Date.parse(to) - Date.parse(from)) / 86_400_000 + 1 > REFUSALS_MAX_DAYS ? 'tooLong' : undefined;
}

const queryOf = ({ from, to }: Period): RefusalsQuery => ({ ...(from ? { from } : {}), ...(to ? { to } : {}) });

/**
 * "Afviste adgangsforsøg": the coordinator's control of refused access (seed 004), from the audit log. The bursts
 * come first, in a warning box; then every refusal of the period by day, actor, organisation, address and reason.
 */
export function Refusals({ query }: { query: string }) {
  const { client } = useInbox();
  const [draft, setDraft] = useState(() => periodOf(query));
  const problem = periodProblem(draft);
  // A period that is none is not sent: the last good one stays in force until it is one again.
  const applied = useRef(draft);
  if (!problem) applied.current = draft;
  const period = applied.current;
  const [refusals, reload] = useLoad((signal) => client.getRefusals(queryOf(period), { signal }), [period.from, period.to]);
  return (
    <div class="refusals">
      <h1>{t.value.title}</h1>
      <p class="lead">{t.value.lead}</p>
      <PeriodForm draft={draft} onChange={setDraft} problem={problem} />
      {refusals.state === 'loading' && <p aria-busy="true">{t.value.loading}</p>}
      {refusals.state === 'error' && (
        <div class="results-failed">
          <Alert message={failureOf(refusals)} />
          <button type="button" onClick={reload}>
            {t.value.retry}
          </button>
        </div>
      )}
      {refusals.state === 'ready' && <Report answer={refusals.value} />}
    </div>
  );
}

function PeriodForm({
  draft,
  onChange,
  problem,
}: {
  draft: Period;
  onChange: (p: Period) => void;
  problem: ReturnType<typeof periodProblem>;
}) {
  const p = t.value.period;
  const described = problem ? 'refusals-hint refusals-period-error' : 'refusals-hint';
  return (
    <form class="refusals-period" aria-label={p.label} onSubmit={(e) => e.preventDefault()}>
      {(['from', 'to'] as const).map((key) => (
        <div class="field" key={key}>
          <label for={`refusals-${key}`}>{p[key]}</label>
          <input
            id={`refusals-${key}`}
            type="date"
            value={draft[key]}
            aria-describedby={described}
            aria-invalid={problem ? true : undefined}
            onChange={(e) => onChange({ ...draft, [key]: e.currentTarget.value })}
          />
        </div>
      ))}
      <p id="refusals-hint" class="hint">
        {p.hint(REFUSALS_MAX_DAYS)}
      </p>
      {problem && (
        <p id="refusals-period-error" class="field-error" role="alert">
          {problem === 'backwards' ? p.backwards : p.tooLong(REFUSALS_MAX_DAYS)}
        </p>
      )}
    </form>
  );
}

const number = (n: number) => n.toLocaleString(locale.value === 'da' ? 'da-DK' : 'en-GB');
const dayOf = (day: string) => formatInstant(`${day}T12:00:00Z`, 'date');
const time = (iso: string) =>
  new Intl.DateTimeFormat(locale.value === 'da' ? 'da-DK' : 'en-GB', { timeStyle: 'short', timeZone: DANISH_TIME_ZONE }).format(
    new Date(iso),
  );
/** A span of time: "3. dec. 2026 10.02–10.04", with the second day when it ends on another. */
const span = (start: string, end: string) =>
  formatInstant(start, 'date') === formatInstant(end, 'date')
    ? `${formatInstant(start)}–${time(end)}`
    : `${formatInstant(start)} – ${formatInstant(end)}`;

const sameActor = (a: RefusalActor, b: RefusalActor) => !!a && !!b && a.issuer === b.issuer && a.sub === b.sub;

/** Whether a group's refusals are among a burst's: the same actor or address, at a time they overlap. */
const inBurst = (g: RefusalGroup, bursts: RefusalBurst[]) =>
  bursts.some(
    (b) =>
      (b.by === 'actor' ? sameActor(b.actor, g.actor) : b.clientAddress !== null && b.clientAddress === g.clientAddress) &&
      g.first <= b.end &&
      g.last >= b.start,
  );

function Report({ answer }: { answer: RefusalsAnswer }) {
  const days = answer.byDay.filter((d) => d.count > 0);
  return (
    <>
      <p class="refusals-shown">{t.value.shown(dayOf(answer.period.from), dayOf(answer.period.to), formatInstant(answer.generatedAt))}</p>
      <Bursts answer={answer} />
      {answer.total === 0 ? (
        <p class="empty">{t.value.empty}</p>
      ) : (
        <table class="data refusals-table">
          <caption>{t.value.table.caption(number(answer.total))}</caption>
          <thead>
            <tr>
              <th scope="col">{t.value.table.actor}</th>
              <th scope="col">{t.value.table.organisation}</th>
              <th scope="col">{t.value.table.address}</th>
              <th scope="col">{t.value.table.outcome}</th>
              <th scope="col">{t.value.table.reason}</th>
              <th scope="col" class="number">
                {t.value.table.count}
              </th>
              <th scope="col">{t.value.table.when}</th>
            </tr>
          </thead>
          {days.map(({ day, count }) => (
            <tbody key={day}>
              <tr class="refusals-day">
                <th scope="rowgroup" colSpan={7}>
                  {t.value.table.day(dayOf(day), number(count))}
                </th>
              </tr>
              {answer.groups
                .filter((g) => g.day === day)
                .map((g) => (
                  <GroupRow
                    key={`${g.actor?.issuer}|${g.actor?.sub}|${g.organisation}|${g.clientAddress}|${g.outcome}|${g.reason}`}
                    g={g}
                    burst={inBurst(g, answer.bursts)}
                  />
                ))}
            </tbody>
          ))}
        </table>
      )}
      {answer.truncated && <p class="hint">{t.value.truncated(number(answer.groupLimit), number(answer.total))}</p>}
    </>
  );
}

function Actor({ actor }: { actor: RefusalActor }) {
  if (!actor) return <span class="refusals-no-token">{t.value.table.noToken}</span>;
  return (
    <>
      <span class="refusals-sub">{actor.sub}</span>
      {actor.role && <span class="muted"> ({t.value.roles[actor.role] ?? actor.role})</span>}
      {actor.issuer && <span class="refusals-issuer muted">{actor.issuer}</span>}
    </>
  );
}

function reasonText(reason: string): string | undefined {
  if (reason in problemStatuses) return errorMessage(reason as ProblemCode, locale.value);
  return t.value.reasons[reason];
}

function GroupRow({ g, burst }: { g: RefusalGroup; burst: boolean }) {
  const none = <span class="muted">{t.value.table.none}</span>;
  const explained = g.reason ? reasonText(g.reason) : undefined;
  return (
    <tr class={burst ? 'in-burst' : undefined}>
      <th scope="row">
        <Actor actor={g.actor} />
        {burst && <strong class="badge badge-burst"> {t.value.table.inBurst}</strong>}
      </th>
      <td>{g.organisation ?? none}</td>
      <td>{g.clientAddress ?? none}</td>
      <td>{t.value.outcomes[g.outcome]}</td>
      <td>
        {g.reason ? <code>{g.reason}</code> : none}
        {explained && <span class="refusals-help muted">{explained}</span>}
      </td>
      <td class="number">{number(g.count)}</td>
      <td>{g.count === 1 ? formatInstant(g.first) : span(g.first, g.last)}</td>
    </tr>
  );
}

function Bursts({ answer }: { answer: RefusalsAnswer }) {
  const { moreThan, minutes } = answer.burstRule;
  const b = t.value.bursts;
  if (answer.bursts.length === 0) return <p class="refusals-no-bursts">{b.none(moreThan, minutes)}</p>;
  return (
    <section class="refusal-bursts" aria-labelledby="refusal-bursts-title">
      <h2 id="refusal-bursts-title">{b.title(answer.bursts.length)}</h2>
      <p>{b.lead(moreThan, minutes)}</p>
      <ul>
        {answer.bursts.map((burst) => (
          <li key={`${burst.by}|${burst.actor?.sub}|${burst.clientAddress}|${burst.start}`}>
            <strong>{b.count(number(burst.count))}</strong>{' '}
            {burst.by === 'actor' ? (
              <>
                {b.fromActor} <Actor actor={burst.actor} />
                {burst.organisation && <> {b.inOrganisation(burst.organisation)}</>}
              </>
            ) : (
              <>
                {b.fromAddress} <code>{burst.clientAddress}</code>
              </>
            )}
            {' · '}
            <span class="refusals-when">{span(burst.start, burst.end)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
