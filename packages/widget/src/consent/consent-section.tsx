import { useSignal } from '@preact/signals';
import { Fragment } from 'preact';
import { useLayoutEffect, useRef } from 'preact/hooks';
import {
  consentMethods,
  consentText,
  consentValidity,
  lastValidDay,
  type ConsentKind,
  type ConsentRecord,
  type Locale,
} from '@henvis/contracts';
import { consentPanelTexts, type ConsentPanelTexts } from './consent-panel-texts.js';
import { asHenvisError } from '../evaluation-api.js';
import { formatDate } from '../i18n.js';
import { errorText } from '../error-text.js';

/** What a section asks of the panel; both reject with a `HenvisError` the section shows. */
export interface ConsentActions {
  record(kind: ConsentKind, decision: ConsentRecord['decision'], method: ConsentRecord['method']): Promise<void>;
  withdraw(consent: ConsentRecord): Promise<void>;
}

type Shown = { state: 'not_asked' | 'given' | 'declined' | 'withdrawn' | 'expired'; label: string; lastDay?: string | undefined };

/** The state of the consent in force (the newest of its kind), in words. */
function shownState(current: ConsentRecord | undefined, t: ConsentPanelTexts, locale: Locale, now: Date): Shown {
  if (!current) return { state: 'not_asked', label: t.notAsked };
  const validity = consentValidity(current, now);
  const date = (iso: string) => formatDate(iso, locale);
  const lastDay = lastValidDay(current.kind, new Date(current.decidedAt));
  // A decision stamped by the server a moment ahead of this computer's clock is given, not "not yet given".
  if (validity.valid || validity.reason === 'not_yet_given') return { state: 'given', label: t.given(date(current.decidedAt)), lastDay };
  if (validity.reason === 'declined') return { state: 'declined', label: t.declined(date(current.decidedAt)) };
  if (validity.reason === 'withdrawn') return { state: 'withdrawn', label: t.withdrawn(date(current.withdrawnAt ?? current.decidedAt)) };
  // Only a consent that lapses can have expired, and one that lapses has a last day.
  return { state: 'expired', label: t.expired(lastDay ? date(lastDay) : '') };
}

function historyLine(r: ConsentRecord, t: ConsentPanelTexts, locale: Locale): string {
  const date = (iso: string) => formatDate(iso, locale);
  const line = `${date(r.decidedAt)}: ${t.decision[r.decision]}, ${t.method[r.method].toLowerCase()}, ${t.informedBy(r.informedBy.name, t.role[r.informedBy.role], t.setting[r.setting])}. ${t.textVersion(r.textVersion)} (${r.locale}).`;
  return r.withdrawnAt ? `${line} ${t.withdrawnBy(date(r.withdrawnAt), r.withdrawnBy?.name ?? '')}` : line;
}

