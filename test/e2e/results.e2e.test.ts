/**
 * The coordinator's results, as the steering group's coordinator reads them in the demo: Jonas Berg logs in to
 * the inbox, opens "Resultater" over the demo's two years of pilot history, reads the key figures against the
 * goals, turns a chart into its table, downloads its CSV, and opens the printable report. The figures shown are
 * the API's; axe-core finds no WCAG 2.1 AA violation on either page. A screenshot of each chart goes to
 * test/artifacts/screenshots/results-*.png.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Measures } from '@henvis/contracts';
import { signDevToken } from '@henvis/server';
import { axeViolations, launchChromium, watchErrors } from './browser.js';
import { startDemoStack, type DemoStack } from './demo-stack.js';

const shots = fileURLToPath(new URL('../artifacts/screenshots/', import.meta.url));
const shot = (name: string) => `${shots}results-${name}.png`;
const charts = ['chart-referrals-month', 'chart-referrals-practice', 'chart-linked', 'chart-who5'];

let stack: DemoStack;
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  [stack, browser] = await Promise.all([startDemoStack(), launchChromium()]);
  // bypassCSP: axe-core is added to the pages it checks.
  context = await browser.newContext({ viewport: { width: 1280, height: 1000 }, bypassCSP: true, acceptDownloads: true });
  context.setDefaultTimeout(15_000);
}, 120_000);
afterAll(async () => {
  /* eslint-disable @typescript-eslint/no-unnecessary-condition -- unset when beforeAll failed */
  await context?.close();
  await browser?.close();
  await stack?.close();
  /* eslint-enable @typescript-eslint/no-unnecessary-condition */
});

/** What the API says, for the coordinator, over the same default period the dashboard asks for. */
async function measures(): Promise<Measures> {
  const token = signDevToken({ role: 'coordinator', org: 'norddjurs-navigatorer', audience: 'henvis-api' });
  const response = await fetch(`${stack.apiUrl}/v1/measures`, { headers: { authorization: `Bearer ${token}` } });
  expect(response.status).toBe(200);
  return (await response.json()) as Measures;
}

const digits = (text: string | null) => (text ?? '').replace(/\D/g, '');

describe("the coordinator's results", () => {
  it('shows where the pilot stands against 700 and 50 %, as charts with their tables, CSV and a printable report', async () => {
    page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(stack.inboxUrl);
    await page.getByRole('button', { name: 'Log ind' }).click();
    await page.getByRole('button', { name: 'Jonas Berg' }).click();
    await page.getByRole('heading', { name: 'Nye henvisninger', level: 1 }).waitFor();

    await page.getByRole('link', { name: 'Resultater' }).click();
    for (const id of charts) await page.locator(`figure#${id} .chart-plot svg[role=img]`).first().waitFor();
    const api = await measures();
    expect(typeof api.referrals.total).toBe('number');
    expect(api.referrals.total as number).toBeGreaterThan(400);

    // The key figures are the API's: the referrals against 700, the 3-month linked share against 50 %.
    const referrals = await page.locator('.key-figures [data-key="referrals"] .key-value').textContent();
    expect(digits(referrals)).toContain(String(api.referrals.total));
    const linked = await page.locator('.key-figures [data-key="linked"] .key-value').textContent();
    expect(linked).toContain(`${Math.round((api.linked.withinThreeMonths.share ?? 0) * 100)}`);
    expect(await page.locator('.small-cell-rule').textContent()).toContain('< 5');

    await page.screenshot({ path: shot('dashboard'), fullPage: true });
    for (const id of charts) await page.locator(`figure#${id}`).screenshot({ path: shot(id.replace('chart-', '')) });
    expect(await axeViolations(page)).toEqual([]);

    // A chart as its table: one row per month, the same counts as the API's.
    const figure = page.locator('figure#chart-referrals-month');
    await figure.getByRole('button', { name: 'Vis som tabel' }).click();
    const table = page.locator('#chart-referrals-month-table table');
    await table.waitFor();
    const rows = table.locator('tbody tr');
    expect(await rows.count()).toBe(api.referrals.byMonth.length);
    const last = api.referrals.byMonth.findLast((m) => typeof m.count === 'number' && m.count > 0);
    expect(await table.textContent()).toContain(String(last?.count));
    await figure.screenshot({ path: shot('referrals-month-table') });
    expect(await axeViolations(page, ['figure#chart-referrals-month'])).toEqual([]);

    // Its CSV: the header and a line per month.
    const [download] = await Promise.all([page.waitForEvent('download'), figure.locator('button.csv').click()]);
    expect(download.suggestedFilename()).toMatch(/^henvis-.+\.csv$/);
    const csv = readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, '');
    expect(csv.trimEnd().split('\r\n')).toHaveLength(api.referrals.byMonth.length + 1);

    // The steering group's report: the figures against the goals, their definitions and the small-cell rule.
    await page.locator('.results-report-link a').click();
    await page.locator('.results-report').waitFor();
    expect(await page.locator('.report-definitions').textContent()).toContain(api.linked.definition.da.slice(0, 30));
    expect(await page.locator('.results-report').textContent()).toContain('< 5');
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({ path: shot('report-print'), fullPage: true });
    await page.emulateMedia({ media: 'screen' });
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  }, 90_000);
});
