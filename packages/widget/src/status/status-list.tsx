import { useSignal } from '@preact/signals';
import { useLazyComponent } from '../lazy.js';
import {
  closeReasonLabels,
  consentKinds,
  consentValidity,
  lastValidDay,
  rejectReasonLabels,
  type ConsentRecord,
  type Locale,
  type Referral,
  type ReferralEvent,
  type ReferralStatus,
} from '@henvis/contracts';
import { consentPanelTexts } from '../consent/consent-panel-texts.js';
import { formatDate, type Texts } from '../i18n.js';
import { ReferralMessages } from './referral-messages.js';
import { statusModelOf } from './status-model.js';
import { statusTexts, type StatusTexts } from './status-texts.js';
import { statusCss } from './status-styles.js';
import type { WidgetStore } from '../widget-store.js';
import { RetryAlert } from '../retry-alert.js';

/** The current patient's referrals, their status in plain words, and the latest events. */
export function StatusList({ store }: { store: WidgetStore }) {
  const model = statusModelOf(store);
  const { state, referrals, events, consents, messages } = model.view.value;
  const t = store.t.value;
  const locale = store.options.value.locale ?? 'da';
  const c = consentPanelTexts[locale];
  const st = statusTexts[locale];
  /** The navigator's closing summary (or reason for rejecting) with its reason, as the GP should read it. */
  const summaryOf = (id: string) => {
    const end = [...(events[id] ?? [])].reverse().find((e) => (e.to === 'closed' || e.to === 'rejected') && e.note);
    if (!end) return undefined;
    const reasons: Record<string, string> = end.to === 'closed' ? closeReasonLabels[locale] : rejectReasonLabels[locale];
    return { title: end.to === 'closed' ? st.summary : st.rejection, reason: end.reason ? reasons[end.reason] : undefined, note: end.note };
  };
  // The GP records or withdraws a consent from the journal too: the consent panel opens under the referral.
  const consentsOf = useSignal<string | null>(null);
  /** The referrals whose whole timeline the GP asked to see; the others show its latest steps. */
  const wholeTimeline = useSignal<ReadonlySet<string>>(new Set());
  const panel = useLazyComponent(
    () => consentsOf.value !== null,
    () => import(/* webpackChunkName: "consent" */ '../consent/consent-panel.js').then((m) => m.ConsentPanel),
    () => (consentsOf.value = null),
  );
  const toggle = (id: string) => {
    consentsOf.value = consentsOf.peek() === id ? null : id;
    if (consentsOf.peek() === null) model.reloadConsents(id);
  };
  /** Where a consent stands now, in words: the GP sees what the navigator recorded, in the journal. */
  const consentLine = (records: ConsentRecord[] = []) =>
    consentKinds
      .map((kind) => {
        const current = records.find((r) => r.kind === kind);
        if (!current) return undefined;
        const validity = consentValidity(current, new Date());
        const date = (iso: string) => formatDate(iso, locale);
        const state =
          current.decision === 'declined'
            ? c.decision.declined
            : validity.valid
              ? c.given(date(current.decidedAt))
              : current.withdrawnAt
                ? c.withdrawn(date(current.withdrawnAt))
                : c.expired(date(lastValidDay(current.kind, new Date(current.decidedAt)) ?? current.decidedAt));
        return `${c.kind[kind]}: ${state.toLowerCase()}`;
      })
      .filter(Boolean)
      .join(' · ');
  return (
    <section class="status" aria-labelledby="henvis-status-title" aria-busy={state === 'loading'}>
      <style nonce={store.options.value.cspNonce}>{statusCss}</style>
      <h3 id="henvis-status-title">{t.statusTitle}</h3>
      {state === 'loading' && referrals.length === 0 && <p role="status">{t.statusLoading}</p>}
      {state === 'error' && (
        <RetryAlert retryLabel={t.retry} onRetry={() => void model.refresh()}>
          {t.statusError}
        </RetryAlert>
      )}
      {state === 'ready' && referrals.length === 0 && <p>{t.statusEmpty}</p>}
      {referrals.length > 0 && (
        <ul>
          {referrals.map((r) => (
            <li key={r.id} class="card">
              <span class="pill">{t.status[r.status]}</span> {t.sentOn(formatDate(r.createdAt, locale))} ·{' '}
              {r.reasons.map((x) => t.reason[x]).join(', ')}
              {r.flags.length > 0 && <span class="flags"> · {t.flagged}</span>}
              <Timeline
                referral={r}
                events={events[r.id] ?? []}
                whole={wholeTimeline.value.has(r.id)}
                onToggle={(whole) => {
                  const next = new Set(wholeTimeline.peek());
                  if (whole) next.add(r.id);
                  else next.delete(r.id);
                  wholeTimeline.value = next;
                }}
                texts={{ ...t, ...st }}
                locale={locale}
              />
              <EndSummary summary={summaryOf(r.id)} />
              {consents[r.id]?.length ? <p class="consents">{consentLine(consents[r.id])}</p> : null}
              {r.patient.ageAtReferral >= 18 && (
                <button type="button" class="link" aria-expanded={consentsOf.value === r.id} onClick={() => toggle(r.id)}>
                  {c.title}
                </button>
              )}
              {consentsOf.value === r.id && panel.Component && <panel.Component store={store} referralId={r.id} />}
              <ReferralMessages referralId={r.id} messages={messages[r.id] ?? []} locale={locale} roles={c.role} model={model} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The steps shown before the GP asks for the whole timeline. */
const LATEST = 3;

/**
 * A referral's timeline (forløb), oldest first: its sending, taken from the referral itself (so it is there the
 * moment the referral is sent from this page), then each status change. The latest steps show; the whole timeline
 * on demand. No list numbers: "1." before "2. dec. 2026" read as one date.
 */
function Timeline(props: {
  referral: Referral;
  events: ReferralEvent[];
  whole: boolean;
  onToggle: (whole: boolean) => void;
  texts: Texts & StatusTexts;
  locale: Locale;
}) {
  const { referral: r, events, whole, onToggle, texts: t, locale } = props;
  const steps: { id: string; at: string; status: ReferralStatus; by: string }[] = [
    { id: `${r.id}-sent`, at: r.createdAt, status: 'sent', by: r.referrer.name },
    ...events.filter((e) => e.type !== 'created').map((e) => ({ id: e.id, at: e.at, status: e.to, by: e.actor.name })),
  ];
  const shown = whole ? steps : steps.slice(-LATEST);
  const id = `henvis-timeline-${r.id}`;
  return (
    <>
      <ol id={id} class="events" role="list" aria-label={t.timeline}>
        {shown.map((step) => (
          <li key={step.id}>
            <time dateTime={step.at}>{formatDate(step.at, locale)}</time> · {t.status[step.status]} · {step.by}
          </li>
        ))}
      </ol>
      {steps.length > LATEST && (
        <button type="button" class="link" aria-expanded={whole} aria-controls={id} onClick={() => onToggle(!whole)}>
          {whole ? t.latestOnly : t.wholeTimeline(steps.length)}
        </button>
      )}
    </>
  );
}

function EndSummary({ summary }: { summary: { title: string; reason: string | undefined; note: string | undefined } | undefined }) {
  if (!summary) return null;
  return (
    <p class="summary">
      <strong>{summary.title}</strong> {summary.reason ? `${summary.reason}. ` : ''}
      {summary.note}
    </p>
  );
}
