/**
 * The closed loop in two browser windows, as a new user plays it from the README: the GP refers Karen Jensen in
 * the script-tag journal; the navigator logs in to the inbox (OpenID Connect with PKCE at the development login),
 * accepts, logs a contact, writes the plan, links an offer and writes to the GP; the journal shows the new status
 * and the message without a reload; the GP replies there; the navigator sees the reply without a reload. A
 * screenshot of each inbox view goes to test/artifacts/screenshots/inbox-*.png, and axe-core finds no WCAG 2.1 AA
 * violation in any of them.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleNewReferral } from '@henvis/contracts';
import { axeViolations, launchChromium, watchErrors } from './browser.js';
import { startDemoStack, type DemoStack } from './demo-stack.js';
import { logInToInbox, openCourseTab } from './inbox-steps.js';

const shots = fileURLToPath(new URL('../artifacts/screenshots/', import.meta.url));
const shot = (name: string) => `${shots}inbox-${name}.png`;

let stack: DemoStack;
let browser: Browser;
let gpWindow: BrowserContext;
let navigatorWindow: BrowserContext;
/** The navigator's tab: the inbox keeps its session per tab, as sessionStorage does. */
let nav: Page;

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  [stack, browser] = await Promise.all([startDemoStack(), launchChromium()]);
  // Two windows that share nothing: the GP's journal and the navigator's inbox.
  [gpWindow, navigatorWindow] = await Promise.all([
    browser.newContext({ viewport: { width: 1280, height: 900 } }),
    // bypassCSP: axe-core is added to the pages it checks, and the login page's policy allows no script of ours.
    browser.newContext({ viewport: { width: 1280, height: 1000 }, bypassCSP: true }),
  ]);
  for (const context of [gpWindow, navigatorWindow]) context.setDefaultTimeout(10_000);
}, 90_000);
afterAll(async () => {
  // Either is still unset when beforeAll failed; the tests themselves only run once both are there.
  /* eslint-disable @typescript-eslint/no-unnecessary-condition */
  await browser?.close();
  await stack?.close();
  /* eslint-enable @typescript-eslint/no-unnecessary-condition */
});

const logIn = (page: Page, name: string) => logInToInbox(page, stack.inboxUrl, name);

