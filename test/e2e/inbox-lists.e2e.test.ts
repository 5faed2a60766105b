/**
 * The navigator's lists in Chromium, as Sofie Kjær works them on the demo: the lists' keyboard shortcuts (j and k
 * through the rows, Enter opens, / to the search, never taken from a field), the date filter, a citizen referred
 * three times marked as a likely duplicate, "Mine forløb" with each course's last contact and next step (sorted by
 * either, and saved as CSV without CPR numbers), and "Frister" with the next steps that have come and the practices
 * by name. Screenshots go to test/artifacts/screenshots/lists-*.png; axe-core finds no WCAG 2.1 AA violation.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { danishDate, exampleNewReferral } from '@henvis/contracts';
import { createHenvisClient } from '@henvis/sdk';
import { signDevToken } from '@henvis/server';
import { demoJournals } from '../../scripts/demo-journal.mjs';
import { axeViolations, launchChromium, watchErrors } from './browser.js';
import { startDemoStack, type DemoStack } from './demo-stack.js';
import { logInToInbox } from './inbox-steps.js';

const shots = fileURLToPath(new URL('../artifacts/screenshots/', import.meta.url));
const shot = (name: string) => `${shots}lists-${name}.png`;
const DAY = 86_400_000;
const day = (offset: number) => danishDate(new Date(Date.now() + offset * DAY));

let stack: DemoStack;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let errors: string[];
const karen = { cpr: '010190-2345', name: 'Karen Jensen' };
const courses = {
  poul: { cpr: '050362-1234', name: 'Poul Nielsen' },
  birthe: { cpr: '120455-4321', name: 'Birthe Lund' },
  inge: { cpr: '230871-2468', name: 'Inge Hansen' },
};
const ids: Record<string, string> = {};

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  [stack, browser] = await Promise.all([startDemoStack(), launchChromium()]);
  const { practice, user } = demoJournals.script;
  const gp = (cpr: string) => createHenvisClient({ apiUrl: stack.apiUrl, getToken: () => stack.tokens.sign(user, practice, cpr) });
  const navigator = createHenvisClient({
    apiUrl: stack.apiUrl,
    getToken: () => signDevToken({ role: 'navigator', org: 'norddjurs-navigatorer', audience: 'henvis-api' }),
  });
  // Karen referred three times within minutes: likely duplicates.
  for (const n of [1, 2, 3]) ids[`karen${n}`] = (await gp(karen.cpr).createReferral({ ...exampleNewReferral, patient: karen })).id;
  // Three of Sofie's courses: a next step past, one ahead, none; contacted 5 days ago, yesterday, never.
  for (const [name, patient] of Object.entries(courses)) {
    const { id } = await gp(patient.cpr).createReferral({ ...exampleNewReferral, patient });
    ids[name] = id;
    await navigator.transitionReferral(id, { to: 'received' });
    await navigator.transitionReferral(id, { to: 'accepted' });
  }
  const contact = (id: string, daysAgo: number) =>
    navigator.logContact(id, {
      kind: 'phone',
      outcome: 'reached',
      at: new Date(Date.now() - daysAgo * DAY).toISOString(),
      durationMinutes: 15,
    });
  await contact(ids.poul!, 5);
  await contact(ids.birthe!, 1);
  const plan = { goals: 'Ud blandt andre en gang om ugen.', bridgeBuilder: false, companion: false };
  await navigator.savePlan(ids.poul!, { ...plan, nextStep: 'Ring og hør, hvordan det gik i koret', nextStepDate: day(-1) });
  await navigator.savePlan(ids.birthe!, { ...plan, nextStep: 'Følges til gåklubben første gang', nextStepDate: day(6) });

  context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'da-DK', bypassCSP: true, acceptDownloads: true });
  context.setDefaultTimeout(10_000);
  page = await context.newPage();
  errors = watchErrors(page);
  await logInToInbox(page, stack.inboxUrl, 'Sofie Kjær');
}, 120_000);
afterAll(async () => {
  /* eslint-disable @typescript-eslint/no-unnecessary-condition */
  await browser?.close();
  await stack?.close();
  /* eslint-enable @typescript-eslint/no-unnecessary-condition */
});

const rows = () => page.locator('table.referrals tbody tr');
const rowNames = () => page.locator('table.referrals tbody tr > th > a').allInnerTexts();
const focused = () => page.evaluate(() => document.activeElement?.textContent ?? '');
const search = () => page.getByRole('button', { name: 'Søg', exact: true }).click();

