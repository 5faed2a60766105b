/**
 * Offers in Chromium, as the navigator and the coordinator use them: Sofie Kjær finds an offer for a citizen with
 * the catalogue's own filters (category, area, weekday, time), reads its times and the organisation's reception
 * agreement on the card, links it, and finds it among the plan's agreed offers; Jonas Berg keeps the catalogue with
 * categories from the one list and a note for the rest, and checks an HSDS file whose dry run names, in Danish, what
 * it would add, change and leave alone, and why it refuses a row. Screenshots go to test/artifacts/screenshots/offers-*.png.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleNewReferral } from '@henvis/contracts';
import { axeViolations, launchChromium, watchErrors } from './browser.js';
import { startDemoStack, type DemoStack } from './demo-stack.js';
import { logInToInbox } from './inbox-steps.js';

const shots = process.env.HENVIS_SHOTS ?? fileURLToPath(new URL('../artifacts/screenshots/', import.meta.url));
const shot = (name: string) => `${shots}offers-${name}.png`;

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

async function newPage(name: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, bypassCSP: true });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  await logInToInbox(page, stack.inboxUrl, name);
  return page;
}

/** The course page's tab of that name, where the page has tabs (its sections are all in view where it has none). */
async function openTab(page: Page, name: string): Promise<void> {
  const tab = page.getByRole('tab', { name, exact: true });
  if (await tab.count()) await tab.click();
}

/** The signed-in user's access token, for a look through the API beside the page. */
const tokenOf = (page: Page) =>
  page.evaluate(() => (JSON.parse(sessionStorage.getItem('henvis-inbox-session')!) as { accessToken: string }).accessToken);

