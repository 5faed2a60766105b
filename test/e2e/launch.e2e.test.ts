/**
 * The third host style in Chromium: the launch journal (hosts/journal-launch) opens Henvis in a window of its own
 * with a signed launch token, posted as a form from another site (the journal at localhost, Henvis at 127.0.0.1, so
 * SameSite is tested as a vendor's deployment meets it). The GP refers the patient in the dialog and sees the status
 * in the list, under the page's strict CSP; a replayed launch, an expired one and one for another audience each show
 * the refusal page. No address, cookie or log line carries the CPR number or the name. Screenshots go to
 * /tmp/screens/launch-*.png.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { createPrivateKey, randomUUID, sign } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LAUNCH_TOKEN_TYPE } from '@henvis/contracts';
import { demoJournals } from '../../scripts/demo-journal.mjs';
import { axeViolations, launchChromium, watchErrors } from './browser.js';
import { startDemoStack, type DemoStack } from './demo-stack.js';

const shots = '/tmp/screens';
const journal = demoJournals.launch;
const CPR = journal.patient.cpr;
const NAME = journal.patient.name;
const personal = [CPR, CPR.replace('-', ''), NAME, encodeURIComponent(NAME), 'Birthe'];

let stack: DemoStack;
let browser: Browser;
let context: BrowserContext;
const apiOutput: string[] = [];
/** Every address the browser asked for, in every page of the context. */
const requested: string[] = [];

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  [stack, browser] = await Promise.all([
    startDemoStack({ apiEnv: { LOG_LEVEL: 'info' }, onApiOutput: (line) => apiOutput.push(line) }),
    launchChromium(),
  ]);
  // No bypassCSP: the page's policy must let the widget in as it is.
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  context.setDefaultTimeout(15_000);
  context.on('request', (request) => requested.push(request.url()));
}, 120_000);
afterAll(async () => {
  /* eslint-disable @typescript-eslint/no-unnecessary-condition -- unset when beforeAll failed */
  await context?.close();
  await browser?.close();
  await stack?.close();
  /* eslint-enable @typescript-eslint/no-unnecessary-condition */
});

/** The launch journal from another site than Henvis: localhost, while the API is at 127.0.0.1. */
const journalUrl = () => stack.journalUrl.launch.replace('127.0.0.1', 'localhost');
const launchUrl = () => `${stack.apiUrl}/launch`;

/** Opens the journal and presses "Social henvisning": Henvis opens in a new window, which is returned. */
async function launchFromJournal(options: { hideBanner?: boolean; shot?: string } = {}): Promise<{ henvis: Page; errors: string[] }> {
  const page = await context.newPage();
  await page.goto(journalUrl());
  await page.getByRole('button', { name: 'Social henvisning' }).waitFor();
  if (options.hideBanner) await page.getByLabel('Uden patientbanner i Henvis').check();
  if (options.shot) await page.screenshot({ path: `${shots}/${options.shot}` });
  const [henvis] = await Promise.all([context.waitForEvent('page'), page.getByRole('button', { name: 'Social henvisning' }).click()]);
  const errors = watchErrors(henvis);
  await henvis.waitForURL(`${stack.apiUrl}/launch/app`);
  await page.close();
  return { henvis, errors };
}

/** Posts a launch token to Henvis from a page of the journal's site, as a journal's form does, and waits for the answer. */
async function postLaunch(token: string): Promise<{ page: Page; status: number }> {
  const page = await context.newPage();
  await page.goto(journalUrl());
  const answer = page.waitForResponse((response) => response.url() === launchUrl() && response.request().method() === 'POST');
  await page.evaluate(
    ([action, value]) => {
      const form = document.createElement('form');
      form.method = 'post';
      form.action = action;
      const input = document.createElement('input');
      input.type = 'hidden';
      input.name = 'launch';
      input.value = value;
      form.append(input);
      document.body.append(form);
      form.submit();
    },
    [launchUrl(), token] as const,
  );
  const status = (await answer).status();
  await page.waitForLoadState();
  return { page, status };
}

