import { signal } from '@preact/signals';
import { useRef, useState } from 'preact/hooks';
import {
  caseloadSorts,
  reasonLabels,
  referralReasons,
  referralSorts,
  referralStatuses,
  startOfDanishDay,
  statusLabels,
  terminalStatuses,
  type ListedReferral,
  type ReferralReason,
  type ReferralSort,
  type ReferralStatus,
} from '@henvis/contracts';
import type { ListReferralsOptions } from '@henvis/sdk';
import { useInbox } from '../client-context.js';
import { daysSince, formatInstant, locale, textsOf } from '../locale.js';
import { hrefOf } from '../router.js';
import { failureOf, useLoad } from '../use-load.js';
import { referralListTexts } from './referral-list-texts.js';
import { Alert } from '../alert.js';
import { problemText } from '../api.js';
import { downloadCaseload } from './caseload-csv.js';
import { LikelyDuplicates } from './likely-duplicates.js';
import { useListKeys } from './list-keys.js';

const t = textsOf(referralListTexts);
const openStatuses = referralStatuses.filter((s) => !terminalStatuses.includes(s));
const OPEN = 'open';
type Age = keyof (typeof referralListTexts)['da']['ages'];
type ListView = 'new' | 'caseload' | 'all';

interface Filters {
  text: string;
  status: string;
  practice: string;
  reason: ReferralReason | '';
  age: Age;
  /** Danish calendar days (YYYY-MM-DD) the referral was made from and to, both included; '' for none. */
  from: string;
  to: string;
  sort: ReferralSort;
}

const none = { text: '', practice: '', reason: '', age: 'any', from: '', to: '' } as const;
const defaults: Record<ListView, Filters> = {
  new: { ...none, status: 'sent,received', sort: 'oldest' },
  caseload: { ...none, status: OPEN, sort: 'next_step' },
  all: { ...none, status: '', sort: 'newest' },
};

/** Practices seen in lists so far (id → name), for the practice filter. */
const knownPractices = signal(new Map<string, string>());

const DAY = 86_400_000;
/** The creation-time bounds of an age choice, fixed when the filter is applied so that its pages agree. */
function ageBounds(age: Age, now = Date.now()): Pick<ListReferralsOptions, 'from' | 'to'> {
  const before = (days: number) => new Date(now - days * DAY).toISOString();
  switch (age) {
    case 'week':
      return { from: before(7) };
    case 'older2':
      return { to: before(2) };
    case 'older7':
      return { to: before(7) };
    case 'older30':
      return { to: before(30) };
    default:
      return {};
  }
}

const dayAfter = (day: string) => new Date(Date.parse(`${day}T12:00:00Z`) + DAY).toISOString().slice(0, 10);
const later = (a?: string, b?: string) => (a && b ? (a > b ? a : b) : (a ?? b));
const earlier = (a?: string, b?: string) => (a && b ? (a < b ? a : b) : (a ?? b));

/** The creation-time bounds of the age and the days chosen together: the later start and the earlier end. */
function timeBounds(f: Filters): Pick<ListReferralsOptions, 'from' | 'to'> {
  const age = ageBounds(f.age);
  const from = later(age.from, f.from ? startOfDanishDay(f.from).toISOString() : undefined);
  const to = earlier(age.to, f.to ? startOfDanishDay(dayAfter(f.to)).toISOString() : undefined);
  return { ...(from ? { from } : {}), ...(to ? { to } : {}) };
}

function queryOf(view: ListView, f: Filters): ListReferralsOptions & { text?: string } {
  return {
    ...(view === 'new' ? { owner: 'none' as const } : view === 'caseload' ? { owner: 'me' as const } : {}),
    ...(f.status ? { status: (f.status === OPEN ? openStatuses : f.status.split(',')) as ReferralStatus[] } : {}),
    ...(f.practice ? { practice: f.practice } : {}),
    ...(f.reason ? { reason: f.reason } : {}),
    ...timeBounds(f),
    sort: f.sort,
    ...(f.text.trim() ? { text: f.text.trim() } : {}),
  };
}

/** A Danish calendar day as people read it. */
const formatDay = (day: string) => formatInstant(`${day}T12:00:00Z`, 'date');

