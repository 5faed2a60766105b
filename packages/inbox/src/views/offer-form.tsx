import { useEffect, useRef, useState } from 'preact/hooks';
import { NewOffer, categoriesByName, categoryLabels, parseContract, type FieldError, type Offer } from '@henvis/contracts';
import { isHenvisError } from '@henvis/sdk';
import { useInbox } from '../client-context.js';
import { locale, textsOf } from '../locale.js';
import { useAction } from '../use-action.js';
import { catalogueTexts } from './catalogue-texts.js';
import {
  draftOf,
  emptySchedule,
  errorsByField,
  newOfferOf,
  weekdays,
  type DraftField,
  type OfferDraft,
  type ScheduleDraft,
} from './offer-draft.js';
import { Alert } from '../alert.js';

const t = textsOf(catalogueTexts);

type TextField = Exclude<keyof OfferDraft, 'schedules' | 'categories'>;
type Errors = Partial<Record<DraftField, string>>;

interface FieldProps {
  id: string;
  label: string;
  value: string;
  error: string | undefined;
  onInput: (value: string) => void;
  type?: 'text' | 'tel' | 'email' | 'time';
  multiline?: boolean;
  autoComplete?: string;
}

/** A labelled input whose API or contract error marks it (aria-invalid) and is read with it (aria-describedby). */
function Field({ id, label, value, error, onInput, type = 'text', multiline, autoComplete }: FieldProps) {
  const described = error ? { 'aria-invalid': 'true' as const, 'aria-describedby': `${id}-error` } : {};
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {multiline ? (
        <textarea id={id} rows={3} value={value} onInput={(e) => onInput(e.currentTarget.value)} {...described} />
      ) : (
        <input
          id={id}
          type={type}
          value={value}
          autoComplete={autoComplete}
          onInput={(e) => onInput(e.currentTarget.value)}
          {...described}
        />
      )}
      {error && (
        <p id={`${id}-error`} class="field-error">
          {error}
        </p>
      )}
    </div>
  );
}

