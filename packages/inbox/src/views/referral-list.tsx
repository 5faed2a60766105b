import { signal } from '@preact/signals';
import { useState } from 'preact/hooks';
import {
  reasonLabels,
  referralReasons,
  referralStatuses,
  statusLabels,
  terminalStatuses,
  type ReferralReason,
  type ReferralStatus,
} from '@henvis/contracts';
import type { ListReferralsOptions } from '@henvis/sdk';
import { useInbox } from '../client-context.js';
import { daysSince, formatInstant, locale, textsOf } from '../locale.js';
import { hrefOf } from '../router.js';
import { failureOf, useLoad } from '../use-load.js';
import { referralListTexts } from './referral-list-texts.js';
import { Alert } from '../alert.js';

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
  sort: 'newest' | 'oldest';
}

const defaults: Record<ListView, Filters> = {
  new: { text: '', status: 'sent,received', practice: '', reason: '', age: 'any', sort: 'oldest' },
  caseload: { text: '', status: OPEN, practice: '', reason: '', age: 'any', sort: 'newest' },
  all: { text: '', status: '', practice: '', reason: '', age: 'any', sort: 'newest' },
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

function queryOf(view: ListView, f: Filters): ListReferralsOptions & { text?: string } {
  return {
    ...(view === 'new' ? { owner: 'none' as const } : view === 'caseload' ? { owner: 'me' as const } : {}),
    ...(f.status ? { status: (f.status === OPEN ? openStatuses : f.status.split(',')) as ReferralStatus[] } : {}),
    ...(f.practice ? { practice: f.practice } : {}),
    ...(f.reason ? { reason: f.reason } : {}),
    ...ageBounds(f.age),
    sort: f.sort,
    ...(f.text.trim() ? { text: f.text.trim() } : {}),
  };
}

/** New referrals, the caseload, or all: search, filters, sorting and pages of 25. */
export function ReferralList({ view }: { view: ListView }) {
  const { client } = useInbox();
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
    setDraft(filters);
    setQuery(queryOf(view, filters));
    setCursors([]);
  };
  const set = (name: keyof Filters) => (event: Event) =>
    setDraft({ ...draft, [name]: (event.currentTarget as HTMLInputElement | HTMLSelectElement).value });
  const tx = t.value;
  const l = locale.value;

  return (
    <section aria-labelledby="list-title">
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
          {tx.sort}
          <select value={draft.sort} onChange={set('sort')}>
            <option value="newest">{tx.sorts.newest}</option>
            <option value="oldest">{tx.sorts.oldest}</option>
          </select>
        </label>
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
          <table class="referrals">
            <caption>{tx.caption(page.value.items.length, cursors.length + 1)}</caption>
            <thead>
              <tr>
                {Object.values(tx.columns).map((name) => (
                  <th key={name} scope="col">
                    {name}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {page.value.items.map((r) => (
                <tr key={r.id}>
                  <th scope="row">
                    <a href={hrefOf({ view: 'course', id: r.id })}>{r.patient.name}</a>
                    <span class="muted"> · {tx.years(r.patient.ageAtReferral)}</span>
                  </th>
                  <td>{r.practice.name}</td>
                  <td>{r.reasons.map((reason) => reasonLabels[l][reason]).join(', ')}</td>
                  <td>
                    <span class={`status status-${r.status}`}>{statusLabels[l][r.status]}</span>
                  </td>
                  <td>
                    {formatInstant(r.createdAt, 'date')}
                    <span class="muted"> · {tx.age_(daysSince(r.createdAt))}</span>
                  </td>
                  <td>{r.owner?.name ?? <span class="muted">{tx.nobody}</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
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
