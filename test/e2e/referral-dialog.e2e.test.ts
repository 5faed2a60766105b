/**
 * The referral dialog as a GP meets it inside each of the three journal hosts at 1024x700, a common size of a
 * journal's embedded browser: the send button stays in view (a sticky footer) however long the form, and closing
 * the dialog (Esc or "Luk") puts focus back on the "Social henvisning" button, not on the page's <body>. Then a
 * referral under way: the dialog shows it before the GP sends another, and the status list's timeline reads
 * date by date, from "Sendt", without list numbers running into the dates. The checklist starts unticked, and what
 * the GP leaves unticked the real API stores as flags and the journal note names. Screenshots go to
 * test/artifacts/screenshots/dialog-*.png and timeline-*.png.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleNewReferral } from '@henvis/contracts';
import { signDevToken } from '@henvis/server';
import { demoJournals } from '../../scripts/demo-journal.mjs';
import { axeViolations, deepActiveElementText, launchChromium } from './browser.js';
import { startDemoStack, type DemoStack } from './demo-stack.js';

const shots = fileURLToPath(new URL('../artifacts/screenshots/', import.meta.url));
const viewport = { width: 1024, height: 700 };
let stack: DemoStack;
let browser: Browser;

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  [stack, browser] = await Promise.all([startDemoStack(), launchChromium()]);
}, 90_000);
afterAll(async () => {
  /* eslint-disable @typescript-eslint/no-unnecessary-condition -- unset when beforeAll failed */
  await browser?.close();
  await stack?.close();
  /* eslint-enable @typescript-eslint/no-unnecessary-condition */
});

/** The page that shows the widget: the journal itself, or for the launch journal the window Henvis opens. */
async function widgetPage(host: 'mf' | 'script' | 'launch'): Promise<Page> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  await page.goto(stack.journalUrl[host]);
  if (host !== 'launch') return page;
  await page.getByRole('button', { name: 'Social henvisning' }).waitFor();
  const [henvis] = await Promise.all([context.waitForEvent('page'), page.getByRole('button', { name: 'Social henvisning' }).click()]);
  await henvis.waitForURL(`${stack.apiUrl}/launch/app`);
  await page.close();
  return henvis;
}

/** Whether the point at the middle of the dialog's send button shows that button, inside the window. */
const sendButtonInView = (height: number) => {
  const dialog = [...document.querySelectorAll('[data-henvis]')]
    .map((host) => host.shadowRoot?.querySelector('dialog'))
    .find((d) => d?.open);
  const send = dialog?.querySelector<HTMLButtonElement>('button[type="submit"]');
  if (!dialog || !send) return 'no open dialog with a send button';
  const box = send.getBoundingClientRect();
  if (box.top < 0 || box.bottom > height) return `send button at ${Math.round(box.top)}-${Math.round(box.bottom)} px`;
  const x = box.left + box.width / 2;
  const y = box.top + box.height / 2;
  const hit = dialog.getRootNode() instanceof ShadowRoot ? (dialog.getRootNode() as ShadowRoot).elementFromPoint(x, y) : null;
  return hit === send || send.contains(hit) ? 'in view' : `covered by ${hit?.tagName.toLowerCase() ?? 'nothing'}`;
};

describe.each(['mf', 'script', 'launch'] as const)('the referral dialog in the %s journal at 1024x700', (host) => {
  it('keeps the send button in view while the form scrolls, and gives focus back to the launcher on Esc and on "Luk"', async () => {
    const page = await widgetPage(host);
    try {
      const launcher = page.getByRole('button', { name: 'Social henvisning' });
      await launcher.click();
      const dialog = page.getByRole('dialog');
      await dialog.waitFor();
      await page.screenshot({ path: `${shots}dialog-${host}-1024x700.png` });
      expect(await page.evaluate(sendButtonInView, viewport.height)).toBe('in view');
      // Scrolled to the reasons at the top and to the last field: the button stays where the GP saw it.
      await dialog.getByLabel('Borgeren bor i eller har læge i kommunen').focus();
      expect(await page.evaluate(sendButtonInView, viewport.height)).toBe('in view');
      await page.screenshot({ path: `${shots}dialog-${host}-1024x700-scrolled.png` });

      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
      await expect.poll(() => page.evaluate(deepActiveElementText)).toBe('button:Social henvisning');

      await page.keyboard.press('Enter');
      await dialog.waitFor();
      await dialog.getByRole('button', { name: 'Luk' }).click();
      await dialog.waitFor({ state: 'detached' });
      await expect.poll(() => page.evaluate(deepActiveElementText)).toBe('button:Social henvisning');
    } finally {
      await page.context().close();
    }
  }, 60_000);
});

