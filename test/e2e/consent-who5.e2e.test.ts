/**
 * Consents and WHO-5 in Chromium, end to end: at the first conversation the navigator records both consents and a
 * WHO-5 baseline in the inbox's course, with the widget's views; the GP's journal (script-tag host) hears of it live
 * and files the notes; the citizen withdraws the well-being consent; a follow-up WHO-5 is then refused. Screenshots of the
 * consent texts as the citizen sees them go to test/artifacts/screenshots, and the FHIR resources produced for the
 * demo citizen to test/artifacts/fhir.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleNewReferral } from '@henvis/contracts';
import { signDevToken } from '@henvis/server';
import { demoJournals } from '../../scripts/demo-journal.mjs';
import { launchChromium, watchErrors } from './browser.js';
import { startDemoStack, type DemoStack } from './demo-stack.js';
import { answerWho5, openCourseTab } from './inbox-steps.js';

const shots = fileURLToPath(new URL('../artifacts/screenshots/', import.meta.url));
const fhirDir = fileURLToPath(new URL('../artifacts/fhir/', import.meta.url));
const KAREN = '010190-2345';

let stack: DemoStack;
let browser: Browser;

const navigatorToken = () => signDevToken({ role: 'navigator', org: 'norddjurs-navigatorer', audience: 'henvis-api' });
async function api<T>(path: string, token = navigatorToken()): Promise<T> {
  const response = await fetch(stack.apiUrl + path, { headers: { authorization: `Bearer ${token}` } });
  expect(response.status).toBe(200);
  return (await response.json()) as T;
}

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  mkdirSync(fhirDir, { recursive: true });
  [stack, browser] = await Promise.all([startDemoStack(), launchChromium()]);
}, 90_000);
afterAll(async () => {
  // Either is still unset when beforeAll failed; the tests themselves only run once both are there.
  /* eslint-disable @typescript-eslint/no-unnecessary-condition */
  await browser?.close();
  await stack?.close();
  /* eslint-enable @typescript-eslint/no-unnecessary-condition */
});