/** One consent: its exact text, its state, how to record or withdraw it, and its history. Never merged with the other. */
export function ConsentSection({
  kind,
  history,
  locale,
  actions,
}: {
  kind: ConsentKind;
  history: ConsentRecord[];
  locale: Locale;
  actions: ConsentActions;
}) {
  const t = consentPanelTexts[locale];
  const text = consentText(kind, locale);
  const method = useSignal<ConsentRecord['method']>('signed_on_screen');
  const confirmed = useSignal(false);
  const confirmMissing = useSignal(false);
  const busy = useSignal<'given' | 'declined' | 'withdrawn' | null>(null);
  const saved = useSignal<'given' | 'declined' | 'withdrawn' | null>(null);
  const error = useSignal<string | null>(null);
  const stateLine = useRef<HTMLParagraphElement>(null);
  const confirmBox = useRef<HTMLInputElement>(null);
  const id = `henvis-consent-${kind}`;
  const now = new Date();
  const shown = shownState(history[0], t, locale, now);

  // The buttons just used are replaced (give ↔ withdraw): focus goes to the new state, not to the page behind.
  useLayoutEffect(() => {
    if (saved.value) stateLine.current?.focus();
  }, [saved.value]);

  async function act(outcome: 'given' | 'declined' | 'withdrawn', action: () => Promise<void>) {
    busy.value = outcome;
    error.value = null;
    saved.value = null;
    try {
      await action();
      confirmed.value = false;
      confirmMissing.value = false;
      saved.value = outcome;
    } catch (e) {
      error.value = await errorText(asHenvisError(e), locale);
    } finally {
      busy.value = null;
    }
  }

  const decide = (decision: ConsentRecord['decision']) => {
    if (method.value === 'signed_on_screen' && !confirmed.value) {
      confirmMissing.value = true;
      confirmBox.current?.focus();
      return;
    }
    void act(decision, () => actions.record(kind, decision, method.value));
  };
  const label = (outcome: 'given' | 'declined' | 'withdrawn', idle: string) => (busy.value === outcome ? t.saving : idle);
  const wouldLastUntil = lastValidDay(kind, now);
  const decided = shown.state === 'given' || shown.state === 'declined';
  const consentTextBody = (
    <div class="consent-text">
      <p class="title">{text.title}</p>
      {text.sections.map((s) => (
        <Fragment key={s.heading}>
          <h5>{s.heading}</h5>
          <p>{s.body}</p>
        </Fragment>
      ))}
      <p class="version">{t.textVersion(text.version)}</p>
    </div>
  );

  return (
    <section class="consent" aria-labelledby={`${id}-title`} data-kind={kind}>
      <h4 id={`${id}-title`}>{t.kind[kind]}</h4>
      <p class="state" ref={stateLine} tabIndex={-1}>
        <span>{t.state}:</span>
        <span class="state-pill" data-state={shown.state}>
          {shown.label}
        </span>
        {shown.state === 'given' && <span>{shown.lastDay ? t.validThrough(formatDate(shown.lastDay, locale)) : t.untilWithdrawn}</span>}
      </p>

      {/* Once the citizen has decided, the text folds away: it is read before deciding, and kept a click away. */}
      {decided ? (
        <details class="consent-text-folded">
          <summary>{t.showText}</summary>
          {consentTextBody}
        </details>
      ) : (
        consentTextBody
      )}

      {shown.state === 'given' ? (
        <div class="consent-actions">
          <button
            type="button"
            disabled={busy.value !== null}
            onClick={() => {
              const consent = history[0];
              if (consent) void act('withdrawn', () => actions.withdraw(consent));
            }}
          >
            {label('withdrawn', t.withdraw)}
          </button>
          <span class="hint">{t.withdrawHint}</span>
        </div>
      ) : (
        <>
          <fieldset>
            <legend>{t.howGiven}</legend>
            {consentMethods.map((m) => (
              <label key={m} class="choice">
                <input type="radio" name={`${id}-method`} checked={method.value === m} onChange={() => (method.value = m)} />
                {t.method[m]}
              </label>
            ))}
          </fieldset>
          {method.value === 'signed_on_screen' && (
            <div>
              <label class="choice confirm">
                <input
                  ref={confirmBox}
                  type="checkbox"
                  checked={confirmed.value}
                  aria-invalid={confirmMissing.value}
                  aria-describedby={confirmMissing.value ? `${id}-confirm-error` : undefined}
                  onChange={(e) => {
                    confirmed.value = e.currentTarget.checked;
                    if (confirmed.value) confirmMissing.value = false;
                  }}
                />
                {t.confirm}
              </label>
              {confirmMissing.value && (
                <p id={`${id}-confirm-error`} class="error">
                  {t.confirmMissing}
                </p>
              )}
            </div>
          )}
          {wouldLastUntil && <p class="hint">{t.wouldBeValidThrough(formatDate(wouldLastUntil, locale))}</p>}
          <div class="consent-actions">
            <button type="button" class="primary" disabled={busy.value !== null} onClick={() => decide('given')}>
              {label('given', t.give)}
            </button>
            <button type="button" disabled={busy.value !== null} onClick={() => decide('declined')}>
              {label('declined', t.decline)}
            </button>
            <span class="hint">{t.noChange}</span>
          </div>
        </>
      )}
      <p class="saved" role="status">
        {saved.value && t.saved[saved.value]}
      </p>
      {error.value && (
        <p class="error" role="alert">
          {error.value}
        </p>
      )}
      {history.length > 0 && (
        <div class="history">
          <h5>{t.history}</h5>
          <ol>
            {history.map((r) => (
              <li key={r.id}>{historyLine(r, t, locale)}</li>
            ))}
          </ol>
        </div>
      )}
    </section>
  );
}