/**
 * New referrals, "Mine forløb" (the caseload, with each course's last contact and next step, and a CSV of it), or
 * all: search, filters, sorting, pages of 25, likely duplicates marked, and keyboard shortcuts.
 */
export function ReferralList({ view }: { view: ListView }) {
  const { client } = useInbox();
  const section = useRef<HTMLElement>(null);
  useListKeys(section);
  const [exporting, setExporting] = useState<'idle' | 'busy' | { failed: string }>('idle');
  const [draft, setDraft] = useState<Filters>(defaults[view]);
  const [query, setQuery] = useState(() => queryOf(view, defaults[view]));
  const [cursors, setCursors] = useState<string[]>([]);
  const cursor = cursors.at(-1);
  const [page] = useLoad(
    async (signal) => {
      const options = { ...query, ...(cursor ? { cursor } : {}) };
      const result = options.text ? await client.searchReferrals(options, { signal }) : await client.listReferrals(options, { signal });
      const practices = new Map(knownPractices.value);
      for (const r of result.items) practices.set(r.practice.id, r.practice.name);
      if (practices.size !== knownPractices.value.size) knownPractices.value = practices;
      return result;
    },
    [query, cursor],
  );

  const apply = (filters: Filters) => {
    if (filters.from && filters.to && filters.from > filters.to) return;
    setDraft(filters);
    setQuery(queryOf(view, filters));
    setCursors([]);
  };
  const set = (name: keyof Filters) => (event: Event) =>
    setDraft({ ...draft, [name]: (event.currentTarget as HTMLInputElement | HTMLSelectElement).value });
  const tx = t.value;
  const l = locale.value;
  const caseload = view === 'caseload';
  const sorts = referralSorts.filter((s) => caseload || !caseloadSorts.includes(s));
  const datesWrong = Boolean(draft.from && draft.to && draft.from > draft.to);
  const download = () => {
    setExporting('busy');
    downloadCaseload(client, query, l).then(
      () => setExporting('idle'),
      (error: unknown) => setExporting({ failed: problemText(error) }),
    );
  };

  return (
    <section aria-labelledby="list-title" ref={section}>
      <h1 id="list-title">{tx.title[view]}</h1>
      <p class="lead">{tx.lead[view]}</p>
      <form
        class="filters"
        role="search"
        aria-label={tx.filters}
        onSubmit={(event) => {
          event.preventDefault();
          apply(draft);
        }}
      >
        <label class="wide">
          {tx.search}
          <input type="search" value={draft.text} onInput={set('text')} autoComplete="off" maxLength={100} />
        </label>
        <label>
          {tx.status}
          <select value={draft.status} onChange={set('status')}>
            <option value="">{tx.anyStatus}</option>
            <option value={OPEN}>{tx.openStatuses}</option>
            {view === 'new' && <option value="sent,received">{`${statusLabels[l].sent} / ${statusLabels[l].received}`}</option>}
            {referralStatuses.map((s) => (
              <option key={s} value={s}>
                {statusLabels[l][s]}
              </option>
            ))}
          </select>
        </label>
        <label>
          {tx.practice}
          <select value={draft.practice} onChange={set('practice')}>
            <option value="">{tx.anyPractice}</option>
            {[...knownPractices.value].map(([id, name]) => (
              <option key={id} value={id}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {tx.reason}
          <select value={draft.reason} onChange={set('reason')}>
            <option value="">{tx.anyReason}</option>
            {referralReasons.map((r) => (
              <option key={r} value={r}>
                {reasonLabels[l][r]}
              </option>
            ))}
          </select>
        </label>
        <label>
          {tx.age}
          <select value={draft.age} onChange={set('age')}>
            {(Object.keys(tx.ages) as Age[]).map((a) => (
              <option key={a} value={a}>
                {tx.ages[a]}
              </option>
            ))}
          </select>
        </label>
        <label>
          {tx.from}
          <input type="date" value={draft.from} onInput={set('from')} max={draft.to || undefined} aria-invalid={datesWrong || undefined} />
        </label>
        <label>
          {tx.to}
          <input type="date" value={draft.to} onInput={set('to')} min={draft.from || undefined} aria-invalid={datesWrong || undefined} />
        </label>
        <label>
          {tx.sort}
          <select value={draft.sort} onChange={set('sort')}>
            {sorts.map((s) => (
              <option key={s} value={s}>
                {tx.sorts[s]}
              </option>
            ))}
          </select>
        </label>
        {datesWrong && (
          <p class="field-error" role="alert">
            {tx.fromAfterTo}
          </p>
        )}
        <div class="buttons">
          <button type="submit" class="primary">
            {tx.apply}
          </button>
          <button type="button" onClick={() => apply(defaults[view])}>
            {tx.reset}
          </button>
        </div>
      </form>

      {page.state === 'loading' && <p aria-live="polite">{tx.loading}</p>}
      <Alert message={failureOf(page)} />
      {page.state === 'ready' &&
        (page.value.items.length === 0 ? (
          <p class="empty">{tx.empty}</p>
        ) : (
          <>
            <table class="referrals">
              <caption>{tx.caption(page.value.items.length, cursors.length + 1)}</caption>
              <thead>
                <tr>
                  {Object.values(caseload ? tx.caseloadColumns : tx.columns).map((name) => (
                    <th key={name} scope="col">
                      {name}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>{page.value.items.map((r) => (caseload ? <CourseRow key={r.id} r={r} /> : <ReferralRow key={r.id} r={r} />))}</tbody>
            </table>
            <p class="muted keys">{tx.keys}</p>
          </>
        ))}
      {caseload && (
        <div class="export">
          <button type="button" onClick={download} disabled={exporting === 'busy'}>
            {exporting === 'busy' ? tx.exporting : tx.export}
          </button>
          <p class="muted">{tx.exportHint}</p>
          <Alert message={typeof exporting === 'object' ? exporting.failed : undefined} />
        </div>
      )}
      <nav class="pager" aria-label={tx.page(cursors.length + 1)}>
        <button disabled={cursors.length === 0} onClick={() => setCursors(cursors.slice(0, -1))}>
          {tx.previous}
        </button>
        <span>{tx.page(cursors.length + 1)}</span>
        <button
          disabled={page.state !== 'ready' || !page.value.nextCursor}
          onClick={() => page.state === 'ready' && page.value.nextCursor && setCursors([...cursors, page.value.nextCursor])}
        >
          {tx.next}
        </button>
      </nav>
    </section>
  );
}

function Citizen({ r }: { r: ListedReferral }) {
  return (
    <th scope="row">
      <a href={hrefOf({ view: 'course', id: r.id })}>{r.patient.name}</a>
      <span class="muted"> · {t.value.years(r.patient.ageAtReferral)}</span>
    </th>
  );
}

/** The status, and the mark of a likely duplicate beside it. */
function Status({ r }: { r: ListedReferral }) {
  return (
    <td>
      <span class={`status status-${r.status}`}>{statusLabels[locale.value][r.status]}</span>
      <LikelyDuplicates others={r.likelyDuplicates} />
    </td>
  );
}

function Referred({ r }: { r: ListedReferral }) {
  return (
    <td>
      {formatInstant(r.createdAt, 'date')}
      <span class="muted"> · {t.value.age_(daysSince(r.createdAt))}</span>
    </td>
  );
}

function ReferralRow({ r }: { r: ListedReferral }) {
  const l = locale.value;
  return (
    <tr>
      <Citizen r={r} />
      <td>{r.practice.name}</td>
      <td>{r.reasons.map((reason) => reasonLabels[l][reason]).join(', ')}</td>
      <Status r={r} />
      <Referred r={r} />
      <td>{r.owner?.name ?? <span class="muted">{t.value.nobody}</span>}</td>
    </tr>
  );
}

/** A course of "Mine forløb": when the citizen was last contacted, and the plan's next step with its day. */
function CourseRow({ r }: { r: ListedReferral }) {
  const tx = t.value;
  const last = r.course?.lastContactAt;
  return (
    <tr>
      <Citizen r={r} />
      <td>{r.practice.name}</td>
      <Status r={r} />
      <td>
        {last ? (
          <>
            {formatInstant(last, 'date')}
            <span class="muted"> · {tx.age_(daysSince(last))}</span>
          </>
        ) : (
          <span class="muted">{tx.noContact}</span>
        )}
      </td>
      <td>{r.course?.nextStep ?? <span class="muted">{tx.noNextStep}</span>}</td>
      <td>{r.course?.nextStepDate ? formatDay(r.course.nextStepDate) : ''}</td>
      <Referred r={r} />
    </tr>
  );
}
