import type { ComponentChildren } from 'preact';
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
import { NextStep } from './course-next-step.js';
import { OffersSection } from './course-offers.js';
import { PlanSection } from './course-plan.js';
import { CourseTabs, type CourseTab } from './course-tabs.js';
import { courseTexts } from './course-texts.js';
import { Alert } from '../alert.js';

const t = textsOf(courseTexts);

/** Whether the navigator works the course: taken and not ended. */
const inWork = (r: Referral) => !terminalStatuses.includes(r.status) && r.status !== 'sent' && r.status !== 'received';
/** Whether consents and WHO-5 belong to the course: once taken, also after it closed (the follow-up comes later). */
const evaluated = (r: Referral) => r.status !== 'sent' && r.status !== 'received' && r.status !== 'rejected' && r.status !== 'cancelled';

/**
 * One citizen's course, laid out for a working day: the citizen, the status, the next step and the dialogue with
 * the GP stay in view; the work (contacts, plan, offers, consents and WHO-5, the timeline) is in tabs beside them.
 */
export function Course({ id }: { id: string }) {
  const { client } = useInbox();
  const [course, reload] = useLoad(
    async (signal) => {
      const [referral, events, plan] = await Promise.all([
        client.getReferral(id, { signal }),
        client.listEvents(id, { signal }),
        client.getPlan(id, { signal }).catch(() => null),
      ]);
      return { referral, events, plan };
    },
    [id],
  );
  // A change made elsewhere (a colleague, the GP's cancellation) shows without a reload.
  useEffect(() => onLiveEvent((event) => event.referralId === id && event.type === 'referral.status_changed' && reload()), [id, reload]);
  const ready = course.state === 'ready';
  useEffect(() => {
    if (ready) document.getElementById('course-title')?.focus();
  }, [ready]);
  const [tab, setTab] = useState('contacts');

  const tx = t.value;
  if (course.state === 'loading') return <p aria-live="polite">{tx.loading}</p>;
  if (course.state === 'error') return <Alert message={course.message} />;
  const { referral, events, plan } = course.value;
  const tabs: CourseTab[] = [
    ...(inWork(referral)
      ? [
          { id: 'contacts', label: tx.tab.contacts, panel: <ContactsSection referral={referral} onChange={reload} /> },
          { id: 'plan', label: tx.tab.plan, panel: <PlanSection referral={referral} onChange={reload} /> },
          { id: 'offers', label: tx.tab.offers, panel: <OffersSection referral={referral} onChange={reload} /> },
        ]
      : []),
    ...(evaluated(referral) ? [{ id: 'evaluation', label: tx.tab.evaluation, panel: <EvaluationSection referral={referral} /> }] : []),
    { id: 'timeline', label: tx.tab.timeline, panel: <Timeline events={events} /> },
  ];
  return (
    <article class="course">
      <p class="back">
        <a href={hrefOf(lastList.value)}>← {tx.back}</a>
      </p>
      <div class="course-layout">
        <div class="course-main">
          <CitizenHeader referral={referral} actions={<CourseActions referral={referral} onChange={reload} />} />
          <NextStep referral={referral} plan={plan} />
          {/* Before the course is taken there is only its timeline: no tabs to choose between. */}
          {tabs.length > 1 ? <CourseTabs label={tx.tabsLabel} tabs={tabs} selected={tab} onSelect={setTab} /> : tabs[0]?.panel}
        </div>
        <MessagesSection referral={referral} />
      </div>
    </article>
  );
}

function CitizenHeader({ referral: r, actions }: { referral: Referral; actions: ComponentChildren }) {
  const tx = t.value;
  const l = locale.value;
  const [showCpr, setShowCpr] = useState(false);
  return (
    <header class="citizen">
      <div class="citizen-top">
        <div>
          <h1 id="course-title" tabIndex={-1}>
            {r.patient.name} <span class="muted">· {tx.years(r.patient.ageAtReferral)}</span>
          </h1>
          <p class="citizen-status">
            <span class={`status status-${r.status}`}>{statusLabels[l][r.status]}</span> · {tx.referredBy(r.referrer.name, r.practice.name)}{' '}
            · {formatInstant(r.createdAt)}
          </p>
        </div>
        {actions}
      </div>
      <dl class="facts">
        <div>
          <dt>{tx.cpr}</dt>
          <dd>
            {showCpr ? r.patient.cpr : `${r.patient.cpr.slice(0, 6)}-••••`}{' '}
            <button class="link" aria-pressed={showCpr} onClick={() => setShowCpr(!showCpr)}>
              {showCpr ? (l === 'da' ? 'Skjul' : 'Hide') : l === 'da' ? 'Vis' : 'Show'}
            </button>
          </dd>
        </div>
        <div>
          <dt>{tx.contactDetails}</dt>
          <dd>
            {r.contact.phone && (
              <>
                <a href={`tel:${r.contact.phone.replace(/\s/g, '')}`}>{r.contact.phone}</a>
                {r.contact.sms ? ` (${tx.smsOk})` : ''}
              </>
            )}
            {r.contact.email && (
              <>
                {r.contact.phone ? ' · ' : ''}
                {r.contact.email}
              </>
            )}
          </dd>
        </div>
        <div>
          <dt>{tx.reasons}</dt>
          <dd>{r.reasons.map((reason) => reasonLabels[l][reason]).join(', ')}</dd>
        </div>
        <div>
          <dt>{tx.companion}</dt>
          <dd>{tx.companionValue[r.companion]}</dd>
        </div>
        <div>
          <dt>{tx.owner}</dt>
          <dd>{r.owner?.name ?? tx.nobody}</dd>
        </div>
        {r.flags.length > 0 && (
          <div class="wide">
            <dt>{tx.flags}</dt>
            <dd>
              <ul class="flags">
                {r.flags.map((f) => (
                  <li key={f}>{tx.flag[f] ?? f}</li>
                ))}
              </ul>
            </dd>
          </div>
        )}
        {r.note && (
          <div class="wide">
            <dt>{tx.note}</dt>
            <dd class="note">{r.note}</dd>
          </div>
        )}
      </dl>
    </header>
  );
}

function Timeline({ events }: { events: ReferralEvent[] }) {
  const tx = t.value;
  const l = locale.value;
  return (
    <section class="card timeline" aria-labelledby="timeline-title">
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
    </section>
  );
}
