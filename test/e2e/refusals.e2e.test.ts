/**
 * The coordinator's control of refused access, as the demo shows it: bad tokens from one client (a burst), a
 * navigator asking for the coordinator's page, a doctor asking for a referral that is not there and tokens for
 * another audience; then Jonas Berg logs in to the inbox, opens "Afviste adgangsforsøg" and reads the burst in its
 * warning box and the refusals by day, the same as the API's. axe-core finds no WCAG 2.1 AA violation; the page is
 * saved as test/artifacts/refusals.png.
 */
import { mkdirSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Refusals } from '@henvis/contracts';
import { signDevToken } from '@henvis/server';
import { axeViolations, launchChromium, watchErrors } from './browser.js';
import { startDemoStack, type DemoStack } from './demo-stack.js';

const artifacts = fileURLToPath(new URL('../artifacts/', import.meta.url));
const NORDDJURS = 'norddjurs-navigatorer';

let stack: DemoStack;
let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  [stack, browser] = await Promise.all([startDemoStack(), launchChromium()]);
  // bypassCSP: axe-core is added to the page it checks.
  context = await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
  context.setDefaultTimeout(15_000);
}, 120_000);
afterAll(async () => {
  /* eslint-disable @typescript-eslint/no-unnecessary-condition -- unset when beforeAll failed */
  await context?.close();
  await browser?.close();
  await stack?.close();
  /* eslint-enable @typescript-eslint/no-unnecessary-condition */
});

/** A GET to the API from a loopback address of its own (127.0.0.x reaches 127.0.0.1 on Linux): another client. */
function getFrom(localAddress: string, path: string, token: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${stack.apiUrl}${path}`, { localAddress, headers: { authorization: `Bearer ${token}` } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

const coordinatorToken = () => signDevToken({ role: 'coordinator', org: NORDDJURS, audience: 'henvis-api' });

describe('the refused access attempts', () => {
  it("show the coordinator a burst of bad tokens in a warning, and every refusal by day, as the API's", async () => {
    // 25 forged tokens from one client within a minute: a burst (more than 20 in 10 minutes), not yet a lock-out (30).
    for (let i = 0; i < 25; i++) expect(await getFrom('127.0.0.2', '/v1/referrals', `forged.token.${i}`)).toBe(401);
    // Tokens for another audience, from another client.
    const elsewhere = signDevToken({ role: 'doctor', org: '045678', audience: 'another-api' });
    for (let i = 0; i < 3; i++) expect(await getFrom('127.0.0.3', '/v1/referrals', elsewhere)).toBe(401);
    // A navigator asks for the coordinator's page, and a doctor for a referral that is not there.
    const navigator = signDevToken({ role: 'navigator', org: NORDDJURS, audience: 'henvis-api' });
    for (let i = 0; i < 3; i++) expect(await getFrom('127.0.0.4', '/v1/audit/refusals', navigator)).toBe(403);
    const doctor = signDevToken({ role: 'doctor', org: '045678', audience: 'henvis-api' });
    for (let i = 0; i < 2; i++) expect(await getFrom('127.0.0.4', '/v1/referrals/00000000-0000-4000-8000-00000000000a', doctor)).toBe(404);

    const response = await fetch(`${stack.apiUrl}/v1/audit/refusals`, { headers: { authorization: `Bearer ${coordinatorToken()}` } });
    expect(response.status).toBe(200);
    const api = (await response.json()) as Refusals;
    expect(api.bursts).toHaveLength(1);
    expect(api.bursts[0]).toMatchObject({ by: 'address', clientAddress: '127.0.0.2', count: 25 });
    expect(api.total).toBeGreaterThanOrEqual(33);

    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(stack.inboxUrl);
    await page.getByRole('button', { name: 'Log ind' }).click();
    await page.getByRole('button', { name: 'Jonas Berg' }).click();
    await page.getByRole('heading', { name: 'Nye henvisninger', level: 1 }).waitFor();
    await page.getByRole('navigation', { name: 'Indbakkens sider' }).getByRole('link', { name: 'Afviste adgangsforsøg' }).click();
    await page.getByRole('heading', { name: 'Afviste adgangsforsøg', level: 1 }).waitFor();

    const warning = page.getByRole('region', { name: 'Advarsel: 1 byge af afviste forsøg' });
    await warning.waitFor();
    expect(await warning.textContent()).toContain('25 afviste');
    expect(await warning.textContent()).toContain('127.0.0.2');

    const table = page.locator('table.refusals-table');
    await table.waitFor();
    expect(await table.locator('caption').textContent()).toContain(`${api.total} afviste forsøg`);
    const burstRow = table.locator('tr.in-burst');
    expect(await burstRow.count()).toBe(1);
    expect(await burstRow.textContent()).toContain('token_invalid');
    expect(await burstRow.textContent()).toContain('Intet gyldigt login');
    const text = await table.textContent();
    for (const seen of ['token_audience_invalid', 'role_not_allowed', 'not_found', 'demo-navigator', 'demo-doctor', '127.0.0.3', NORDDJURS])
      expect(text).toContain(seen);

    await page.screenshot({ path: `${artifacts}refusals.png`, fullPage: true });
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);

    // The coordinator's own read is audited, and not a refusal: the count stays.
    const again = (await (
      await fetch(`${stack.apiUrl}/v1/audit/refusals`, { headers: { authorization: `Bearer ${coordinatorToken()}` } })
    ).json()) as Refusals;
    expect(again.total).toBe(api.total);
  }, 90_000);
});
