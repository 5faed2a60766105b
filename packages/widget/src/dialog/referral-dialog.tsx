import { useSignal } from '@preact/signals';
import type { ComponentChildren } from 'preact';
import { useLayoutEffect, useRef } from 'preact/hooks';
import { NewReferral, inclusionFlagsFor, parseContract, referralReasons, type FieldError, type Referral } from '@henvis/contracts';
import { dialogCss } from './dialog-styles.js';
import { dialogTexts } from './dialog-texts.js';
import { useOpenReferrals } from './use-open-referrals.js';
import { referralSentNote } from './referral-sent-note.js';
import { ageOf, initialForm, toNewReferral, type ReferralForm } from './referral-form.js';
import type { WidgetStore } from '../widget-store.js';
import { errorText } from '../error-text.js';
import { useLazyComponent } from '../lazy.js';

type Phase = { kind: 'editing'; failure?: string } | { kind: 'sending' } | { kind: 'queued' } | { kind: 'sent'; referral: Referral };

const fieldId = (path: string) => `henvis-${path.replace(/\./g, '-')}`;

/** Field errors by the form's field: the contact's fields are the form's own. */
const byField = (list: FieldError[]) => Object.fromEntries(list.map((e) => [e.path.replace(/^contact\./, ''), e.message]));

function ErrorText({ id, message }: { id: string; message: string }) {
  return (
    <span id={`${id}-error`} class="error">
      {message}
    </span>
  );
}

/** A labelled control whose error is outside its label, so the error does not become part of its name. */
function Field({ id, label, error, children }: { id: string; label: string; error?: string | undefined; children: ComponentChildren }) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {children}
      {error && <ErrorText id={id} message={error} />}
    </div>
  );
}