describe('offers in the inbox', () => {
  it("links an offer found with the catalogue's filters, and the plan's agreed offers are the linked ones", async () => {
    const created = await fetch(`${stack.apiUrl}/v1/referrals`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${stack.token('script')}`,
        'content-type': 'application/json',
        'idempotency-key': crypto.randomUUID(),
      },
      body: JSON.stringify({ ...exampleNewReferral, patient: { cpr: '020285-1113', name: 'Ole Madsen' } }),
    });
    const { id } = (await created.json()) as { id: string };
    const sofie = await newPage('Sofie Kjær');
    const errors = watchErrors(sofie);
    await sofie.evaluate((referralId) => (location.hash = `#/referrals/${referralId}`), id);
    await sofie.getByRole('heading', { name: /Ole Madsen/, level: 1 }).waitFor();
    await sofie.getByRole('button', { name: /^Accept/ }).click();
    await sofie.getByRole('button', { name: /^Afslut/ }).waitFor();

    await openTab(sofie, 'Tilbud');
    const offers = sofie.getByRole('region', { name: 'Tilbud' });
    await offers.getByText('Find tilbud i kataloget').click();
    const search = offers.getByRole('search', { name: 'Find tilbud i kataloget' });
    await search.getByLabel('Kategori').selectOption({ label: 'Fællesspisning' });
    await search.getByLabel('Område (by eller postnummer)').fill('Grenaa');
    await search.getByLabel('Ugedag').selectOption({ label: 'torsdag' });
    await search.getByLabel('Tidspunkt (TT:MM)').fill('18:00');
    await search.getByRole('button', { name: 'Søg', exact: true }).click();
    await offers.getByText('1 tilbud', { exact: true }).waitFor();
    const card = offers.getByRole('article', { name: 'Fællesspisning' });
    expect(await card.innerText()).toMatch(/Hvornår\s+torsdag, 17:30–19:30[\s\S]*Modtageaftale\s+En medarbejder tager imod ved døren/);
    await offers.screenshot({ path: shot('course-search') });
    expect(await axeViolations(sofie, ['.offer-finder'])).toEqual([]);

    await card.getByRole('button', { name: 'Kobl til: Fællesspisning' }).click();
    await card.getByText('Koblet til forløbet').waitFor();
    await openTab(sofie, 'Plan');
    const plan = sofie.getByRole('region', { name: 'Individuel plan' });
    const agreed = plan.getByRole('list', { name: 'Aftalte tilbud' });
    await expect.poll(() => agreed.innerText()).toBe('Fællesspisning · Foreslået');
    expect(await plan.getByRole('textbox', { name: /Aftalte tilbud/ }).count()).toBe(0); // no list typed by hand
    await plan.screenshot({ path: shot('course-plan') });

    // In English, the same list of categories by its English names, and the plan's offers in English words.
    await sofie.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => sofie.getByRole('list', { name: 'Agreed offers' }).innerText()).toBe('Fællesspisning · Proposed');
    await openTab(sofie, 'Offers');
    const english = sofie.getByRole('search', { name: 'Find an offer in the catalogue' });
    expect(await english.getByLabel('Category').locator('option').allInnerTexts()).toEqual(
      expect.arrayContaining(['Shared meals', 'Walks']),
    );
    await sofie.getByRole('button', { name: 'Dansk' }).click();

    // An unmet need is recorded in the same list of categories as the catalogue's.
    await openTab(sofie, 'Tilbud');
    await offers.locator('summary', { hasText: 'Udækket behov' }).click();
    const needs = await offers.getByLabel('Behov').locator('option').allInnerTexts();
    expect(needs).toEqual(expect.arrayContaining(['Fællesspisning', 'Kor og sang', 'Gåture', 'Andet']));
    expect(errors).toEqual([]);
    await sofie.context().close();
  }, 60_000);

  it('keeps categories to the one list, and the HSDS dry run names what it adds, changes and leaves alone, in Danish', async () => {
    const jonas = await newPage('Jonas Berg');
    await jonas.getByRole('link', { name: 'Tilbudskatalog' }).click();
    await jonas.getByRole('heading', { name: 'Tilbudskatalog', level: 1 }).waitFor();
    await jonas.getByRole('button', { name: 'Nyt tilbud' }).click();
    const form = jonas.locator('form.offer-form');
    await form.getByLabel('Organisationens navn').fill('Ørsted Petanqueklub');
    await form.getByLabel('Tilbuddets navn').fill('Petanque i parken');
    const categories = form.getByRole('group', { name: 'Kategorier' });
    await categories.getByLabel('Fysisk aktivitet').check();
    await categories.getByLabel('Fællesskab').check();
    await form.getByLabel(/^Det, kategorierne ikke siger/).fill('Petanque');
    await jonas.locator('.offer-form-panel').screenshot({ path: shot('form') });
    await form.getByRole('button', { name: 'Gem tilbud' }).click();
    await jonas.getByText('»Petanque i parken« er gemt.').waitFor();
    const petanque = jonas.getByRole('article', { name: 'Petanque i parken' });
    expect(await petanque.innerText()).toContain('Fysisk aktivitet, Fællesskab, Petanque');

    // A file from the catalogue's own export: one offer's times changed, one new offer without a name.
    const token = await tokenOf(jonas);
    const page = (await (
      await fetch(`${stack.apiUrl}/v1/offers/export/hsds`, { headers: { authorization: `Bearer ${token}` } })
    ).json()) as {
      contents: Record<string, unknown>[];
    };
    const services = structuredClone(page.contents);
    const walk = services.find((s) => s.name === 'Gåture for alle')!;
    walk.schedules = (walk.schedules as Record<string, unknown>[]).map((s) => ({ ...s, opens_at: '09:00:00' }));
    const nameless: Record<string, unknown> = { ...structuredClone(walk), id: crypto.randomUUID() };
    delete nameless.name;
    const file = Buffer.from(JSON.stringify({ ...page, contents: [...services, nameless] }));
    await jonas.getByLabel('Importér HSDS: vælg en fil (.json eller .zip)').setInputFiles({
      name: 'katalog.json',
      mimeType: 'application/json',
      buffer: file,
    });
    await jonas.getByRole('button', { name: 'Kontrollér filen' }).click();
    const outcomes = jonas.getByRole('table', { name: 'Tilbuddene i filen, og hvad importen gør med dem' });
    await outcomes.waitFor();
    expect(await outcomes.getByRole('row', { name: /Gåture for alle/ }).innerText()).toMatch(/Ændres: tidspunkter/);
    expect(await outcomes.getByRole('row', { name: /Petanque i parken/ }).innerText()).toMatch(/Uændret, røres ikke/);
    const refused = jonas.getByRole('table', { name: 'Afviste rækker og deres felter' });
    expect(await refused.innerText()).toContain('Skal udfyldes.');
    expect(await refused.innerText()).not.toContain('Required.');
    await jonas.getByText(`0 nye tilbud, 1 ændres, ${services.length - 1} forbliver uændrede, 1 række afvises.`).waitFor();
    await jonas.locator('section.hsds').screenshot({ path: shot('import-check') });
    expect(await axeViolations(jonas, ['section.hsds'])).toEqual([]);

    await jonas.getByRole('button', { name: 'Importér 1 tilbud' }).click();
    await jonas.getByText(`Importeret: 0 nye, 1 ændrede, ${services.length - 1} uændrede, 1 afvist.`).waitFor();
    await jonas.context().close();
  }, 60_000);
});
