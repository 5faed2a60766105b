/**
 * The bytes of the widget's files on the wire, as Chromium receives them from the demo's widget server
 * (scripts/widget-files.mjs): the first load of each journal host in a fresh browser profile, and a second visit in
 * the same profile. Measured with the DevTools protocol (Network.loadingFinished's encodedDataLength: the response's
 * headers and its body as sent, compressed or not), never guessed from the files on disk. Bundle budgets are bytes;
 * no time is asserted.
 */
import type { Browser, BrowserContext, CDPSession } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoJournalName } from '../../scripts/demo-journal.mjs';
import { launchChromium } from './browser.js';
import { startDemoStack, type DemoStack } from './demo-stack.js';

const KB = 1024;
/**
 * The Module Federation journal's first load of widget files, on the wire: 92.5 KB uncompressed before issue 14,
 * 34.1 KB after it (headers 2.3 KB, the federation runtime in remoteEntry.js 8.4 KB, the status list with its live
 * updates 9.6 KB), 36.3 KB with issue 15's catch-up (the status list's journal feed files what happened while the
 * journal was closed: 11.0 KB). Issue 14's target is 30 KB and is not met yet; until it is, this guards against growth.
 */
const mfFirstLoadTarget = 30 * KB;
const mfFirstLoadBudget = 37 * KB;

let stack: DemoStack;
let browser: Browser;

beforeAll(async () => {
  [stack, browser] = await Promise.all([startDemoStack(), launchChromium()]);
}, 90_000);
afterAll(async () => {
  // Either is still unset when beforeAll failed; the tests themselves only run once both are there.
  /* eslint-disable @typescript-eslint/no-unnecessary-condition */
  await browser?.close();
  await stack?.close();
  /* eslint-enable @typescript-eslint/no-unnecessary-condition */
});

/** One request for a widget file, as the browser saw it. */
interface WireFile {
  path: string;
  status?: number;
  headers?: Record<string, string>;
  /** Served from the browser's own cache, without a request on the network. */
  fromCache?: boolean;
  /** Bytes received: the response's headers and its (encoded) body; 0 from the cache. */
  wire?: number;
  /** Bytes of the body once decoded. */
  decoded?: number;
  done: boolean;
}

/** Records every request the page makes for a file of the widget's origin. */
async function watchWidgetFiles(cdp: CDPSession): Promise<Map<string, WireFile>> {
  const files = new Map<string, WireFile>();
  cdp.on('Network.requestWillBeSent', ({ requestId, request }) => {
    const url = new URL(request.url);
    if (url.origin === stack.widgetUrl) files.set(requestId, { path: url.pathname, done: false });
  });
  cdp.on('Network.responseReceived', ({ requestId, response }) => {
    const file = files.get(requestId);
    if (!file) return;
    file.status = response.status;
    file.fromCache = Boolean(response.fromDiskCache) || Boolean(response.fromPrefetchCache);
    file.headers = Object.fromEntries(Object.entries(response.headers).map(([name, value]) => [name.toLowerCase(), value]));
  });
  cdp.on('Network.dataReceived', ({ requestId, dataLength }) => {
    const file = files.get(requestId);
    if (file) file.decoded = (file.decoded ?? 0) + dataLength;
  });
  cdp.on('Network.requestServedFromCache', ({ requestId }) => {
    const file = files.get(requestId);
    if (file) file.fromCache = true;
  });
  cdp.on('Network.loadingFinished', ({ requestId, encodedDataLength }) => {
    const file = files.get(requestId);
    if (!file) return;
    file.wire = file.fromCache ? 0 : encodedDataLength;
    file.done = true;
  });
  cdp.on('Network.loadingFailed', ({ requestId }) => {
    const file = files.get(requestId);
    if (file) file.done = true;
  });
  await cdp.send('Network.enable');
  return files;
}

/**
 * Opens the journal in `context` and waits for the widget to stand (launcher and status list answered) and for
 * every widget file it asked for to have arrived.
 */
