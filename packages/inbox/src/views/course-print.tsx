import { useEffect, useState } from 'preact/hooks';
import type { NavigatorOrgContact, Offer, OfferLink, Plan, Referral } from '@henvis/contracts';
import { useInbox } from '../client-context.js';
import { formatInstant, locale, textsOf } from '../locale.js';
import { hrefOf } from '../router.js';
import { useLoad } from '../use-load.js';
import { coursePrintTexts } from './course-print-texts.js';
import { scheduleText } from './offer-card.js';
import { Alert } from '../alert.js';

const t = textsOf(coursePrintTexts);

/** A day as a letter says it: "torsdag den 10. december 2026". */
const longDay = (day: string) =>
  new Intl.DateTimeFormat(locale.value === 'da' ? 'da-DK' : 'en-GB', {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'Europe/Copenhagen',
  }).format(new Date(`${day}T12:00:00Z`));

/**
 * How the navigator is reached in person, as they write it on the plan (a work mobile or e-mail): Henvis knows the
 * organisation's phone, not the navigator's own, so it is kept on this computer for the next plan they print.
 */
function useReach(sub: string): [string, (value: string) => void] {
  const key = `henvis-inbox-plan-reach:${sub}`;
  const [reach, setReach] = useState(() => localStorage.getItem(key) ?? '');
  return [
    reach,
    (value) => {
      setReach(value);
      if (value.trim()) localStorage.setItem(key, value);
      else localStorage.removeItem(key);
    },
  ];
}

/** The offers the citizen goes to or will try: the linked ones not stopped, with the catalogue's details. */
async function agreedOffers(client: ReturnType<typeof useInbox>['client'], id: string, signal: AbortSignal) {
  const links = (await client.listOfferLinks(id, { signal })).filter((link) => link.state !== 'stopped');
  const offers = await Promise.all(links.map((link) => client.getOffer(link.offerId, { signal }).catch(() => undefined)));
  return links.map((link, i) => ({ link, offer: offers[i] }));
}

/**
 * The plan the citizen takes home (`#/referrals/<id>/plan`): in plain words, to the citizen, the goals in their own
 * words, the offers agreed with when and where, the next meeting, when the course is over, and how to reach the
 * social navigator. The print has no CPR number and none of the navigator's notes; on screen a button prints it.
 */
export function PlanPrint({ id }: { id: string }) {
  const { client, user } = useInbox();
  const [reach, setReach] = useReach(user.sub);
  const [loaded] = useLoad(
    async (signal) => {
      const [referral, plan, offers, organisation] = await Promise.all([
        client.getReferral(id, { signal }),
        client.getPlan(id, { signal }),
        agreedOffers(client, id, signal),
        // The plan is printed without the organisation's phone rather than not at all.
        client.getNavigatorOrgContact({ signal }).catch(() => undefined),
      ]);
      return { referral, plan, offers, organisation };
    },
    [id],
  );
  const tx = t.value;
  const ready = loaded.state === 'ready';
  useEffect(() => {
    if (ready) document.getElementById('plan-title')?.focus();
  }, [ready]);
  if (loaded.state === 'loading') return <p aria-live="polite">{tx.loading}</p>;
  if (loaded.state === 'error') return <Alert message={loaded.message} />;
  const { referral, plan, offers, organisation } = loaded.value;
  return (
    <article class="plan-print">
      <div class="plan-print-actions">
        <a href={hrefOf({ view: 'course', id })}>← {tx.back}</a>
        {plan && (
          <>
            <button class="primary" onClick={() => window.print()}>
              {tx.print}
            </button>
            <span class="muted">{tx.screenHint}</span>
            <label class="plan-reach">
              {tx.reachLabel}
              <input value={reach} maxLength={100} autoComplete="off" onInput={(e) => setReach(e.currentTarget.value)} />
            </label>
          </>
        )}
      </div>
      {plan ? (
        <PlanSheet
          referral={referral}
          plan={plan}
          offers={offers}
          organisation={organisation ?? { id: user.org.id, name: user.org.name }}
          reach={reach.trim()}
        />
      ) : (
        <p>{tx.noPlan}</p>
      )}
    </article>
  );
}

