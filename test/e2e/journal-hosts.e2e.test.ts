/**
 * Both journal hosts in Chromium (Module Federation and script tag): a GP refers a patient with the keyboard
 * alone, the backend stores exactly one referral, the status panel shows it, and the journal area receives the
 * note; with the backend stopped while sending, exactly one referral arrives once it is back. Screenshots go to
 * test/artifacts/screenshots.
 */
import { gzipSync } from 'node:zlib';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, deepActiveElementText, launchChromium, tabTo } from './browser.js';
import { createVendorServer } from '@henvis/example-vendor-backend/server';
import { createServer, type AddressInfo } from 'node:net';
import { demoJournals, type DemoJournalName } from '../../scripts/demo-journal.mjs';
import { startDemoStack, type DemoStack } from './demo-stack.js';

const shots = fileURLToPath(new URL('../artifacts/screenshots/', import.meta.url));
let stack: DemoStack;
let browser: Browser;
/** The vendor example's page calls the API from an origin of its own, which the API must know when it starts. */
let vendorPort: number;

/** A port nobody listens on now. */
const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const probe = createServer().once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  vendorPort = await freePort();
  [stack, browser] = await Promise.all([startDemoStack({ pageOrigins: [`http://127.0.0.1:${vendorPort}`] }), launchChromium()]);
}, 90_000);
afterAll(async () => {
  // Either is still unset when beforeAll failed; the tests themselves only run once both are there.
  /* eslint-disable @typescript-eslint/no-unnecessary-condition */
  await browser?.close();
  await stack?.close();
  /* eslint-enable @typescript-eslint/no-unnecessary-condition */
});

/** The practice's referrals, every page of them (the demo's pilot history holds hundreds). */
async function referralCount(journal: DemoJournalName): Promise<number> {
  let count = 0;
  let cursor: string | undefined;
  do {
    const response = await fetch(`${stack.apiUrl}/v1/referrals?limit=100${cursor ? `&cursor=${cursor}` : ''}`, {
      headers: { authorization: `Bearer ${stack.token(journal)}` },
    });
    const page = (await response.json()) as { items: unknown[]; nextCursor?: string };
    count += page.items.length;
    cursor = page.nextCursor;
  } while (cursor);
  return count;
}

/** The widget's files the page fetched, with their gzip size once their body is in. */
type Fetched = Map<string, Promise<number>>;

async function openJournal(journal: DemoJournalName): Promise<{ page: Page; widgetFiles: Fetched }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors: string[] = [];
  const widgetFiles: Fetched = new Map();
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('response', (response) => {
    const url = new URL(response.url());
    if (url.origin !== stack.widgetUrl || !url.pathname.endsWith('.js')) return;
    widgetFiles.set(
      url.pathname,
      response.body().then((body) => gzipSync(body, { level: 9 }).length),
    );
  });
  await page.goto(stack.journalUrl[journal]);
  await page.getByRole('button', { name: 'Social henvisning' }).waitFor();
  await page
    .getByText(/Ingen sociale henvisninger|Sendt/)
    .first()
    .waitFor();
  expect(errors).toEqual([]);
  return { page, widgetFiles };
}