async function load(context: BrowserContext, journal: DemoJournalName): Promise<WireFile[]> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  const cdp = await context.newCDPSession(page);
  const files = await watchWidgetFiles(cdp);
  await page.goto(stack.journalUrl[journal]);
  await page.getByRole('button', { name: 'Social henvisning' }).waitFor();
  await page
    .getByText(/Ingen sociale henvisninger|Sendt/)
    .first()
    .waitFor();
  await expect.poll(() => [...files.values()].every((file) => file.done)).toBe(true);
  expect(errors).toEqual([]);
  await cdp.detach();
  await page.close();
  return [...files.values()];
}

const total = (files: WireFile[], key: 'wire' | 'decoded') => files.reduce((sum, file) => sum + (file[key] ?? 0), 0);
/** The bodies as sent (compressed), without the HTTP/1.1 headers that HTTP/2 at a real CDN would mostly compress away. */
const bodies = (files: WireFile[]) =>
  files.reduce((sum, file) => sum + (file.fromCache ? 0 : Number(file.headers?.['content-length'] ?? 0)), 0);
const kb = (bytes: number) => `${(bytes / KB).toFixed(1)} KB`;
const name = (file: WireFile) => file.path.split('/').pop() ?? file.path;

describe.each(['mf', 'script'] as const)("the %s journal's widget files on the wire", (journal) => {
  it('first load: compressed, cached by kind, and a second visit asks the network for nothing', async () => {
    const context = await browser.newContext();
    try {
      const first = await load(context, journal);
      const scripts = first.filter((file) => file.path.endsWith('.js'));
      expect(scripts.length).toBeGreaterThan(1);
      const wire = total(first, 'wire');
      const decoded = total(first, 'decoded');
      console.log(
        `journal-${journal}: first load of widget files ${kb(wire)} on the wire (bodies ${kb(bodies(first))}, ${kb(decoded)} decoded), ${first.length} files: ` +
          first.map((file) => `${name(file)} ${file.headers?.['content-encoding'] ?? 'identity'} ${file.wire ?? '?'} B`).join(', '),
      );
      for (const file of first) {
        expect(file.status, file.path).toBe(200);
        // Chromium asks for br on 127.0.0.1 (a potentially trustworthy origin), and gets it.
        expect(file.headers?.['content-encoding'], file.path).toBe('br');
        expect(file.headers?.vary, file.path).toMatch(/accept-encoding/i);
        expect(file.headers?.etag, file.path).toMatch(/^"[^"]+"$/);
        const entry = /\/(remoteEntry|henvis)\.js$/.test(file.path);
        expect(file.headers?.['cache-control'], file.path).toBe(
          entry ? 'public, max-age=60, must-revalidate' : 'public, max-age=31536000, immutable',
        );
      }
      expect(first.some((file) => /\/(remoteEntry|henvis)\.js$/.test(file.path))).toBe(true);
      // Compressed, the bytes sent are a third of the files' or less.
      expect(bodies(first)).toBeLessThan(decoded / 2.5);

      // Within the entry files' minute, a second visit takes every widget file from the browser's cache.
      const second = await load(context, journal);
      console.log(
        `journal-${journal}: second visit ${kb(total(second, 'wire'))} on the wire, ${second.filter((file) => file.fromCache).length}/${second.length} files from the cache`,
      );
      expect(second.map((file) => file.path).sort()).toEqual(first.map((file) => file.path).sort());
      expect(second.every((file) => file.fromCache)).toBe(true);
      expect(total(second, 'wire')).toBe(0);
    } finally {
      await context.close();
    }
  }, 60_000);
});

describe('the bundle budget on the wire', () => {
  it('the Module Federation journal, a host without Preact, gets its first load of widget files within the budget', async () => {
    const context = await browser.newContext();
    try {
      const first = await load(context, 'mf');
      // Headers count too: what HTTP/1.1 sends with each file is part of what the GP's connection carries.
      const wire = total(first, 'wire');
      console.log(
        `journal-mf first load ${(wire / KB).toFixed(1)} KB on the wire: budget ${mfFirstLoadBudget / KB} KB, target ${mfFirstLoadTarget / KB} KB`,
      );
      expect(wire, first.map((file) => `${name(file)} ${file.wire ?? '?'} B`).join(', ')).toBeLessThanOrEqual(mfFirstLoadBudget);
    } finally {
      await context.close();
    }
  }, 60_000);
});
