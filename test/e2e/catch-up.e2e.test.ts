/**
 * Nothing missing from the patient record, in Chromium against the real API: a GP refers in a journal and closes
 * it; the navigator works the referral, writes, records a consent and closes the course; the GP opens the journal
 * again and every change is filed as a note, once; a reload files nothing twice. Both embedding hosts, each with
 * its record (notes and position) in the browser's storage, as the demo journals keep it.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSENT_TEXT_VERSION, consentText, consentTextHash } from '@henvis/contracts';
import { cacheToken, createHenvisClient } from '@henvis/sdk';
import { signDevToken } from '@henvis/server';
import { launchChromium, watchErrors } from './browser.js';
import { demoJournals } from '../../scripts/demo-journal.mjs';
import { startDemoStack, type DemoStack } from './demo-stack.js';

const shots = fileURLToPath(new URL('../artifacts/screenshots/', import.meta.url));
let stack: DemoStack;
let browser: Browser;

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  [stack, browser] = await Promise.all([startDemoStack(), launchChromium()]);
}, 90_000);
afterAll(async () => {
  /* eslint-disable @typescript-eslint/no-unnecessary-condition */
  await browser?.close();
  await stack?.close();
  /* eslint-enable @typescript-eslint/no-unnecessary-condition */
});

const notes = (page: Page) => page.locator('#journal-notes li').allInnerTexts();

/** Opens the journal and waits until the status list has answered and the catch-up has nothing more to hand over. */
async function openJournal(context: BrowserContext, url: string, expected: number): Promise<{ page: Page; errors: string[] }> {
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(url);
  await page.getByRole('button', { name: 'Social henvisning' }).waitFor();
  await expect.poll(() => page.locator('#journal-notes li').count(), { timeout: 20_000 }).toBe(expected);
  await page.waitForTimeout(1500); // a note filed twice would arrive now
  return { page, errors };
}

describe.each(['script', 'mf'] as const)('the %s journal catches up on what happened while it was closed', (journal) => {
  it('files each change once, across a closed journal and a reload', async () => {
    const { practice, user, patient } = demoJournals[journal];
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const url = stack.journalUrl[journal];

    // The GP refers (the record is empty: nothing to catch up on).
    const first = await openJournal(context, url, 0);
    await first.page.getByRole('button', { name: 'Social henvisning' }).click();
    await first.page.getByLabel('Ensomhed').check();
    await first.page.getByRole('button', { name: 'Send henvisning' }).click();
    await first.page.getByText('Henvisningen er sendt').waitFor();
    await expect.poll(() => notes(first.page)).toHaveLength(1);
    expect(first.errors).toEqual([]);
    await first.page.close(); // the journal is closed

    // Meanwhile the navigator works the referral, and the GP writes from another desk.
    const gp = createHenvisClient({ apiUrl: stack.apiUrl, getToken: cacheToken(() => stack.tokens.sign(user, practice, patient.cpr)) });
    const navigator = createHenvisClient({
      apiUrl: stack.apiUrl,
      getToken: cacheToken(() => signDevToken({ role: 'navigator', org: 'norddjurs-navigatorer', audience: 'henvis-api' })),
    });
    const [referral] = (await gp.listReferrals()).items;
    if (!referral) throw new Error('the referral was not stored');
    await navigator.transitionReferral(referral.id, { to: 'received' });
    await navigator.transitionReferral(referral.id, { to: 'accepted' });
    await navigator.sendMessage(referral.id, { body: 'Må jeg ringe til borgeren om formiddagen?' });
    await gp.sendMessage(referral.id, { body: 'Ja, formiddag passer bedst.' });
    const textHash = await consentTextHash(consentText('wellbeing_data', 'da'));
    const consent = await navigator.recordConsent(referral.id, {
      kind: 'wellbeing_data',
      decision: 'given',
      method: 'signed_on_screen',
      textVersion: CONSENT_TEXT_VERSION,
      locale: 'da',
      textHash,
    });
    await navigator.withdrawConsent(referral.id, consent.id);
    await navigator.transitionReferral(referral.id, { to: 'contacted' });
    await navigator.transitionReferral(referral.id, { to: 'closed', reason: 'not_reachable', note: 'Borgeren ønskede ikke mere.' });

    // Opened again: the eight changes, in order, after the note already there.
    const again = await openJournal(context, url, 9);
    const filed = await notes(again.page);
    expect(filed[0]).toMatch(new RegExp(`^Social henvisning sendt .* af ${user.name}\\.`));
    expect(filed.slice(1).map((n) => n.replace(/ \d+\. \w+\.? \d{4}.*$/s, ''))).toEqual([
      expect.stringMatching(/status ændret fra "Sendt" til "Modtaget af/),
      expect.stringMatching(/status ændret fra "Modtaget af .*" til "/),
      expect.stringMatching(/^Besked om social henvisning \(ref\. \w{8}\) fra (?!.*socialnavigatøren)/),
      expect.stringMatching(/til socialnavigatøren fra /),
      expect.stringMatching(/^Samtykke til trivselsdata givet/),
      expect.stringMatching(/^Samtykke til trivselsdata \(givet/),
      expect.stringMatching(/til "Borgeren er kontaktet"/),
      expect.stringMatching(/til "Afsluttet"/),
    ]);
    expect(filed.at(-1)).toMatch(/Årsag: .*\. Bemærkning: Borgeren ønskede ikke mere\.$/);
    expect(filed.join('\n')).not.toContain(patient.cpr);
    await again.page.screenshot({ path: `${shots}catch-up-${journal}-reopened.png` });

    // Reloaded: the record is as it was, nothing filed twice.
    await again.page.reload();
    await again.page.getByRole('button', { name: 'Social henvisning' }).waitFor();
    await again.page.locator('#henvis-status').getByText('Afsluttet', { exact: true }).waitFor();
    await again.page.waitForTimeout(2000);
    expect(await notes(again.page)).toEqual(filed);
    // And a change while it is open is filed live, once.
    await gp.sendMessage(referral.id, { body: 'Tak for hjælpen.' });
    await expect.poll(() => notes(again.page)).toHaveLength(10);
    await again.page.waitForTimeout(1500);
    expect(await notes(again.page)).toHaveLength(10);
    expect(again.errors).toEqual([]);
    await context.close();
  }, 120_000);
});