describe('consents and WHO-5 at the first conversation', () => {
  it('records both consents and a baseline, files the consent notes in the journal, and refuses a follow-up after withdrawal', async () => {
    const { practice, user } = demoJournals.script;
    const created = await fetch(`${stack.apiUrl}/v1/referrals`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${stack.tokens.sign(user, practice, KAREN)}`,
        'content-type': 'application/json',
        'idempotency-key': crypto.randomUUID(),
      },
      body: JSON.stringify(exampleNewReferral),
    });
    const referral = (await created.json()) as { id: string };

    const journal = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await journal.goto(stack.journalUrl.script);
    await journal.locator('#henvis-status').getByText('Sendt', { exact: true }).waitFor();
    // The navigator receives the referral; the journal shows it live and files the change.
    await fetch(`${stack.apiUrl}/v1/referrals/${referral.id}/transitions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${navigatorToken()}`, 'content-type': 'application/json' },
      body: JSON.stringify({ to: 'received' }),
    });
    await journal.locator('#henvis-status').getByText('Modtaget af socialnavigatør', { exact: true }).first().waitFor({ timeout: 10_000 });
    await journal
      .locator('#journal-notes li')
      .filter({ hasText: /status ændret fra "Sendt" til "Modtaget af socialnavigatør"/ })
      .waitFor();

    // Sofie Kjær opens the course in the inbox, takes it, and meets the citizen.
    const nav = await browser.newPage({ viewport: { width: 1100, height: 1400 } });
    // The inbox runs under its Content-Security-Policy here, the widget's views inside it included.
    const errors = watchErrors(nav);
    await nav.goto(stack.inboxUrl);
    await nav.getByRole('button', { name: 'Log ind' }).click();
    await nav.getByRole('button', { name: 'Sofie Kjær' }).click();
    await nav.getByRole('heading', { name: 'Nye henvisninger', level: 1 }).waitFor();
    await nav.goto(`${stack.inboxUrl}/#/referrals/${referral.id}`);
    await nav.getByRole('button', { name: 'Acceptér og tag borgeren' }).click();
    await openCourseTab(nav, 'Samtykker og WHO-5');
    await nav.getByRole('heading', { name: 'Samtykker og WHO-5' }).waitFor();
    const journalData = nav.getByRole('region', { name: 'Samtykke til journaldata' });
    const wellbeing = nav.getByRole('region', { name: 'Samtykke til trivselsdata' });
    await journalData.getByText('Ikke spurgt endnu').waitFor();
    await journalData.screenshot({ path: `${shots}consent-journal-data.png` });
    await wellbeing.screenshot({ path: `${shots}consent-wellbeing-data.png` });

    // Both consents given, each on its own, signed on screen.
    for (const section of [journalData, wellbeing]) {
      await section.getByLabel('Borgeren har læst teksten og bekræfter sit valg her på skærmen').check();
      await section.getByRole('button', { name: 'Borgeren giver samtykke' }).click();
      await section.getByText('Samtykket er registreret.').waitFor();
    }
    await journalData
      .getByText(/Gælder til og med/)
      .first()
      .waitFor();

    // The GP's journal hears of both decisions live, without a reload, and files them as journal notes.
    const notes = journal.locator('#journal-notes li');
    await notes.filter({ hasText: /^Samtykke til journaldata givet/ }).waitFor();
    await notes.filter({ hasText: /^Samtykke til trivselsdata givet/ }).waitFor();
    await journal
      .locator('#henvis-status')
      .getByText(/Samtykke til trivselsdata: givet/)
      .waitFor();
    await journal.screenshot({ path: `${shots}consent-journal-notes.png` });

    // WHO-5 baseline: the navigator sees the score and what it means.
    await nav.getByText('Første måling (baseline)').waitFor();
    await answerWho5(nav, [
      'Lidt af tiden',
      'Lidt mindre end halvdelen af tiden',
      'Lidt af tiden',
      'Lidt af tiden',
      'Lidt mindre end halvdelen af tiden',
    ]);
    await nav.getByText('Tak. Svarene er gemt.').waitFor();
    await nav.getByText('7 af 25').waitFor();
    await nav.getByText('28 af 100').waitFor();
    await nav.locator('.who5-view').screenshot({ path: `${shots}who5-baseline-result.png` });

    // The citizen withdraws the well-being consent: one action, at once, and the journal hears of it.
    await wellbeing.getByRole('button', { name: 'Træk samtykket tilbage' }).click();
    await wellbeing.getByText('Samtykket er trukket tilbage.').waitFor();
    await notes.filter({ hasText: /^Samtykke til trivselsdata \(givet .*\) trukket tilbage/ }).waitFor();

    // No follow-up is asked for before its window opens, 6 months on (the inbox keeps its session across a
    // reload of the tab); and the API refuses one now, the consent being withdrawn.
    await nav.reload();
    await openCourseTab(nav, 'Samtykker og WHO-5');
    await nav.getByText('Første måling er registreret. Den opfølgende måling kan tages, når den bliver aktuel.').waitFor();
    await nav.getByText('Ikke aktuel endnu').waitFor();
    expect(await nav.locator('.who5-view').getByRole('radio').count()).toBe(0);
    await nav.screenshot({ path: `${shots}who5-follow-up-not-due.png`, fullPage: true });
    const followUp = await fetch(`${stack.apiUrl}/v1/referrals/${referral.id}/who5`, {
      method: 'POST',
      headers: { authorization: `Bearer ${navigatorToken()}`, 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'follow_up', answers: [4, 4, 1, 1, 4] }),
    });
    expect(followUp.status).toBe(422);
    expect(((await followUp.json()) as { code: string }).code).toBe('wellbeing_consent_withdrawn');
    const who5 = await api<{ items: { id: string; kind: string }[] }>(`/v1/referrals/${referral.id}/who5`);
    expect(who5.items.map((r) => r.kind)).toEqual(['baseline']);
    expect(errors).toEqual([]);

    // The FHIR resources produced for the demo citizen.
    const consents = await api<{ items: { id: string; kind: string }[] }>(`/v1/referrals/${referral.id}/consents`);
    for (const consent of consents.items) {
      const resource = await api<{ resourceType: string; status: string }>(`/fhir/Consent/${consent.id}`);
      expect(resource).toMatchObject({ resourceType: 'Consent', status: consent.kind === 'journal_data' ? 'active' : 'inactive' });
      writeFileSync(`${fhirDir}consent-${consent.kind}.json`, JSON.stringify(resource, null, 2));
    }
    const questionnaireResponse = await api<{ resourceType: string }>(`/fhir/QuestionnaireResponse/${who5.items[0]!.id}`);
    expect(questionnaireResponse.resourceType).toBe('QuestionnaireResponse');
    writeFileSync(`${fhirDir}who5-baseline.json`, JSON.stringify(questionnaireResponse, null, 2));
    await Promise.all([journal.close(), nav.close()]);
  }, 120_000);
});