describe('a referral under way, in the script journal at 1024x700', () => {
  const navigatorToken = () => signDevToken({ role: 'navigator', org: 'norddjurs-navigatorer', audience: 'henvis-api' });
  const call = (path: string, token: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${stack.apiUrl}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });

  it('is shown in the dialog before the GP refers again, and its whole timeline in the status list on demand', async () => {
    const { practice, user, patient } = demoJournals.script;
    const created = await call('/v1/referrals', stack.tokens.sign(user, practice, patient.cpr), exampleNewReferral, {
      'idempotency-key': crypto.randomUUID(),
    });
    const { id } = (await created.json()) as { id: string };
    for (const to of ['received', 'accepted'])
      expect((await call(`/v1/referrals/${id}/transitions`, navigatorToken(), { to })).status).toBe(200);
    const contact = { kind: 'phone', outcome: 'reached', at: new Date().toISOString(), durationMinutes: 10 };
    expect((await call(`/v1/referrals/${id}/contacts`, navigatorToken(), contact)).status).toBe(201);

    const page = await widgetPage('script');
    try {
      const status = page.locator('#henvis-status');
      const card = status.locator('li.card').filter({ hasText: 'Borgeren er kontaktet' }).first();
      await card.waitFor();
      const timeline = card.getByRole('list', { name: 'Forløb' });
      expect(await timeline.evaluate((ol) => getComputedStyle(ol).listStyleType)).toBe('none');
      await card.getByRole('button', { name: /^Vis hele forløbet/ }).click();
      const steps = await timeline.getByRole('listitem').allInnerTexts();
      expect(steps[0]).toMatch(/^\d{1,2}\. [a-z]+\.? \d{4} · Sendt · Mette Holm$/);
      expect(steps.at(-1)).toMatch(/ · Borgeren er kontaktet · /);
      await status.screenshot({ path: `${shots}timeline-script.png` });

      await page.getByRole('button', { name: 'Social henvisning' }).click();
      const warning = page
        .getByRole('dialog')
        .getByRole('region', { name: /Borgeren har allerede (en åben henvisning|\d+ åbne henvisninger)/ });
      await warning.waitFor();
      expect(await warning.innerText()).toMatch(/Sendt .* af Mette Holm · Borgeren er kontaktet · Ensomhed/);
      await page.screenshot({ path: `${shots}dialog-script-1024x700-open-referral.png` });
      // The warnings meet WCAG 2.1 AA as the rest of the dialog does: the open referral's, and the unreachable citizen's.
      await page.getByRole('dialog').getByLabel('Telefon').fill('');
      await page
        .getByRole('dialog')
        .getByText(/Socialnavigatøren kan derfor ikke kontakte borgeren direkte/)
        .waitFor();
      expect(await axeViolations(page, ['#henvis-launcher', '#henvis-status'])).toEqual([]);
    } finally {
      await page.context().close();
    }
  }, 60_000);
});

describe('the inclusion checklist against the real API', () => {
  it('starts unticked; what the GP leaves unticked is stored as a flag and filed in the journal note', async () => {
    const page = await widgetPage('mf');
    try {
      await page.getByRole('button', { name: 'Social henvisning' }).click();
      const dialog = page.getByRole('dialog');
      for (const criterion of [
        'Borgeren er motiveret',
        'Borgeren har behov for social støtte',
        'Borgeren bor i eller har læge i kommunen',
      ]) {
        expect(await dialog.getByLabel(criterion).isChecked()).toBe(false);
      }
      await dialog.getByLabel('Ensomhed').check();
      await dialog.getByLabel('Borgeren er motiveret').check();
      await dialog.getByRole('button', { name: 'Send henvisning' }).click();
      await dialog.getByText('Henvisningen er sendt').waitFor();
      const response = await fetch(`${stack.apiUrl}/v1/referrals?limit=1`, { headers: { authorization: `Bearer ${stack.token('mf')}` } });
      const [stored] = ((await response.json()) as { items: { flags: string[]; inclusion: unknown }[] }).items;
      expect(stored).toMatchObject({
        inclusion: { motivated: true, needsSocialSupport: false, inArea: false },
        flags: ['no_social_need', 'outside_area'],
      });
      await page.locator('#journal-notes li').first().waitFor();
      expect(await page.locator('#journal-notes li').first().innerText()).toContain(
        'Inklusion, markeret: Behov for social støtte ikke bekræftet; Bopæl eller læge i kommunen ikke bekræftet.',
      );
    } finally {
      await page.context().close();
    }
  }, 60_000);
});