/** The coordinator's form for a new offer, or for `offer` filled in; `onSaved` gets the offer as stored. */
export function OfferForm({ offer, onSaved, onCancel }: { offer?: Offer; onSaved: (saved: Offer) => void; onCancel: () => void }) {
  const { client } = useInbox();
  const save = useAction();
  const [draft, setDraft] = useState(() => draftOf(offer));
  const [errors, setErrors] = useState<Errors>({});
  const [invalid, setInvalid] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  const clear = (field: DraftField) => setErrors(({ [field]: _, ...rest }) => rest);
  const set = (field: TextField) => (value: string) => {
    setDraft((d) => ({ ...d, [field]: value }));
    clear(field);
  };
  const setSchedule = (index: number, patch: Partial<ScheduleDraft>) => {
    setDraft((d) => ({ ...d, schedules: d.schedules.map((s, i) => (i === index ? { ...s, ...patch } : s)) }));
    for (const key of Object.keys(patch)) clear(`schedules.${index}.${key as keyof ScheduleDraft}`);
  };
  const text = (field: TextField, label: string, extra: Partial<FieldProps> = {}) => (
    <Field id={`offer-${field}`} label={label} value={draft[field]} error={errors[field]} onInput={set(field)} {...extra} />
  );

  async function submit(event: Event) {
    event.preventDefault();
    const { offer: body, scheduleIndex } = newOfferOf(draft, offer);
    const show = (found: FieldError[]) => setErrors(errorsByField(found, scheduleIndex));
    const checked = parseContract(NewOffer, body, locale.value);
    setInvalid(!checked.ok);
    if (!checked.ok) {
      show(checked.errors);
      return;
    }
    show([]);
    let saved: Offer | undefined;
    await save.run(async () => {
      try {
        saved = offer ? await client.updateOffer(offer.id, body) : await client.createOffer(body);
      } catch (error) {
        if (isHenvisError(error)) show(error.errors);
        throw error;
      }
    });
    if (saved) onSaved(saved);
  }

  const f = t.value.form;
  return (
    <section class="offer-form-panel" aria-labelledby="offer-form-title">
      <h2 id="offer-form-title" tabIndex={-1} ref={heading}>
        {offer ? f.editTitle(offer.service.name) : f.newTitle}
      </h2>
      <form class="offer-form" onSubmit={(e) => void submit(e)} noValidate>
        <fieldset>
          <legend>{f.organization}</legend>
          {text('organizationName', f.organizationName, { autoComplete: 'organization' })}
        </fieldset>
        <fieldset>
          <legend>{f.service}</legend>
          {text('serviceName', f.serviceName)}
          {text('serviceDescription', f.serviceDescription, { multiline: true })}
          <fieldset class="categories" {...(errors.categories ? { 'aria-describedby': 'offer-categories-error' } : {})}>
            <legend>{f.categories}</legend>
            {categoriesByName(locale.value).map((code) => (
              <label key={code} class="check">
                <input
                  type="checkbox"
                  checked={draft.categories.includes(code)}
                  onChange={(e) => {
                    const checked = e.currentTarget.checked;
                    setDraft((d) => ({ ...d, categories: checked ? [...d.categories, code] : d.categories.filter((c) => c !== code) }));
                    clear('categories');
                  }}
                />
                {categoryLabels[locale.value][code]}
              </label>
            ))}
            {errors.categories && (
              <p id="offer-categories-error" class="field-error">
                {errors.categories}
              </p>
            )}
          </fieldset>
          {text('categoryNote', f.categoryNote)}
          {text('receptionAgreement', f.agreement, { multiline: true })}
        </fieldset>
        <fieldset>
          <legend>{f.location}</legend>
          {text('locationName', f.locationName)}
          {text('address1', f.address1)}
          <div class="field-row">
            {text('postalCode', f.postalCode)}
            {text('city', f.city)}
          </div>
        </fieldset>
        <fieldset>
          <legend>{f.schedules}</legend>
          {draft.schedules.map((schedule, i) => {
            const id = `offer-schedules-${i}`;
            const daysError = errors[`schedules.${i}.byDay`];
            return (
              <fieldset key={i} class="schedule">
                <legend>{f.schedule(i + 1)}</legend>
                <fieldset class="weekdays" {...(daysError ? { 'aria-describedby': `${id}-byDay-error` } : {})}>
                  <legend>{f.days}</legend>
                  {weekdays.map((day) => (
                    <label key={day} class="check">
                      <input
                        type="checkbox"
                        checked={schedule.byDay.includes(day)}
                        onChange={(e) =>
                          setSchedule(i, {
                            byDay: e.currentTarget.checked ? [...schedule.byDay, day] : schedule.byDay.filter((d) => d !== day),
                          })
                        }
                      />
                      {t.value.weekdays[day]}
                    </label>
                  ))}
                  {daysError && (
                    <p id={`${id}-byDay-error`} class="field-error">
                      {daysError}
                    </p>
                  )}
                </fieldset>
                <div class="field-row">
                  {(['opensAt', 'closesAt'] as const).map((key) => (
                    <Field
                      key={key}
                      id={`${id}-${key}`}
                      type="time"
                      label={f[key]}
                      value={schedule[key]}
                      error={errors[`schedules.${i}.${key}`]}
                      onInput={(value) => setSchedule(i, { [key]: value })}
                    />
                  ))}
                </div>
                <Field
                  id={`${id}-description`}
                  label={f.scheduleDescription}
                  value={schedule.description}
                  error={errors[`schedules.${i}.description`]}
                  onInput={(value) => setSchedule(i, { description: value })}
                />
                <button type="button" onClick={() => setDraft((d) => ({ ...d, schedules: d.schedules.filter((_, n) => n !== i) }))}>
                  {f.removeSchedule(i + 1)}
                </button>
              </fieldset>
            );
          })}
          <button type="button" onClick={() => setDraft((d) => ({ ...d, schedules: [...d.schedules, emptySchedule()] }))}>
            {f.addSchedule}
          </button>
        </fieldset>
        <fieldset>
          <legend>{f.contact}</legend>
          {text('contactName', f.contactName, { autoComplete: 'name' })}
          {text('contactPhone', f.contactPhone, { type: 'tel', autoComplete: 'tel' })}
          {text('contactEmail', f.contactEmail, { type: 'email', autoComplete: 'email' })}
        </fieldset>
        <Alert message={invalid ? f.invalid : save.error} />
        <div class="actions">
          <button type="submit" class="primary" disabled={save.busy} aria-busy={save.busy}>
            {f.save}
          </button>
          <button type="button" onClick={onCancel}>
            {f.cancel}
          </button>
        </div>
      </form>
    </section>
  );
}