interface PlanSheetProps {
  referral: Referral;
  plan: Plan;
  offers: { link: OfferLink; offer: Offer | undefined }[];
  /** The social navigators' organisation, with its phone where Henvis knows it. */
  organisation: NavigatorOrgContact;
  /** How to reach the navigator, as they wrote it (their work phone or e-mail); empty when not given. */
  reach: string;
}

function PlanSheet({ referral, plan, offers, organisation, reach }: PlanSheetProps) {
  const tx = t.value;
  const firstName = referral.patient.name.split(/\s+/)[0] ?? referral.patient.name;
  return (
    <div class="plan-sheet">
      <h1 id="plan-title" tabIndex={-1}>
        {tx.title(firstName)}
      </h1>
      <p class="lead">{tx.lead}</p>

      <section aria-labelledby="plan-goals">
        <h2 id="plan-goals">{tx.goals}</h2>
        <blockquote class="note">{plan.goals}</blockquote>
      </section>

      <section aria-labelledby="plan-offers">
        <h2 id="plan-offers">{tx.offers}</h2>
        {offers.length === 0 ? (
          <p>{tx.noOffers}</p>
        ) : (
          <ul class="plan-offers">
            {offers.map(({ link, offer }) => (
              <li key={link.id}>
                <h3>{offer?.service.name ?? link.offerName}</h3>
                {offer && <PlanOffer offer={offer} />}
              </li>
            ))}
          </ul>
        )}
        {plan.companion && <p>{tx.companion}</p>}
        {plan.bridgeBuilder && <p>{tx.bridgeBuilder}</p>}
      </section>

      <section aria-labelledby="plan-next">
        <h2 id="plan-next">{tx.next}</h2>
        <p>
          <strong>{longDay(plan.nextStepDate)}</strong>
          <br />
          {plan.nextStep}
        </p>
      </section>

      {plan.endCriterion && (
        <section aria-labelledby="plan-end">
          <h2 id="plan-end">{tx.end}</h2>
          <p>{plan.endCriterion}</p>
        </section>
      )}

      <section aria-labelledby="plan-navigator" class="plan-navigator">
        <h2 id="plan-navigator">{tx.navigator}</h2>
        <p>
          {referral.owner?.name ?? plan.savedBy.name}
          <br />
          {organisation.name}
          {organisation.phone && (
            <>
              <br />
              {tx.phone}: {organisation.phone}
            </>
          )}
          {reach && (
            <>
              <br />
              {reach}
            </>
          )}
        </p>
      </section>

      <footer class="plan-footer">
        <p>{tx.notTreatment}</p>
        <p class="muted">{tx.printed(formatInstant(new Date().toISOString(), 'date'))}</p>
      </footer>
    </div>
  );
}

function PlanOffer({ offer }: { offer: Offer }) {
  const tx = t.value;
  const address = offer.location?.address;
  const contacts = offer.contacts.filter((c) => c.phone ?? c.email);
  return (
    <dl>
      <dt>{tx.who}</dt>
      <dd>
        {offer.organization.name}
        {offer.service.description && (
          <>
            <br />
            {offer.service.description}
          </>
        )}
      </dd>
      {offer.schedules.length > 0 && (
        <>
          <dt>{tx.when}</dt>
          {offer.schedules.map((s, i) => (
            <dd key={i}>{scheduleText(s)}</dd>
          ))}
        </>
      )}
      {address && (
        <>
          <dt>{tx.where}</dt>
          <dd>
            {offer.location?.name && (
              <>
                {offer.location.name}
                <br />
              </>
            )}
            {address.address1}, {address.postalCode} {address.city}
          </dd>
        </>
      )}
      {contacts.length > 0 && (
        <>
          <dt>{tx.contact}</dt>
          {contacts.map((c, i) => (
            <dd key={i}>{[c.name, c.phone, c.email].filter(Boolean).join(', ')}</dd>
          ))}
        </>
      )}
    </dl>
  );
}