describe.each(['mf', 'script'] as const)('the %s journal host', (journal) => {
  const gp = demoJournals[journal].user.name;
  const shot = (what: string) => `${shots}journal-${journal}-${what}.png`;

  it('lets a GP refer with the keyboard alone; one referral is stored, shown and filed in the journal', async () => {
    const { page, widgetFiles } = await openJournal(journal);
    const before = await referralCount(journal);
    expect(await axeViolations(page, ['#henvis-launcher', '#henvis-status'])).toEqual([]);
    const firstLoad = new Map(widgetFiles);

    await tabTo(page, /^button:Social henvisning$/);
    const clicked = Date.now();
    await page.keyboard.press('Enter');
    await page.getByRole('dialog').waitFor();
    const dialogReadyMs = Date.now() - clicked;
    // The dialog is its own chunk: the first load did not fetch it, the click did.
    const fetchedOnClick = [...widgetFiles.keys()].filter((file) => !firstLoad.has(file));
    expect(fetchedOnClick.length).toBeGreaterThan(0);
    await expect.poll(() => page.evaluate(deepActiveElementText)).toBe('input:'); // focus is in the dialog, on the first reason
    await page.keyboard.press('Space'); // Ensomhed
    expect(await axeViolations(page, ['#henvis-launcher', '#henvis-status'])).toEqual([]);
    await page.getByRole('dialog').screenshot({ path: shot('dialog') });

    await tabTo(page, /^button:Send henvisning$/);
    const sent = Date.now();
    await page.keyboard.press('Enter');
    await page.getByText('Henvisningen er sendt').waitFor();
    const receiptMs = Date.now() - sent;
    await expect.poll(() => page.evaluate(deepActiveElementText)).toBe('button:Luk');
    await page.keyboard.press('Enter');
    await page.getByRole('dialog').waitFor({ state: 'detached' });

    await page.locator('#henvis-status').getByText('Sendt', { exact: true }).waitFor();
    await page.locator('#journal-notes li').first().waitFor();
    expect(await page.locator('#journal-notes li').first().innerText()).toMatch(
      new RegExp(`^Social henvisning sendt .* af ${gp}\\.\\nÅrsag: Ensomhed\\.`),
    );
    expect(await referralCount(journal)).toBe(before + 1);
    await page.locator('#henvis-status').screenshot({ path: shot('status') });
    await page.screenshot({ path: shot('page') });
    const kb = async (files: Fetched) => ((await Promise.all(files.values())).reduce((a, b) => a + b, 0) / 1024).toFixed(1);
    console.log(
      `journal-${journal}: first load of widget files ${await kb(firstLoad)} KB gzip (${firstLoad.size} files: ${[...firstLoad.keys()].map((p) => p.split('/').pop()).join(', ')}), dialog on click ` +
        `${await kb(new Map(fetchedOnClick.map((f) => [f, widgetFiles.get(f)!])))} KB; click → dialog ready ${dialogReadyMs} ms, send → receipt ${receiptMs} ms`,
    );
    await page.close();
  }, 60_000);

  it('delivers exactly one referral when the backend is stopped while sending and started again', async () => {
    const { page } = await openJournal(journal);
    const before = await referralCount(journal);
    await page.getByRole('button', { name: 'Social henvisning' }).click();
    await page.getByLabel('Inaktivitet').check();
    await stack.stopApi();
    await page.getByRole('button', { name: 'Send henvisning' }).click();
    await page.waitForTimeout(1500);
    expect(await page.getByText(/Sender…|Henvisningen er ikke sendt endnu/).count()).toBe(1);
    await page.screenshot({ path: shot('offline') });
    await stack.startApi();
    await page.getByText('Henvisningen er sendt').waitFor({ timeout: 45_000 });
    expect(await referralCount(journal)).toBe(before + 1);
    await page.close();
  }, 90_000);
});

describe('the vendor example (examples/vendor-backend)', () => {
  it('mounts the widget with tokens from its own backend, and a referral reaches the API and the page', async () => {
    const server = createVendorServer({ tokens: stack.tokens, apiUrl: stack.apiUrl, widgetUrl: stack.widgetUrl });
    await new Promise<void>((resolve) => server.listen(vendorPort, '127.0.0.1', resolve));
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    try {
      const before = await referralCount('script'); // the example signs for Lægehuset Grenaa, as the script host does
      await page.goto(`http://127.0.0.1:${vendorPort}/`);
      await page
        .getByText(/Ingen sociale henvisninger|Sendt/)
        .first()
        .waitFor(); // the status list got a token and an answer
      await page.getByRole('button', { name: 'Social henvisning' }).click();
      await page.getByLabel('Ensomhed').check();
      await page.getByRole('button', { name: 'Send henvisning' }).click();
      await page.getByText('Henvisningen er sendt').waitFor();
      await page.locator('#journal-notes li').first().waitFor();
      expect(await page.locator('#journal-notes li').first().innerText()).toMatch(/^Social henvisning sendt .* af Mette Holm\./);
      expect(await referralCount('script')).toBe(before + 1);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
      await new Promise((resolve) => server.close(resolve));
    }
  }, 60_000);
});
