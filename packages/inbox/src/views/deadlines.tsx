import { useState } from 'preact/hooks';
import { useInbox } from '../client-context.js';
import { formatDeadline, formatInstant, textsOf } from '../locale.js';
import { hrefOf } from '../router.js';
import { failureOf, useLoad } from '../use-load.js';
import { deadlinesTexts } from './deadlines-texts.js';
import { Alert } from '../alert.js';

const t = textsOf(deadlinesTexts);

/**
 * "Frister": referrals waiting for their first contact, courses whose plan's next step has come, and WHO-5 follow-ups
 * that are due or overdue.
 */
export function Deadlines() {
  return (
    <div class="deadlines">
      <h1>{t.value.title}</h1>
      <p class="lead">{t.value.lead}</p>
      <FirstContacts />
      <NextSteps />
      <FollowUps />
    </div>
  );
}

function FirstContacts() {
  const { client } = useInbox();
  const [onlyOverdue, setOnlyOverdue] = useState(false);
  const [items] = useLoad((signal) => client.listFirstContacts(onlyOverdue ? { state: 'overdue' } : {}, { signal }), [onlyOverdue]);
  const f = t.value.firstContacts;
  return (
    <section aria-labelledby="first-contacts-title">
      <h2 id="first-contacts-title">{f.title}</h2>
      <p>{f.lead}</p>
      <label class="check">
        <input type="checkbox" checked={onlyOverdue} onChange={(e) => setOnlyOverdue(e.currentTarget.checked)} />
        {f.onlyOverdue}
      </label>
      {items.state === 'loading' && <p aria-busy="true">{f.loading}</p>}
      <Alert message={failureOf(items)} />
      {items.state === 'ready' &&
        (items.value.length === 0 ? (
          <p class="empty">{onlyOverdue ? f.emptyOverdue : f.empty}</p>
        ) : (
          <table class="data">
            <caption>{f.caption(items.value.length)}</caption>
            <thead>
              <tr>
                <th scope="col">{f.citizen}</th>
                <th scope="col">{f.practice}</th>
                <th scope="col">{f.sentAt}</th>
                <th scope="col">{f.dueAt}</th>
                <th scope="col">{f.state}</th>
                <th scope="col">{f.owner}</th>
              </tr>
            </thead>
            <tbody>
              {items.value.map((item) => (
                <tr key={item.referralId} class={item.overdue ? 'overdue' : undefined}>
                  <th scope="row">
                    <a href={hrefOf({ view: 'course', id: item.referralId })}>{item.patientName}</a>
                  </th>
                  <td>{item.practiceName}</td>
                  <td>{formatInstant(item.sentAt)}</td>
                  <td>{formatDeadline(item.dueAt)}</td>
                  <td>{item.overdue ? <strong class="badge badge-overdue">{f.overdue}</strong> : f.onTime}</td>
                  <td>{item.owner?.name ?? <span class="muted">{f.nobody}</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
    </section>
  );
}

/** A Danish calendar day as people read it. */
const formatDay = (day: string) => formatInstant(`${day}T12:00:00Z`, 'date');

function NextSteps() {
  const { client } = useInbox();
  const [onlyMine, setOnlyMine] = useState(false);
  const [items] = useLoad((signal) => client.listNextSteps(onlyMine ? { owner: 'me' } : {}, { signal }), [onlyMine]);
  const f = t.value.nextSteps;
  return (
    <section aria-labelledby="next-steps-title">
      <h2 id="next-steps-title">{f.title}</h2>
      <p>{f.lead}</p>
      <label class="check">
        <input type="checkbox" checked={onlyMine} onChange={(e) => setOnlyMine(e.currentTarget.checked)} />
        {f.onlyMine}
      </label>
      {items.state === 'loading' && <p aria-busy="true">{f.loading}</p>}
      <Alert message={failureOf(items)} />
      {items.state === 'ready' &&
        (items.value.length === 0 ? (
          <p class="empty">{f.empty}</p>
        ) : (
          <table class="data">
            <caption>{f.caption(items.value.length)}</caption>
            <thead>
              <tr>
                <th scope="col">{f.citizen}</th>
                <th scope="col">{f.practice}</th>
                <th scope="col">{f.nextStep}</th>
                <th scope="col">{f.date}</th>
                <th scope="col">{f.state}</th>
                <th scope="col">{f.owner}</th>
              </tr>
            </thead>
            <tbody>
              {items.value.map((item) => (
                <tr key={item.referralId} class={item.overdue ? 'overdue' : undefined}>
                  <th scope="row">
                    <a href={hrefOf({ view: 'course', id: item.referralId })}>{item.patientName}</a>
                  </th>
                  <td>{item.practiceName}</td>
                  <td>{item.nextStep}</td>
                  <td>{formatDay(item.nextStepDate)}</td>
                  <td>{item.overdue ? <strong class="badge badge-overdue">{f.overdue}</strong> : f.today}</td>
                  <td>{item.owner?.name}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
    </section>
  );
}

type FollowUpFilter = 'all' | 'due' | 'overdue';

function FollowUps() {
  const { client } = useInbox();
  const [filter, setFilter] = useState<FollowUpFilter>('all');
  const [list] = useLoad((signal) => client.listFollowUps(filter === 'all' ? {} : { state: filter }, { signal }), [filter]);
  const f = t.value.followUps;
  return (
    <section aria-labelledby="follow-ups-title">
      <h2 id="follow-ups-title">{f.title}</h2>
      <p>{f.lead}</p>
      <div class="field">
        <label for="follow-up-filter">{f.show}</label>
        <select id="follow-up-filter" value={filter} onChange={(e) => setFilter(e.currentTarget.value as FollowUpFilter)}>
          {(Object.keys(f.states) as FollowUpFilter[]).map((state) => (
            <option key={state} value={state}>
              {f.states[state]}
            </option>
          ))}
        </select>
      </div>
      {list.state === 'loading' && <p aria-busy="true">{f.loading}</p>}
      <Alert message={failureOf(list)} />
      {list.state === 'ready' &&
        (list.value.items.length === 0 ? (
          <p class="empty">{f.empty}</p>
        ) : (
          <table class="data">
            <caption>{f.caption(list.value.items.length)}</caption>
            <thead>
              <tr>
                <th scope="col">{f.citizen}</th>
                <th scope="col">{f.baseline}</th>
                <th scope="col">{f.dueAt}</th>
                <th scope="col">{f.overdueAt}</th>
                <th scope="col">{f.state}</th>
              </tr>
            </thead>
            <tbody>
              {list.value.items.map((item) => (
                <tr key={item.referralId} class={item.state === 'overdue' ? 'overdue' : undefined}>
                  <th scope="row">
                    <a href={hrefOf({ view: 'course', id: item.referralId })}>{item.patientName}</a>
                  </th>
                  <td>{formatInstant(item.baselineTakenAt, 'date')}</td>
                  <td>{formatInstant(item.dueAt, 'date')}</td>
                  <td>{formatInstant(item.overdueAt, 'date')}</td>
                  <td>
                    {item.state === 'overdue' ? (
                      <strong class="badge badge-overdue">{f.stateLabels.overdue}</strong>
                    ) : (
                      f.stateLabels[item.state]
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
    </section>
  );
}