/** A launch token (ES256) signed with the vendor's key as the token service would, but with claims it never makes. */
function signWithVendorKey(claims: Record<string, unknown>): string {
  const key = createPrivateKey(readFileSync(stack.vendorKeyFile, 'utf8'));
  const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const input = `${b64({ alg: 'ES256', typ: LAUNCH_TOKEN_TYPE, kid: 'vendor-key-1' })}.${b64(claims)}`;
  return `${input}.${sign('sha256', Buffer.from(input), { key, dsaEncoding: 'ieee-p1363' }).toString('base64url')}`;
}

async function expectRefusal(page: Page, status: number, actual: number, code: string, title: RegExp) {
  expect(actual).toBe(status);
  await expect.poll(() => page.locator('#error-code').textContent()).toBe(code);
  expect(await page.getByRole('heading', { level: 1 }).textContent()).toMatch(title);
  expect(await page.getByText('Åbn Henvis igen fra journalen.').count()).toBe(1);
  expect(await page.getByText('Open Henvis from the journal again.').count()).toBe(1);
  const text = await page.locator('body').innerText();
  for (const p of personal) expect(text).not.toContain(p);
}

describe('the launch journal', () => {
  it('opens Henvis full page: the GP refers the patient in the dialog and sees the status in the list', async () => {
    const { henvis, errors } = await launchFromJournal({ shot: 'launch-journal.png' });
    // The page shows the context it read with its cookie: the practice, the GP and the patient banner.
    await expect.poll(() => henvis.locator('#launch-practice').textContent()).toBe('Lægerne i Auning · Hanne Bech, læge');
    const banner = henvis.getByRole('region', { name: 'Patient' });
    await expect.poll(() => banner.textContent()).toContain(NAME);
    expect(await banner.textContent()).toContain(CPR);
    // The journal's look (its stylesheet, the launch's style_url) reaches the page and the widget inside its shadow root.
    await henvis.getByRole('button', { name: 'Social henvisning' }).waitFor();
    expect(await henvis.evaluate(() => getComputedStyle(document.querySelector('.launch-bar')!).backgroundColor)).toBe('rgb(47, 93, 80)');
    await henvis.getByText('Ingen sociale henvisninger').waitFor();

    await henvis.getByRole('button', { name: 'Social henvisning' }).click();
    const dialog = henvis.getByRole('dialog');
    await dialog.waitFor();
    // Prefilled from the launch: the phone number the journal handed over.
    expect(await dialog.getByLabel(/Telefon/).inputValue()).toBe('+45 86 12 34 56');
    await dialog.getByLabel('Ensomhed').check();
    await dialog.getByRole('button', { name: 'Send henvisning' }).click();
    await henvis.getByText('Sendt', { exact: true }).first().waitFor();
    await henvis.keyboard.press('Escape');
    await henvis.getByRole('button', { name: 'Samtykker' }).first().click();
    await henvis
      .getByText(/Samtykke til journaldata/)
      .first()
      .waitFor();
    await henvis.screenshot({ path: `${shots}/launch-widget.png`, fullPage: true });
    expect(errors).toEqual([]); // no script error, nothing the CSP blocked (the widget's styles carry the nonce)

    // Stored once, for this practice and patient, by the GP of the launch.
    const list = await fetch(`${stack.apiUrl}/v1/referrals?limit=100`, { headers: { authorization: `Bearer ${stack.token('launch')}` } });
    const mine = ((await list.json()) as { items: { patient: { name: string }; referrer: { name: string } }[] }).items.filter(
      (r) => r.patient.name === NAME,
    );
    expect(mine).toHaveLength(1);
    expect(mine[0]?.referrer.name).toBe('Hanne Bech');

    // The session cookie: HttpOnly, SameSite=Lax, on /launch only, holding a random id.
    const cookies = await context.cookies(`${stack.apiUrl}/launch/app`);
    const session = cookies.find((c) => c.name === 'henvis_launch');
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/launch', secure: false });
    expect(session?.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    await henvis.close();
  });

  it('leaves the patient banner out when the journal asks (need_patient_banner: false)', async () => {
    const { henvis, errors } = await launchFromJournal({ hideBanner: true });
    await henvis.getByRole('button', { name: 'Social henvisning' }).waitFor();
    await expect.poll(() => henvis.locator('#launch-practice').textContent()).toContain('Hanne Bech');
    await henvis.getByText('Sendt', { exact: true }).first().waitFor(); // the referral of the first launch
    expect(await henvis.locator('#patient-banner').isHidden()).toBe(true);
    expect(await henvis.locator('body').innerText()).not.toContain(CPR);
    await henvis.screenshot({ path: `${shots}/launch-no-banner.png` });
    expect(errors).toEqual([]);
    await henvis.close();
  });

  it('refuses a replayed launch with the clear page', async () => {
    // The token the journal's form posted to Henvis, read off that request, and posted once more.
    const page = await context.newPage();
    await page.goto(journalUrl());
    const posted = context.waitForEvent('request', { predicate: (r) => r.url() === launchUrl() && r.method() === 'POST' });
    const [henvis] = await Promise.all([context.waitForEvent('page'), page.getByRole('button', { name: 'Social henvisning' }).click()]);
    const token = new URLSearchParams((await posted).postData() ?? '').get('launch');
    expect(token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    await henvis.waitForURL(`${stack.apiUrl}/launch/app`);
    await henvis.close();
    await page.close();

    const replay = await postLaunch(token!);
    await expectRefusal(replay.page, 401, replay.status, 'launch_token_replayed', /^Opstarten er allerede brugt$/);
    await replay.page.screenshot({ path: `${shots}/launch-refusal.png` });
    await replay.page.close();
  });

  it('refuses an expired launch and one for another audience with the clear page', async () => {
    const { user, practice, patient } = journal;
    const past = Math.floor(Date.now() / 1000) - 300;
    const expired = signWithVendorKey({
      iss: stack.tokens.trustedIssuer.issuer,
      aud: launchUrl(),
      sub: user.id,
      name: user.name,
      role: user.role,
      org: practice,
      patient,
      jti: randomUUID(),
      iat: past,
      exp: past + 60,
    });
    const late = await postLaunch(expired);
    await expectRefusal(late.page, 401, late.status, 'token_expired', /^Opstarten er udløbet$/);
    await late.page.screenshot({ path: `${shots}/launch-expired.png` });
    await late.page.close();

    const elsewhere = stack.tokens.signLaunch(user, practice, patient, { launchUrl: 'https://another-henvis.example/launch' });
    const wrong = await postLaunch(elsewhere);
    await expectRefusal(wrong.page, 401, wrong.status, 'token_audience_invalid', /^Opstarten var til en anden adresse$/);
    await wrong.page.screenshot({ path: `${shots}/launch-wrong-audience.png` });
    await wrong.page.close();
  });

  it('has no WCAG 2.1 AA violation on the launched page and the refusal page', async () => {
    // axe-core is added to the page it checks, which the launch page's policy forbids: a context without it.
    const axe = await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
    try {
      const page = await axe.newPage();
      await page.goto(journalUrl());
      const [henvis] = await Promise.all([axe.waitForEvent('page'), page.getByRole('button', { name: 'Social henvisning' }).click()]);
      await henvis.waitForURL(`${stack.apiUrl}/launch/app`);
      await henvis.getByRole('button', { name: 'Social henvisning' }).waitFor();
      await henvis.getByText('Sendt', { exact: true }).first().waitFor();
      expect(await axeViolations(henvis)).toEqual([]);
      await henvis.goto(launchUrl()); // a GET: the page that says Henvis opens from the journal
      expect(await henvis.locator('#error-code').textContent()).toBe('method_not_allowed');
      expect(await axeViolations(henvis)).toEqual([]);
    } finally {
      await axe.close();
    }
  });

  it('kept the CPR number and the name out of every address, cookie and log line', () => {
    expect(requested.length).toBeGreaterThan(10);
    for (const p of personal) {
      expect(requested.filter((url) => url.includes(p))).toEqual([]);
      expect(apiOutput.filter((line) => line.includes(p))).toEqual([]);
    }
    expect(apiOutput.some((line) => line.includes('launch_refused'))).toBe(true); // the log was read, and has the refusals
    expect(requested).toContain(`${stack.apiUrl}/launch/app`);
  });

  it('sets cookies whose values hold no personal data', async () => {
    for (const cookie of await context.cookies()) for (const p of personal) expect(decodeURIComponent(cookie.value)).not.toContain(p);
  });
});