/** The referral dialog: prefilled from the journal, at most three clicks in the common case. */
export function ReferralDialog({ store, onClose }: { store: WidgetStore; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const { context, locale = 'da' } = store.options.value;
  const t = { ...store.t.value, ...dialogTexts[locale] };
  const form = useSignal<ReferralForm>(initialForm(context));
  const errors = useSignal<Record<string, string>>({});
  const phase = useSignal<Phase>({ kind: 'editing' });
  const open = useOpenReferrals(store);
  // Its own chunk, loaded only for a citizen who has an open referral; a failed load leaves the warning out.
  const openWarning = useLazyComponent(
    () => open.value.length > 0,
    () => import(/* webpackChunkName: "open-referrals" */ './open-referrals.js').then((m) => m.OpenReferrals),
    () => undefined,
  );

  // Focus moves in the same commit that shows the content, so a key pressed as soon as it appears lands right.
  useLayoutEffect(() => {
    const el = dialog.current;
    if (!el) return;
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- older embedded browsers have <dialog> without showModal
    if (!el.open) el.showModal?.();
    el.querySelector<HTMLElement>('input')?.focus();
  }, []);
  const kind = phase.value.kind;
  useLayoutEffect(() => {
    // The form is replaced by the receipt: move focus to its close button, not to the page behind.
    if (kind === 'sent' || kind === 'queued') dialog.current?.querySelector<HTMLElement>('button.primary')?.focus();
  }, [kind]);

  /** Changes fields; an error shown on a changed field goes as soon as the field is right (and none appears early). */
  const set = (patch: Partial<ReferralForm>) => {
    form.value = { ...form.value, ...patch };
    const shown = errors.peek();
    if (!Object.keys(patch).some((key) => key in shown)) return;
    const parsed = parseContract(NewReferral, toNewReferral(form.value, context), locale);
    const now = parsed.ok ? {} : byField(parsed.errors);
    errors.value = Object.fromEntries(
      Object.entries({ ...shown, ...now }).filter(([path]) => path in shown && (path in now || !(path in patch))),
    );
  };
  const f = form.value;
  const age = ageOf(context);
  const flags = inclusionFlagsFor(toNewReferral(f, context), new Date());
  const unreachable = flags.includes('not_reachable');

  const showErrors = (list: FieldError[]) => {
    errors.value = byField(list);
    const first = list[0] ? dialog.current?.querySelector<HTMLElement>(`#${fieldId(list[0].path.replace(/^contact\./, ''))}`) : null;
    first?.focus();
  };

  async function submit(event: Event) {
    event.preventDefault();
    const parsed = parseContract(NewReferral, toNewReferral(form.value, context), locale);
    if (!parsed.ok) {
      showErrors(parsed.errors);
      return;
    }
    errors.value = {};
    phase.value = { kind: 'sending' };
    const outcome = await store.send(parsed.value, {
      onQueued: () => (phase.value = { kind: 'queued' }),
      journalNote: referralSentNote,
    });
    if (outcome.kind === 'sent') phase.value = { kind: 'sent', referral: outcome.referral };
    else {
      const message = await errorText(outcome.error, locale);
      store.reportError(outcome.error.code, message);
      phase.value = { kind: 'editing', failure: message };
      if (outcome.error.errors.length) showErrors(outcome.error.errors);
    }
  }

  const err = (path: string) => (errors.value[path] ? { 'aria-invalid': true, 'aria-describedby': `${fieldId(path)}-error` } : {});
  const fieldErrorText = (path: string) => errors.value[path] && <ErrorText id={fieldId(path)} message={errors.value[path]} />;
  const p = phase.value;

  return (
    <dialog
      ref={dialog}
      aria-labelledby="henvis-dialog-title"
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <style nonce={store.options.value.cspNonce}>{dialogCss}</style>
      {p.kind === 'sent' || p.kind === 'queued' ? (
        <div class="receipt" role="status">
          <h2 id="henvis-dialog-title">{p.kind === 'sent' ? t.sentTitle : t.queuedTitle}</h2>
          <p>
            {p.kind === 'queued'
              ? t.queuedText
              : `${p.referral.flags.includes('not_reachable') ? t.unreachable : t.sentNext} ${t.followHere}`}
          </p>
          <div class="actions">
            <button type="button" class="primary" onClick={onClose}>
              {t.close}
            </button>
          </div>
        </div>
      ) : (
        <form onSubmit={(e) => void submit(e)} noValidate>
          <h2 id="henvis-dialog-title">{t.dialogTitle}</h2>
          <p class="notice">{t.notTreatment}</p>
          <dl class="context">
            <dt>{t.patient}</dt>
            <dd>
              {context.patient.name}
              {age !== undefined && `, ${t.age(age)}`}
            </dd>
            <dt>{t.practice}</dt>
            <dd>{context.practice.name}</dd>
            <dt>{t.referrer}</dt>
            {/* Whoever the token names, as the API records the referrer: never a name the page could set apart from it. */}
            <dd>{store.referrer.value}</dd>
          </dl>
          {/* The live region is there from the start, so that a screen reader announces the warning when it comes. */}
          <div role="status">
            {openWarning.Component && <openWarning.Component referrals={open.value} t={store.t.value} locale={locale} />}
          </div>

          <fieldset id={fieldId('reasons')} tabIndex={-1} {...err('reasons')}>
            <legend>{t.reasons}</legend>
            <div class="choices">
              {referralReasons.map((reason) => (
                <label key={reason}>
                  <input
                    type="checkbox"
                    checked={f.reasons.includes(reason)}
                    onChange={(e) =>
                      set({ reasons: e.currentTarget.checked ? [...f.reasons, reason] : f.reasons.filter((r) => r !== reason) })
                    }
                  />
                  {t.reason[reason]}
                </label>
              ))}
            </div>
            {fieldErrorText('reasons')}
          </fieldset>

          <Field id={fieldId('note')} label={t.note} error={errors.value.note}>
            <textarea id={fieldId('note')} value={f.note} onInput={(e) => set({ note: e.currentTarget.value })} {...err('note')} />
          </Field>
          <Field id={fieldId('wishes')} label={t.wishes} error={errors.value.wishes}>
            <textarea id={fieldId('wishes')} value={f.wishes} onInput={(e) => set({ wishes: e.currentTarget.value })} {...err('wishes')} />
          </Field>

          <fieldset>
            <legend>{t.contact}</legend>
            <div class="row">
              <Field id={fieldId('phone')} label={t.phone} error={errors.value.phone}>
                <input
                  id={fieldId('phone')}
                  type="tel"
                  autoComplete="off"
                  value={f.phone}
                  onInput={(e) => set({ phone: e.currentTarget.value })}
                  {...err('phone')}
                />
              </Field>
              <Field id={fieldId('email')} label={t.email} error={errors.value.email}>
                <input
                  id={fieldId('email')}
                  type="email"
                  autoComplete="off"
                  value={f.email}
                  onInput={(e) => set({ email: e.currentTarget.value })}
                  {...err('email')}
                />
              </Field>
              <Field id={fieldId('bestTime')} label={t.bestTime} error={errors.value.bestTime}>
                <input
                  id={fieldId('bestTime')}
                  type="text"
                  value={f.bestTime}
                  onInput={(e) => set({ bestTime: e.currentTarget.value })}
                  {...err('bestTime')}
                />
              </Field>
            </div>
            <label>
              <input type="checkbox" checked={f.sms} onChange={(e) => set({ sms: e.currentTarget.checked })} />
              {t.sms}
            </label>
            {unreachable && <p class="warning">{`${t.unreachable} ${t.addContact}`}</p>}
          </fieldset>

          <fieldset>
            <legend>{t.companion}</legend>
            <div class="choices">
              {(['yes', 'no', 'unknown'] as const).map((value) => (
                <label key={value}>
                  <input type="radio" name="companion" checked={f.companion === value} onChange={() => set({ companion: value })} />
                  {t.companionOption[value]}
                </label>
              ))}
            </div>
          </fieldset>

          <fieldset>
            <legend>{t.inclusion}</legend>
            <p class="hint">{t.inclusionHint}</p>
            {(['motivated', 'needsSocialSupport', 'inArea'] as const).map((item) => (
              <label key={item}>
                <input
                  type="checkbox"
                  checked={f.inclusion[item]}
                  onChange={(e) => set({ inclusion: { ...f.inclusion, [item]: e.currentTarget.checked } })}
                />
                {t[item]}
              </label>
            ))}
            {flags.length > 0 && (
              <ul class="flags" aria-label={t.flagged}>
                {flags.map((flag) => (
                  <li key={flag}>{t.flag[flag]}</li>
                ))}
              </ul>
            )}
          </fieldset>

          <section class="consents" aria-labelledby={fieldId('consents')}>
            <h3 id={fieldId('consents')}>{t.consent}</h3>
            <p class="hint">{t.consentHint}</p>
          </section>

          {/* Stays at the bottom of the dialog while the form scrolls: sending, and what stands in its way, in view. */}
          <div class="footer">
            {p.kind === 'editing' && p.failure && (
              <p class="error" role="alert">
                {p.failure}
              </p>
            )}
            {Object.keys(errors.value).length > 0 && (
              <p class="error" role="alert">
                {t.fixErrors}
              </p>
            )}
            <div class="actions">
              <button type="button" onClick={onClose}>
                {t.close}
              </button>
              <button type="submit" class="primary" disabled={p.kind === 'sending'}>
                {p.kind === 'sending' ? t.sending : t.send}
              </button>
            </div>
          </div>
        </form>
      )}
    </dialog>
  );
}