describe('the navigators’ inbox and the loop back to the journal', () => {
  it('closes the loop: refer in the journal, work the referral in the inbox, talk both ways live', async () => {
    // The GP refers Karen Jensen from the journal.
    const gp = await gpWindow.newPage();
    const gpErrors = watchErrors(gp);
    await gp.goto(stack.journalUrl.script);
    await gp.getByRole('button', { name: 'Social henvisning' }).click();
    await gp.getByLabel('Ensomhed').check();
    await gp.getByRole('button', { name: 'Send henvisning' }).click();
    await gp.getByText('Henvisningen er sendt').waitFor();
    await gp.getByRole('button', { name: 'Luk' }).click();
    await gp.getByRole('dialog').waitFor({ state: 'detached' });
    await gp.getByText('Sendt', { exact: true }).first().waitFor();
    // Marks this page: a reload would lose it, so it proves that everything later arrives live.
    await gp.evaluate(() => ((window as unknown as { stillTheSamePage: boolean }).stillTheSamePage = true));

    // The navigator logs in; the login page is the development issuer's.
    nav = await navigatorWindow.newPage();
    const navErrors = watchErrors(nav);
    await nav.goto(stack.inboxUrl);
    await nav.screenshot({ path: shot('login') });
    expect(await axeViolations(nav)).toEqual([]);
    await nav.getByRole('button', { name: 'Log ind' }).click();
    await nav.getByRole('button', { name: 'Sofie Kjær' }).waitFor();
    expect(new URL(nav.url()).origin).toBe(stack.apiUrl);
    await nav.screenshot({ path: shot('dev-login') });
    expect(await axeViolations(nav)).toEqual([]);
    await nav.getByRole('button', { name: 'Sofie Kjær' }).click();
    await nav.getByRole('heading', { name: 'Nye henvisninger', level: 1 }).waitFor();
    expect(nav.url()).not.toContain('code='); // the one-time code does not stay in the address bar
    await expect.poll(() => nav.getByRole('banner').innerText()).toContain('Sofie Kjær');

    // New referrals: Karen's is there, not taken. Open it with the keyboard.
    const row = nav.getByRole('row', { name: /Karen Jensen/ });
    await row.waitFor();
    expect(await row.innerText()).toMatch(/Lægehuset Grenaa\s+Ensomhed\s+Sendt[\s\S]*Ikke taget/);
    await nav.screenshot({ path: shot('new'), fullPage: true });
    expect(await axeViolations(nav)).toEqual([]);
    await row.getByRole('link', { name: 'Karen Jensen' }).focus();
    await nav.keyboard.press('Enter');
    await nav.getByRole('heading', { name: /Karen Jensen/, level: 1 }).waitFor();

    // Accept: the referral is received and taken by Sofie.
    await nav.getByRole('button', { name: 'Acceptér og tag borgeren' }).click();
    await nav.getByRole('heading', { name: 'Kontakter' }).waitFor();
    expect(await nav.locator('.facts').innerText()).toContain('Sofie Kjær');

    // Log the first contact: a phone call of 20 minutes that reached the citizen.
    const contacts = nav.getByRole('region', { name: 'Kontakter' });
    await contacts.getByText('Registrér kontakt').click();
    await contacts.getByLabel('Kontaktform').selectOption({ label: 'Telefon' });
    await contacts.getByLabel('Talt med borgeren').check();
    await contacts.getByLabel('Varighed i minutter').fill('20');
    await contacts.getByLabel('Notat').fill('Første samtale. Karen vil gerne ud blandt andre.');
    await contacts.getByRole('button', { name: 'Gem kontakt' }).click();
    await contacts.getByText(/1 kontakt \(typisk 6-12 i et forløb\)/).waitFor();

    // The plan, in Karen's words.
    await openCourseTab(nav, 'Plan');
    await nav.getByLabel('Mål, med borgerens egne ord').fill('Jeg vil gerne gå en tur med andre en gang om ugen.');
    await nav.getByLabel('Følgeskab er nødvendigt').check();
    await nav.getByRole('tabpanel', { name: 'Plan' }).getByLabel('Næste skridt', { exact: true }).fill('Følges til gåklubben første gang');
    await nav.getByLabel('Dato for næste skridt').fill('2026-12-01');
    await nav.getByLabel(/Slutkriterium/).fill('Når Karen går fast i gåklubben uden følgeskab');
    await nav.getByRole('button', { name: 'Gem plan' }).click();
    await nav.getByText(/Version 1, gemt/).waitFor();

    // Link an offer from the catalogue and mark it started: the course is linked.
    await openCourseTab(nav, 'Tilbud');
    await nav.getByText('Find tilbud i kataloget').click();
    await nav.getByRole('search', { name: 'Find tilbud i kataloget' }).getByLabel('Fritekst').fill('gå');
    await nav.getByRole('button', { name: 'Søg', exact: true }).click();
    const link = nav.getByRole('button', { name: 'Kobl til: Gåture for alle' });
    await link.click();
    await nav.getByRole('button', { name: 'Markér: Startet' }).click();
    await nav.getByRole('button', { name: 'Markér: Stoppet' }).waitFor();
    await expect.poll(() => nav.locator('.citizen .status').innerText()).toBe('Koblet til tilbud');

    // No offer for a men's shed in Allingåbro's evening hours: an unmet need, for the coordinator.
    const offers = nav.getByRole('region', { name: 'Tilbud' });
    await offers.locator('summary', { hasText: 'Udækket behov' }).click();
    await offers.getByLabel('Behov').selectOption({ label: 'Fællesskab' });
    await offers.getByLabel('Område (by eller bydel)').fill('Allingåbro');
    await offers.getByRole('button', { name: 'Registrér udækket behov' }).click();
    await offers.getByText('Det udækkede behov er registreret.').waitFor();

    // Write to the GP.
    await nav.getByLabel('Skriv til lægen').fill('Karen er startet i gåklubben. Må jeg ringe til dig, hvis hun falder fra?');
    await nav.getByRole('button', { name: 'Send besked' }).click();
    await nav.locator('.messages li.mine').first().waitFor();
    await nav.screenshot({ path: shot('course'), fullPage: true });
    expect(await axeViolations(nav)).toEqual([]);

    // The journal shows the new status and the message without a reload.
    await gp.getByText('Koblet til tilbud').first().waitFor({ timeout: 15_000 });
    await gp
      .locator('#henvis-status')
      .getByText(/Karen er startet i gåklubben/)
      .waitFor({ timeout: 15_000 });
    await gp
      .locator('#journal-notes')
      .getByText(/Karen er startet i gåklubben/)
      .waitFor();
    expect(await gp.evaluate(() => (window as unknown as { stillTheSamePage?: boolean }).stillTheSamePage)).toBe(true);
    await gp.screenshot({ path: shot('journal-sees-message'), fullPage: true });

    // The GP replies from the journal; the navigator sees it without a reload.
    await gp.getByLabel('Skriv til socialnavigatøren').fill('Ja, ring endelig. Venlig hilsen Mette Holm');
    await gp.getByRole('button', { name: 'Send besked' }).click();
    await gp.getByText('Beskeden er sendt.').waitFor();
    await nav.locator('.messages li.theirs', { hasText: 'Ja, ring endelig' }).waitFor({ timeout: 15_000 });
    await nav.locator('.messages').screenshot({ path: shot('reply-arrived') });

    // "Mine forløb" lists Karen, linked, with the plan's next step.
    await nav.getByRole('link', { name: 'Mine forløb' }).click();
    await nav.getByRole('heading', { name: 'Mine forløb', level: 1 }).waitFor();
    expect(await nav.evaluate(() => document.activeElement?.id)).toBe('main'); // a new page starts where it is read
    await expect
      .poll(() => nav.getByRole('row', { name: /Karen Jensen/ }).innerText())
      .toMatch(/Koblet til tilbud[\s\S]*i dag[\s\S]*Følges til gåklubben første gang/);
    await nav.screenshot({ path: shot('caseload'), fullPage: true });
    expect(await axeViolations(nav)).toEqual([]);

    // Karen goes on her own now: the course closes against the end criterion of the plan, and the GP gets the summary.
    await nav.getByRole('link', { name: 'Karen Jensen' }).click();
    await nav.getByRole('button', { name: 'Afslut forløbet' }).click();
    await nav.getByText('Aftalt slutkriterium: Når Karen går fast i gåklubben uden følgeskab').waitFor();
    await nav.getByLabel('Afslutningsårsag').selectOption({ label: 'En del af et fællesskab' });
    await nav
      .getByLabel(/Afslutningsnotat til lægen/)
      .fill('Karen går fast i gåklubben tirsdag og torsdag og kommer selv. WHO-5 følges op i maj.');
    await nav.getByRole('button', { name: 'Afslut og send notat til lægen' }).click();
    await nav.getByText('Forløbet er afsluttet.').waitFor();
    await gp.locator('#henvis-status').getByText('Afsluttet').first().waitFor({ timeout: 15_000 });
    await gp
      .locator('#henvis-status')
      .getByText(/^Afslutning: En del af et fællesskab\. Karen går fast i gåklubben tirsdag og torsdag/)
      .waitFor();
    expect(await gp.evaluate(() => (window as unknown as { stillTheSamePage?: boolean }).stillTheSamePage)).toBe(true);
    await gp.locator('#henvis-status').screenshot({ path: shot('journal-closing-summary') });

    expect(gpErrors).toEqual([]);
    expect(navErrors).toEqual([]);
  }, 120_000);

  it('shows the deadlines and the catalogue, and lets a coordinator see what is missing', async () => {
    // Another citizen, referred by a vendor's backend, waits for a first contact.
    const created = await fetch(`${stack.apiUrl}/v1/referrals`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${stack.token('script')}`,
        'content-type': 'application/json',
        'idempotency-key': crypto.randomUUID(),
      },
      body: JSON.stringify({ ...exampleNewReferral, patient: { cpr: '020285-1113', name: 'Ole Madsen' } }),
    });
    expect(created.status).toBe(201);
    const page = nav;
    await page.getByRole('link', { name: 'Frister' }).click();
    await page.getByRole('heading', { name: 'Frister', level: 1 }).waitFor();
    const waiting = page.getByRole('region', { name: 'Første kontakt' });
    await waiting.getByText('1 borger venter på første kontakt').waitFor();
    expect(await waiting.getByRole('row', { name: /Ole Madsen/ }).innerText()).toMatch(/Inden for fristen[\s\S]*Ikke taget/);
    await page.getByText('Ingen WHO-5-opfølgninger er forfaldne.').waitFor();
    await page.screenshot({ path: shot('deadlines'), fullPage: true });
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('link', { name: 'Tilbudskatalog' }).click();
    await page.getByRole('heading', { name: 'Tilbudskatalog', level: 1 }).waitFor();
    await page.getByText(/Gå/).first().waitFor();
    await page.screenshot({ path: shot('catalogue'), fullPage: true });
    expect(await axeViolations(page)).toEqual([]);

    // The coordinator keeps the catalogue, and sees where offers are missing.
    const coordinatorWindow = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
    coordinatorWindow.setDefaultTimeout(10_000);
    const jonas = await coordinatorWindow.newPage();
    await logIn(jonas, 'Jonas Berg');
    await jonas.getByRole('link', { name: 'Tilbudskatalog' }).click();
    await jonas.getByRole('button', { name: 'Nyt tilbud' }).waitFor();
    await jonas.getByRole('row', { name: /Fællesskab\s+Allingåbro\s+1/ }).waitFor();
    await jonas.screenshot({ path: shot('catalogue-coordinator'), fullPage: true });
    await coordinatorWindow.close();
    expect(await page.getByRole('button', { name: 'Nyt tilbud' }).count()).toBe(0);

    // English on request.
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('link', { name: 'Offers catalogue' }).waitFor();
    await page.getByRole('button', { name: 'Dansk' }).click();
  }, 60_000);

  it('keeps other organisations out, ends a session at logout, and asks for a new login when a session is gone', async () => {
    // A navigator of Syddjurs sees none of Norddjurs' referrals.
    const other = await browser.newContext();
    other.setDefaultTimeout(10_000);
    const aske = await other.newPage();
    const askeErrors = watchErrors(aske);
    await logIn(aske, 'Aske Holt');
    await aske.getByText('Ingen henvisninger matcher.').waitFor();
    expect(askeErrors).toEqual([]);
    await other.close();

    // An access token that has run out is renewed without a word (the refresh token), and the work goes on.
    const context = await browser.newContext();
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    await logIn(page, 'Sofie Kjær');
    const expire = (changes: Record<string, unknown>) =>
      page.evaluate((extra) => {
        const session = JSON.parse(sessionStorage.getItem('henvis-inbox-session')!);
        sessionStorage.setItem('henvis-inbox-session', JSON.stringify({ ...session, expiresAt: Date.now() - 1, ...extra }));
      }, changes);
    const before = await page.evaluate(() => JSON.parse(sessionStorage.getItem('henvis-inbox-session')!).accessToken);
    await expire({});
    await page.getByRole('link', { name: 'Alle henvisninger' }).click();
    await page.getByRole('heading', { name: 'Alle henvisninger', level: 1 }).waitFor();
    await page.getByRole('table').waitFor();
    expect(await page.getByRole('alertdialog').count()).toBe(0);
    expect(await page.evaluate(() => JSON.parse(sessionStorage.getItem('henvis-inbox-session')!).accessToken)).not.toBe(before);

    // A session the provider no longer renews (here: a refresh token it never issued) asks for a new login, which
    // comes back to the same page.
    await page.getByRole('link', { name: 'Tilbudskatalog' }).click();
    await expire({ refreshToken: 'not-one-of-ours' });
    // The next call to the API (here: opening the caseload) finds the session gone.
    await page.evaluate(() => (location.hash = '#/caseload'));
    await page.getByRole('alertdialog', { name: 'Din session er udløbet' }).waitFor();
    // The page behind the dialog is out of reach: nothing there takes focus or a click.
    expect(await page.locator('[inert] nav.pages').count()).toBe(1);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Log ind igen');
    await page.getByRole('button', { name: 'Log ind igen' }).click();
    // The login's own session still holds (8 hours), so no one is asked; the inbox opens where the user was.
    await page.getByRole('heading', { name: 'Mine forløb', level: 1 }).waitFor();

    // Logging out ends the session here and at the login: the next login asks who you are again.
    await page.getByRole('button', { name: 'Log ud' }).click();
    await page.getByRole('button', { name: 'Log ind' }).waitFor();
    expect(await page.evaluate(() => sessionStorage.getItem('henvis-inbox-session'))).toBeNull();
    await page.getByRole('button', { name: 'Log ind' }).click();
    await page.getByRole('button', { name: 'Sofie Kjær' }).waitFor();
    await context.close();
  }, 60_000);
});
