import { useState } from 'preact/hooks';
import { closeReasonLabels, closeReasons, rejectReasonLabels, rejectReasons, terminalStatuses, type Referral } from '@henvis/contracts';
import { useInbox } from '../client-context.js';
import { locale, textsOf } from '../locale.js';
import { useAction } from '../use-action.js';
import { failureOf, useLoad } from '../use-load.js';
import { courseTexts } from './course-texts.js';
import { Alert } from '../alert.js';

const t = textsOf(courseTexts);
type Open = 'reject' | 'close' | 'reassign' | undefined;

/** What the navigator can do with the referral now: take it, reject it, hand it over, close it. */
export function CourseActions({ referral: r, onChange }: { referral: Referral; onChange: () => void }) {
  const { client, user } = useInbox();
  const action = useAction();
  const [open, setOpen] = useState<Open>();
  const tx = t.value;
  // After a change the buttons that had focus are gone: focus goes to the citizen's name, where the new state reads.
  const changed = () => {
    onChange();
    requestAnimationFrame(() => document.getElementById('course-title')?.focus());
  };
  if (terminalStatuses.includes(r.status)) return <p class="closed">{tx.closed}</p>;
  const waiting = r.status === 'sent' || r.status === 'received';

  const accept = () =>
    action.run(async () => {
      // Opening a referral is no receipt; taking it is. A sent referral is marked received on the way; if taking it
      // then fails, the course shows it received, so a retry starts from there.
      try {
        if (r.status === 'sent') await client.transitionReferral(r.id, { to: 'received' });
        await client.transitionReferral(r.id, { to: 'accepted' });
      } finally {
        changed();
      }
    });

  return (
    <section class="actions" aria-label={tx.actions}>
      <div class="buttons">
        {waiting && user.role === 'navigator' && (
          <button class="primary" disabled={action.busy} onClick={() => void accept()}>
            {tx.accept}
          </button>
        )}
        {waiting && <Toggle open={open} name="reject" label={tx.reject} set={setOpen} />}
        {!waiting && <Toggle open={open} name="reassign" label={tx.reassign} set={setOpen} />}
        {!waiting && <Toggle open={open} name="close" label={tx.close} set={setOpen} />}
      </div>
      <Alert message={action.error} />
      {open === 'reject' && (
        <ReasonForm
          kind="rejected"
          referral={r}
          onDone={() => {
            setOpen(undefined);
            changed();
          }}
          onCancel={() => setOpen(undefined)}
        />
      )}
      {open === 'close' && (
        <ReasonForm
          kind="closed"
          referral={r}
          onDone={() => {
            setOpen(undefined);
            changed();
          }}
          onCancel={() => setOpen(undefined)}
        />
      )}
      {open === 'reassign' && (
        <ReassignForm
          referral={r}
          onDone={() => {
            setOpen(undefined);
            changed();
          }}
          onCancel={() => setOpen(undefined)}
        />
      )}
    </section>
  );
}

function Toggle({ open, name, label, set }: { open: Open; name: Exclude<Open, undefined>; label: string; set: (open: Open) => void }) {
  return (
    <button aria-expanded={open === name} aria-controls={`form-${name}`} onClick={() => set(open === name ? undefined : name)}>
      {label}
    </button>
  );
}

interface FormProps {
  referral: Referral;
  onDone: () => void;
  onCancel: () => void;
}

/** Rejecting or closing: a reason from the list and a text for the GP, who gets both in the journal. */
function ReasonForm({ kind, referral, onDone, onCancel }: FormProps & { kind: 'rejected' | 'closed' }) {
  const { client } = useInbox();
  const action = useAction();
  const tx = t.value;
  const l = locale.value;
  const reasons = kind === 'closed' ? closeReasons : rejectReasons;
  const labels: Record<string, string> = kind === 'closed' ? closeReasonLabels[l] : rejectReasonLabels[l];
  const [reason, setReason] = useState<string>(reasons[0]);
  const [note, setNote] = useState('');
  // Closing is judged against the end criterion agreed in the plan.
  const [plan] = useLoad(
    (signal) => (kind === 'closed' ? client.getPlan(referral.id, { signal }) : Promise.resolve(null)),
    [kind, referral.id],
  );
  const endCriterion = plan.state === 'ready' ? plan.value?.endCriterion : undefined;
  return (
    <form
      id={`form-${kind === 'closed' ? 'close' : 'reject'}`}
      class="panel"
      onSubmit={(event) => {
        event.preventDefault();
        void action.run(async () => {
          await client.transitionReferral(referral.id, { to: kind, reason, note } as never);
          onDone();
        });
      }}
    >
      {endCriterion && <p class="note">{tx.agreedEnd(endCriterion)}</p>}
      <label>
        {kind === 'closed' ? tx.closeReason : tx.rejectReason}
        <select value={reason} onChange={(e) => setReason(e.currentTarget.value)}>
          {reasons.map((value) => (
            <option key={value} value={value}>
              {labels[value]}
            </option>
          ))}
        </select>
      </label>
      <label>
        {kind === 'closed' ? tx.closeNote : tx.rejectNote}
        <textarea required rows={4} maxLength={2000} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
      </label>
      <Alert message={action.error} />
      <div class="buttons">
        <button type="submit" class="primary" disabled={action.busy}>
          {kind === 'closed' ? tx.confirmClose : tx.confirmReject}
        </button>
        <button type="button" onClick={onCancel}>
          {tx.cancel}
        </button>
      </div>
    </form>
  );
}

/** Handing the citizen to a colleague of the same organisation. */
function ReassignForm({ referral, onDone, onCancel }: FormProps) {
  const { client, user } = useInbox();
  const action = useAction();
  const tx = t.value;
  const [colleagues] = useLoad((signal) => client.listColleagues({ signal }), []);
  const [chosen, setChosen] = useState('');
  const others = colleagues.state === 'ready' ? colleagues.value.filter((c) => c.id !== (referral.owner?.id ?? user.sub)) : [];
  return (
    <form
      id="form-reassign"
      class="panel"
      onSubmit={(event) => {
        event.preventDefault();
        const to = others.find((c) => c.id === chosen);
        if (to)
          void action.run(async () => {
            await client.reassignReferral(referral.id, { id: to.id, name: to.name });
            onDone();
          });
      }}
    >
      <label>
        {tx.colleague}
        <select required value={chosen} onChange={(e) => setChosen(e.currentTarget.value)}>
          <option value="" />
          {others.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </label>
      <Alert message={failureOf(colleagues)} />
      <Alert message={action.error} />
      <div class="buttons">
        <button type="submit" class="primary" disabled={action.busy || !chosen}>
          {tx.confirmReassign}
        </button>
        <button type="button" onClick={onCancel}>
          {tx.cancel}
        </button>
      </div>
    </form>
  );
}
