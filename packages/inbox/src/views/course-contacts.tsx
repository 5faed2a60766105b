import { useState } from 'preact/hooks';
import { contactKindLabels, contactKinds, contactOutcomes, type ContactKind, type ContactOutcome, type Referral } from '@henvis/contracts';
import { useInbox } from '../client-context.js';
import { formatDeadline, formatInstant, locale, textsOf } from '../locale.js';
import { useAction } from '../use-action.js';
import { failureOf, useLoad } from '../use-load.js';
import { courseWorkTexts } from './course-work-texts.js';
import { Alert } from '../alert.js';

const t = textsOf(courseWorkTexts);

/** `YYYY-MM-DDTHH:MM` in the browser's time, for a datetime-local field. */
const localNow = () => {
  const now = new Date();
  return new Date(now.getTime() - now.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};

/**
 * The contact log: each contact with the citizen and what came of it, the count against the usual 6-12, and the
 * first-contact deadline. The outcome has no default: a call nobody answered must not pass for a first contact.
 */
export function ContactsSection({ referral, onChange }: { referral: Referral; onChange: () => void }) {
  const { client } = useInbox();
  const [log, reload] = useLoad((signal) => client.listContacts(referral.id, { signal }), [referral.id]);
  const action = useAction();
  const [kind, setKind] = useState<ContactKind>('phone');
  const [outcome, setOutcome] = useState<ContactOutcome>();
  const [outcomeMissing, setOutcomeMissing] = useState(false);
  const [at, setAt] = useState(localNow);
  const [minutes, setMinutes] = useState('15');
  const [note, setNote] = useState('');
  const tx = t.value;
  const l = locale.value;

  return (
    <section class="card" aria-labelledby="contacts-title">
      <h2 id="contacts-title">{tx.contacts}</h2>
      <Alert message={failureOf(log)} />
      {log.state === 'ready' && (
        <>
          <p>
            <strong>{tx.contactCount(log.value.count, log.value.usual.min, log.value.usual.max)}</strong>
            {log.value.reachedCount < log.value.count && tx.reachedCount(log.value.reachedCount)}
            <br />
            {log.value.hoursToFirstContact !== undefined ? (
              tx.firstContact(log.value.hoursToFirstContact)
            ) : log.value.firstContactOverdue ? (
              <span class="overdue">{tx.firstContactOverdue(formatDeadline(log.value.firstContactDueAt))}</span>
            ) : (
              tx.firstContactDue(formatDeadline(log.value.firstContactDueAt))
            )}
          </p>
          {log.value.items.length === 0 ? (
            <p class="muted">{tx.noContacts}</p>
          ) : (
            <ol class="entries">
              {log.value.items.map((c) => (
                <li key={c.id}>
                  <strong>{contactKindLabels[l][c.kind]}</strong> ·{' '}
                  {[tx.outcomes[c.outcome], formatInstant(c.at), `${c.durationMinutes} min`, c.by.name].join(' · ')}
                  {c.note && <p class="note">{c.note}</p>}
                </li>
              ))}
            </ol>
          )}
        </>
      )}
      <details>
        <summary>{tx.logContact}</summary>
        <form
          class="grid"
          onSubmit={(event) => {
            event.preventDefault();
            if (!outcome) {
              setOutcomeMissing(true);
              return;
            }
            void action.run(async () => {
              await client.logContact(referral.id, {
                kind,
                outcome,
                at: new Date(at).toISOString(),
                durationMinutes: Number(minutes),
                ...(note.trim() ? { note: note.trim() } : {}),
              });
              setNote('');
              setOutcome(undefined);
              setAt(localNow());
              reload();
              onChange();
            });
          }}
        >
          <label>
            {tx.kind}
            <select value={kind} onChange={(e) => setKind(e.currentTarget.value as ContactKind)}>
              {contactKinds.map((k) => (
                <option key={k} value={k}>
                  {contactKindLabels[l][k]}
                </option>
              ))}
            </select>
          </label>
          <fieldset class="choices wide" {...(outcomeMissing ? { 'aria-describedby': 'contact-outcome-error' } : {})}>
            <legend>{tx.outcome}</legend>
            {contactOutcomes.map((o) => (
              <label key={o} class="check">
                <input
                  type="radio"
                  name="contact-outcome"
                  value={o}
                  required
                  checked={outcome === o}
                  onChange={() => {
                    setOutcome(o);
                    setOutcomeMissing(false);
                  }}
                  // The browser's own check of `required` comes first; this keeps its reason beside the choices.
                  onInvalid={() => setOutcomeMissing(true)}
                  {...(outcomeMissing ? { 'aria-invalid': 'true' as const } : {})}
                />
                {tx.outcomes[o]}
              </label>
            ))}
            {outcomeMissing && (
              <p id="contact-outcome-error" class="field-error">
                {tx.outcomeMissing}
              </p>
            )}
          </fieldset>
          <label>
            {tx.at}
            <input type="datetime-local" required value={at} max={localNow()} onInput={(e) => setAt(e.currentTarget.value)} />
          </label>
          <label>
            {tx.minutes}
            <input type="number" required min={1} max={600} value={minutes} onInput={(e) => setMinutes(e.currentTarget.value)} />
          </label>
          <label class="wide">
            {tx.contactNote}
            <textarea rows={3} maxLength={2000} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
          </label>
          <Alert message={action.error} wide />
          <button type="submit" class="primary" disabled={action.busy}>
            {tx.saveContact}
          </button>
        </form>
      </details>
    </section>
  );
}
