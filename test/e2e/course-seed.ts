import { CONSENT_TEXT_VERSION, consentText, consentTextHash, exampleNewReferral, type ConsentKind, type Referral } from '@henvis/contracts';
import { createHenvisClient, type HenvisClient } from '@henvis/sdk';
import { signDevToken } from '@henvis/server';
import { demoJournals } from '../../scripts/demo-journal.mjs';
import type { DemoStack } from './demo-stack.js';

/** What a course looks like after a few weeks of work, for the browser tests of the course page. */
export interface SeededCourse {
  referral: Referral;
  navigator: HenvisClient;
  /** The plan's goals, in the citizen's words. */
  goals: string;
  nextStep: string;
  nextStepDate: string;
  /** The offers linked to the course, by name. */
  offers: string[];
}

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
/** A Danish calendar date some days from now. */
const daysAhead = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/**
 * A course of Sofie Kjær (the demo navigator of Norddjurs) as it stands at the second meeting: referred by the GP of
 * the script-tag journal, taken, three contacts, the plan, two offers linked (one started), both consents given on
 * screen, and a dialogue with the GP. No WHO-5 yet: the baseline is due.
 */
export async function seedCourse(stack: DemoStack, patient = { cpr: '010190-2345', name: 'Karen Jensen' }): Promise<SeededCourse> {
  const { practice, user } = demoJournals.script;
  const firstName = patient.name.split(' ')[0] ?? patient.name;
  const gp = createHenvisClient({ apiUrl: stack.apiUrl, getToken: () => stack.tokens.sign(user, practice, patient.cpr) });
  const navigator = createHenvisClient({
    apiUrl: stack.apiUrl,
    getToken: () => signDevToken({ role: 'navigator', org: 'norddjurs-navigatorer', audience: 'henvis-api' }),
  });
  const created = await gp.createReferral({ ...exampleNewReferral, patient });
  await navigator.transitionReferral(created.id, { to: 'received' });
  await navigator.transitionReferral(created.id, { to: 'accepted' });
  await navigator.logContact(created.id, { kind: 'phone', outcome: 'not_reached', at: minutesAgo(300), durationMinutes: 2 });
  await navigator.logContact(created.id, {
    kind: 'phone',
    outcome: 'reached',
    at: minutesAgo(240),
    durationMinutes: 15,
    note: 'Aftalt første møde på biblioteket.',
  });
  await navigator.logContact(created.id, {
    kind: 'meeting',
    outcome: 'reached',
    at: minutesAgo(60),
    durationMinutes: 60,
    note: `Første samtale. ${firstName} vil gerne ud blandt andre, helst om formiddagen.`,
  });
  for (const kind of ['journal_data', 'wellbeing_data'] satisfies ConsentKind[]) {
    const textHash = await consentTextHash(consentText(kind, 'da'));
    await navigator.recordConsent(created.id, {
      kind,
      decision: 'given',
      method: 'signed_on_screen',
      textVersion: CONSENT_TEXT_VERSION,
      locale: 'da',
      textHash,
    });
  }
  const offers = ['Gåture for alle', 'Strikkecafé'];
  for (const name of offers) {
    const [offer] = await navigator.searchOffers({ q: name });
    if (!offer) throw new Error(`the demo catalogue has no ${name}`);
    const link = await navigator.linkOffer(created.id, offer.id);
    if (name === offers[0]) await navigator.moveOfferLink(created.id, link.id, 'started');
  }
  const goals = 'Jeg vil gerne gå en tur med andre en gang om ugen, og lære nogle at kende i byen.';
  const nextStep = `Sofie henter ${firstName} hjemme og følger med til gåklubben første gang`;
  const nextStepDate = daysAhead(6);
  await navigator.savePlan(created.id, {
    goals,
    bridgeBuilder: false,
    companion: true,
    nextStep,
    nextStepDate,
    endCriterion: `Når ${firstName} går fast i gåklubben uden følgeskab`,
  });
  const first = await navigator.sendMessage(created.id, {
    body: `${firstName} er startet i gåklubben. Må jeg ringe til dig, hvis det går i stå?`,
  });
  await gp.sendMessage(created.id, { body: 'Ja, ring endelig. Venlig hilsen Mette Holm', inReplyTo: first.id });
  await navigator.sendMessage(created.id, { body: 'Tak. Vi ses til opfølgningen om et halvt år.' });
  return { referral: await navigator.getReferral(created.id), navigator, goals, nextStep, nextStepDate, offers };
}