describe("the navigator's lists", () => {
  it("filters by the days referred, marks Karen's three referrals as likely duplicates, and moves through them by keyboard", async () => {
    // Today's referrals only: the demo's pilot history is older.
    await page.getByLabel('Henvist fra').fill(day(1));
    await search();
    await page.getByText('Ingen henvisninger matcher.').waitFor();
    await page.getByLabel('Henvist fra').fill(day(0));
    await page.getByLabel('Henvist til').fill(day(0));
    await search();
    await page.getByRole('table', { name: '3 henvisninger på side 1' }).waitFor();
    expect(await rowNames()).toEqual(['Karen Jensen', 'Karen Jensen', 'Karen Jensen']);
    expect(await page.getByText('Mulig dublet: 2 andre henvisninger').count()).toBe(3);
    await page.getByText('Mulig dublet: 2 andre henvisninger').first().click();
    const others = rows().first().locator('details a');
    expect(await others.count()).toBe(2);
    expect(await others.first().getAttribute('href')).toBe(`#/referrals/${ids.karen2}`);
    await page.screenshot({ path: shot('new-duplicates'), fullPage: true });
    expect(await axeViolations(page)).toEqual([]);

    // The keys, said on screen; j and k move between the rows' links, a key typed in a field stays in it.
    await page.getByText('Tastatur: j næste henvisning · k forrige · Enter åbner · / søg').waitFor();
    await page.locator('h1').click();
    await page.keyboard.press('j');
    expect(await focused()).toBe('Karen Jensen');
    const linkHref = () => page.evaluate(() => document.activeElement?.getAttribute('href'));
    expect(await linkHref()).toBe(`#/referrals/${ids.karen1}`);
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    expect(await linkHref()).toBe(`#/referrals/${ids.karen3}`);
    await page.keyboard.press('k');
    expect(await linkHref()).toBe(`#/referrals/${ids.karen2}`);
    await page.screenshot({ path: shot('new-keyboard') });
    await page.keyboard.press('/');
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).type)).toBe('search');
    await page.keyboard.type('jk');
    expect(await page.getByLabel('Søg på navn eller CPR-nummer').inputValue()).toBe('jk');
    await page.getByLabel('Søg på navn eller CPR-nummer').fill('');
    await page.locator('h1').click();
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    await page.keyboard.press('Enter');
    await page.waitForURL(`**#/referrals/${ids.karen2}`);
    await page.getByRole('heading', { name: /Karen Jensen/, level: 1 }).waitFor();
    await page.goBack();
    await page.getByRole('heading', { name: 'Nye henvisninger', level: 1 }).waitFor();
  });

  it('shows "Mine forløb" with the last contact and the next step, sorted by either, and saves it as CSV without CPR numbers', async () => {
    await page.getByRole('link', { name: 'Mine forløb' }).click();
    await page.getByRole('heading', { name: 'Mine forløb', level: 1 }).waitFor();
    await page.getByRole('table').waitFor();
    await page.screenshot({ path: shot('caseload-all') });
    // The pilot history's courses have their next steps ahead: today's courses by the date filter.
    await page.getByLabel('Henvist fra').fill(day(0));
    await search();
    await expect.poll(rowNames).toEqual(['Poul Nielsen', 'Birthe Lund', 'Inge Hansen']);
    const poul = rows().filter({ hasText: 'Poul Nielsen' });
    await poul.getByText('Ring og hør, hvordan det gik i koret').waitFor();
    await poul.getByText('5 dage siden').waitFor();
    await rows().filter({ hasText: 'Inge Hansen' }).getByText('Ingen kontakt endnu').waitFor();
    await page.screenshot({ path: shot('caseload'), fullPage: true });
    expect(await axeViolations(page)).toEqual([]);

    await page.getByLabel('Sortering').selectOption('last_contact');
    await search();
    await expect.poll(rowNames).toEqual(['Inge Hansen', 'Poul Nielsen', 'Birthe Lund']);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Hent som CSV' }).click()]);
    expect(download.suggestedFilename()).toBe(`henvis-mine-forloeb-${day(0)}.csv`);
    const csv = readFileSync(await download.path(), 'utf8');
    const lines = csv
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('Borger,Alder,Praksis,Status,Seneste kontakt,Næste skridt,Dato for næste skridt,Henvist');
    expect(lines.slice(1).map((line) => line.split(',')[0])).toEqual(['Inge Hansen', 'Poul Nielsen', 'Birthe Lund']);
    expect(lines[2]).toContain(`"Ring og hør, hvordan det gik i koret",${day(-1)}`);
    for (const { cpr } of Object.values(courses)) expect(csv).not.toContain(cpr.slice(0, 6));
  });

  it('lists the next steps that have come under "Frister", and the practices by name', async () => {
    await page.getByRole('link', { name: 'Frister' }).click();
    const steps = page.getByRole('region', { name: 'Næste skridt' });
    const poul = steps.getByRole('row').filter({ hasText: 'Poul Nielsen' });
    await poul.waitFor();
    await poul.getByText('Overskredet').waitFor();
    await poul.getByText('Lægehuset Grenaa').waitFor();
    expect(await steps.getByRole('row').filter({ hasText: 'Birthe Lund' }).count()).toBe(0);
    const waiting = page.getByRole('region', { name: 'Første kontakt' });
    await waiting.getByRole('row').filter({ hasText: 'Inge Hansen' }).getByText('Lægehuset Grenaa').waitFor();
    expect(await waiting.getByText('045678').count()).toBe(0);
    await page.getByText('Ingen WHO-5-opfølgninger er forfaldne.').waitFor();
    await page.screenshot({ path: shot('deadlines'), fullPage: true });
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });
});
