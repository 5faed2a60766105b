import { useEffect, useState } from 'preact/hooks';
import { reasonLabels, statusLabels, terminalStatuses, type Referral, type ReferralEvent } from '@henvis/contracts';
import { useInbox } from '../client-context.js';
import { onLiveEvent } from '../live.js';
import { formatInstant, locale, textsOf } from '../locale.js';
import { hrefOf, lastList } from '../router.js';
import { useLoad } from '../use-load.js';
import { CourseActions } from './course-actions.js';
import { ContactsSection } from './course-contacts.js';
import { EvaluationSection } from './course-evaluation.js';
import { MessagesSection } from './course-messages.js';
import { OffersSection } from './course-offers.js';
import { PlanSection } from './course-plan.js';
import { courseTexts } from './course-texts.js';
import { Alert } from '../alert.js';

const t = textsOf(courseTexts);

/** One citizen's course: the referral, what to do next, the timeline, contacts, plan, offers and messages. */
export function Course({ id }: { id: string }) {
  const { client } = useInbox();
  const [course, reload] = useLoad(
    async (signal) => {
      const [referral, events] = await Promise.all([client.getReferral(id, { signal }), client.listEvents(id, { signal })]);
      return { referral, events };
    },
    [id],
  );
  // A change made elsewhere (a colleague, the GP's cancellation) shows without a reload.
  useEffect(() => onLiveEvent((event) => event.referralId === id && event.type === 'referral.status_changed' && reload()), [id, reload]);
  const ready = course.state === 'ready';
  useEffect(() => {
    if (ready) document.getElementById('course-title')?.focus();
  }, [ready]);

  const tx = t.value;
  if (course.state === 'loading') return <p aria-live="polite">{tx.loading}</p>;
  if (course.state === 'error') return <Alert message={course.message} />;
  const { referral, events } = course.value;
  const open = !terminalStatuses.includes(referral.status);
  return (
    <article class="course">
      <p>
        <a href={hrefOf(lastList.value)}>← {tx.back}</a>
      </p>
      <CitizenHeader referral={referral} />
      <CourseActions referral={referral} onChange={reload} />
      <div class="course-grid">
        <div>
          {open && referral.status !== 'sent' && referral.status !== 'received' && (
            <>
              <ContactsSection referral={referral} onChange={reload} />
              <PlanSection referral={referral} onChange={reload} />
              <OffersSection referral={referral} onChange={reload} />
            </>
          )}
          {referral.status !== 'sent' &&
            referral.status !== 'received' &&
            referral.status !== 'rejected' &&
            referral.status !== 'cancelled' && <EvaluationSection referral={referral} />}
          <MessagesSection referral={referral} />
        </div>
        <Timeline events={events} />
      </div>
    </article>
  );
}

function CitizenHeader({ referral: r }: { referral: Referral }) {
  const tx = t.value;
  const l = locale.value;
  const [showCpr, setShowCpr] = useState(false);
  return (
    <header class="citizen">
      <h1 id="course-title" tabIndex={-1}>
        {r.patient.name} <span class="muted">· {tx.years(r.patient.ageAtReferral)}</span>
      </h1>
      <p>
        <span class={`status status-${r.status}`}>{statusLabels[l][r.status]}</span> · {tx.referredBy(r.referrer.name, r.practice.name)} ·{' '}
        {formatInstant(r.createdAt)}
      </p>
      <dl class="facts">
        <dt>{tx.cpr}</dt>
        <dd>
          {showCpr ? r.patient.cpr : `${r.patient.cpr.slice(0, 6)}-••••`}{' '}
          <button class="link" aria-pressed={showCpr} onClick={() => setShowCpr(!showCpr)}>
            {showCpr ? (l === 'da' ? 'Skjul' : 'Hide') : l === 'da' ? 'Vis' : 'Show'}
          </button>
        </dd>
        <dt>{tx.contactDetails}</dt>
        <dd>
          {r.contact.phone && (
            <>
              {tx.phone}: <a href={`tel:${r.contact.phone.replace(/\s/g, '')}`}>{r.contact.phone}</a>
              {r.contact.sms ? ` (${tx.smsOk})` : ''}
            </>
          )}
          {r.contact.email && (
            <>
              {r.contact.phone ? ' · ' : ''}
              {tx.email}: {r.contact.email}
            </>
          )}
        </dd>
        <dt>{tx.reasons}</dt>
        <dd>{r.reasons.map((reason) => reasonLabels[l][reason]).join(', ')}</dd>
        {r.note && (
          <>
            <dt>{tx.note}</dt>
            <dd class="note">{r.note}</dd>
          </>
        )}
        <dt>{tx.companion}</dt>
        <dd>{tx.companionValue[r.companion]}</dd>
        {r.flags.length > 0 && (
          <>
            <dt>{tx.flags}</dt>
            <dd>
              <ul class="flags">
                {r.flags.map((f) => (
                  <li key={f}>{tx.flag[f] ?? f}</li>
                ))}
              </ul>
            </dd>
          </>
        )}
        <dt>{tx.owner}</dt>
        <dd>{r.owner?.name ?? tx.nobody}</dd>
      </dl>
    </header>
  );
}

function Timeline({ events }: { events: ReferralEvent[] }) {
  const tx = t.value;
  const l = locale.value;
  return (
    <aside class="timeline" aria-labelledby="timeline-title">
      <h2 id="timeline-title">{tx.timeline}</h2>
      <ol>
        {[...events].reverse().map((e) => (
          <li key={e.id}>
            <strong>{statusLabels[l][e.to]}</strong>
            <div class="muted">
              {formatInstant(e.at)} · {tx.by(e.actor.name)}
            </div>
            {e.note && <p class="note">{e.note}</p>}
          </li>
        ))}
      </ol>
    </aside>
  );
}
