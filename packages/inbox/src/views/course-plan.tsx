import { useEffect, useState } from 'preact/hooks';
import { agreedOfferLinks, offerLinkStateLabels, type NewPlan, type Referral } from '@henvis/contracts';
import { useInbox } from '../client-context.js';
import { formatInstant, locale, textsOf } from '../locale.js';
import { useAction } from '../use-action.js';
import { failureOf, useLoad } from '../use-load.js';
import { courseWorkTexts } from './course-work-texts.js';
import { useOfferLinks } from './offer-links.js';
import { Alert } from '../alert.js';

const t = textsOf(courseWorkTexts);

const empty: NewPlan = { goals: '', bridgeBuilder: false, companion: false, nextStep: '', nextStepDate: '' };

/** The individual plan, written with the citizen; each save is a new version. */
export function PlanSection({ referral, onChange }: { referral: Referral; onChange: () => void }) {
  const { client } = useInbox();
  const [plan, reload] = useLoad((signal) => client.getPlan(referral.id, { signal }), [referral.id]);
  const action = useAction();
  const [draft, setDraft] = useState<NewPlan>(empty);
  const [links] = useOfferLinks(referral.id);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (plan.state !== 'ready' || !plan.value) return;
    const { goals, bridgeBuilder, companion, nextStep, nextStepDate, endCriterion, note } = plan.value;
    setDraft({
      goals,
      bridgeBuilder,
      companion,
      nextStep,
      nextStepDate,
      ...(endCriterion ? { endCriterion } : {}),
      ...(note ? { note } : {}),
    });
  }, [plan]);
  const tx = t.value;
  const text = (name: 'goals' | 'nextStep' | 'nextStepDate' | 'endCriterion' | 'note') => ({
    value: draft[name] ?? '',
    onInput: (e: Event) => {
      setSaved(false);
      setDraft({ ...draft, [name]: (e.currentTarget as HTMLInputElement).value });
    },
  });
  const check = (name: 'bridgeBuilder' | 'companion') => ({
    checked: draft[name],
    onChange: (e: Event) => {
      setSaved(false);
      setDraft({ ...draft, [name]: (e.currentTarget as HTMLInputElement).checked });
    },
  });

  return (
    <section class="card" aria-labelledby="plan-title">
      <h2 id="plan-title">{tx.plan}</h2>
      <Alert message={failureOf(plan)} />
      {plan.state === 'ready' && (
        <p class="muted">
          {plan.value ? tx.planVersion(plan.value.version, formatInstant(plan.value.savedAt), plan.value.savedBy.name) : tx.noPlan}
        </p>
      )}
      <form
        class="grid"
        onSubmit={(event) => {
          event.preventDefault();
          const { note, endCriterion, ...rest } = draft;
          void action.run(async () => {
            await client.savePlan(referral.id, {
              ...rest,
              ...(endCriterion?.trim() ? { endCriterion: endCriterion.trim() } : {}),
              ...(note?.trim() ? { note: note.trim() } : {}),
            });
            setSaved(true);
            reload();
            onChange();
          });
        }}
      >
        <label class="wide">
          {tx.goals}
          <textarea required rows={3} maxLength={2000} {...text('goals')} />
        </label>
        <div class="wide">
          <strong id="plan-offers-title">{tx.agreedOffers}</strong>
          {links.state === 'ready' && agreedOfferLinks(links.value).length > 0 && (
            <ul class="entries" aria-labelledby="plan-offers-title">
              {agreedOfferLinks(links.value).map((link) => (
                <li key={link.id}>
                  {link.offerName} · {offerLinkStateLabels[locale.value][link.state]}
                </li>
              ))}
            </ul>
          )}
          <p class="muted">{tx.agreedOffersHint}</p>
        </div>
        <label class="check">
          <input type="checkbox" {...check('bridgeBuilder')} /> {tx.bridgeBuilder}
        </label>
        <label class="check">
          <input type="checkbox" {...check('companion')} /> {tx.companion}
        </label>
        <label>
          {tx.nextStep}
          <input required maxLength={500} {...text('nextStep')} />
        </label>
        <label>
          {tx.nextStepDate}
          <input type="date" required {...text('nextStepDate')} />
        </label>
        <label class="wide">
          {tx.endCriterion}
          <input required maxLength={500} {...text('endCriterion')} />
        </label>
        <label class="wide">
          {tx.planNote}
          <textarea rows={2} maxLength={2000} {...text('note')} />
        </label>
        <Alert message={action.error} wide />
        <div class="buttons wide">
          <button type="submit" class="primary" disabled={action.busy}>
            {tx.savePlan}
          </button>
          {saved && <span role="status">{tx.saved}</span>}
        </div>
      </form>
    </section>
  );
}
