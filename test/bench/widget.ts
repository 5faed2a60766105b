/**
 * Widget figures: sizes of the built files, and in Chromium the time from a click on "Social henvisning" to a
 * usable dialog and from "Send henvisning" to the receipt, over RUNS referrals in each journal host.
 * Prints figures; asserts nothing about speed.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '../e2e/browser.js';
import { startDemoStack } from '../e2e/demo-stack.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 10);
const sizeScript = fileURLToPath(new URL('../../packages/widget/scripts/size.mjs', import.meta.url));
try {
  console.log(execFileSync(process.execPath, [sizeScript], { encoding: 'utf8' }));
} catch (error) {
  console.log((error as { stdout: string }).stdout);
}

const stack = await startDemoStack();
const browser = await launchChromium();
const figures = {
  mf: { clickToDialog: [] as number[], sendToReceipt: [] as number[] },
  script: { clickToDialog: [] as number[], sendToReceipt: [] as number[] },
};
try {
  for (let i = 0; i < RUNS * 2; i++) {
    const journal = i % 2 === 0 ? 'mf' : 'script';
    const { clickToDialog, sendToReceipt } = figures[journal];
    const page = await browser.newPage();
    await page.goto(stack.journalUrl[journal]);
    const launcher = page.getByRole('button', { name: 'Social henvisning' });
    await launcher.waitFor();
    let t = performance.now();
    await launcher.click();
    await page.getByLabel('Ensomhed').waitFor();
    clickToDialog.push(performance.now() - t);
    await page.getByLabel('Ensomhed').check();
    t = performance.now();
    await page.getByRole('button', { name: 'Send henvisning' }).click();
    await page.getByText('Henvisningen er sendt').waitFor();
    sendToReceipt.push(performance.now() - t);
    await page.close();
  }
} finally {
  await browser.close();
  await stack.close();
}

const stats = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { median: Math.round(at(0.5)), p90: Math.round(at(0.9)), max: Math.round(sorted.at(-1)!) };
};
console.log(
  `Chromium, ${RUNS} referrals per journal host, each in a freshly opened journal page (so each includes fetching the dialog chunk; times include Playwright's own checks):`,
);
console.table({
  'Module Federation: click → dialog ready (ms)': stats(figures.mf.clickToDialog),
  'Module Federation: send → receipt (ms)': stats(figures.mf.sendToReceipt),
  'script tag: click → dialog ready (ms)': stats(figures.script.clickToDialog),
  'script tag: send → receipt (ms)': stats(figures.script.sendToReceipt),
});
