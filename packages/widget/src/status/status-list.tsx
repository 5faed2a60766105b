import { useSignal } from '@preact/signals';
import { useLazyComponent } from '../lazy.js';
import { closeReasonLabels, consentKinds, consentValidity, lastValidDay, rejectReasonLabels, type ConsentRecord } from '@henvis/contracts';
import { consentPanelTexts } from '../consent/consent-panel-texts.js';
import { formatDate } from '../i18n.js';
import { ReferralMessages } from './referral-messages.js';
import { statusModelOf } from './status-model.js';
import { statusTexts } from './status-texts.js';
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
              <ol class="events" aria-label={t.statusTitle}>
                {(events[r.id] ?? []).slice(-3).map((e) => (
                  <li key={e.id}>
                    {formatDate(e.at, locale)}: {t.status[e.to]} {t.by(e.actor.name)}
                  </li>
                ))}
              </ol>
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

function EndSummary({ summary }: { summary: { title: string; reason: string | undefined; note: string | undefined } | undefined }) {
  if (!summary) return null;
  return (
    <p class="summary">
      <strong>{summary.title}</strong> {summary.reason ? `${summary.reason}. ` : ''}
      {summary.note}
    </p>
  );
}
