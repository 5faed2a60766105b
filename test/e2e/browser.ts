import { createRequire } from 'node:module';
import { chromium, type Browser, type Page } from 'playwright-core';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** Debian's Chromium, headless, with the flags this machine needs (no network beyond loopback). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** The element that has focus, looking through open shadow roots. */
export const deepActiveElementText = () => {
  let active: Element | null = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return `${active?.tagName.toLowerCase()}:${(active?.textContent || active?.getAttribute('aria-label') || '').trim()}`;
};

/** What has focus, through open shadow roots, a form field named by its label: `checkbox:Ensomhed`, `button:Luk`. */
export const deepActiveControlText = () => {
  let active: Element | null = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  if (active instanceof HTMLInputElement || active instanceof HTMLTextAreaElement || active instanceof HTMLSelectElement) {
    return `${active.type}:${active.labels?.[0]?.textContent.trim() ?? ''}`;
  }
  return `${active?.tagName.toLowerCase()}:${active?.textContent.trim() ?? ''}`;
};

/**
 * Presses Tab until what has focus, as `describe` tells it (deepActiveElementText unless told), is `target`, as a user
 * without a mouse does; fails after `max` presses (40 unless told).
 */
export async function tabTo(
  page: Page,
  target: RegExp | string,
  { describe = deepActiveElementText, max = 40 }: { describe?: () => string; max?: number } = {},
): Promise<void> {
  const reached = (focused: string) => (typeof target === 'string' ? focused === target : target.test(focused));
  for (let presses = 0; presses < max; presses++) {
    if (reached(await page.evaluate(describe))) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`never reached ${String(target)} with Tab; focus is on ${await page.evaluate(describe)}`);
}

/** What axe-core finds against WCAG 2.1 A and AA in the given parts of the page (CSS selectors), or in all of it. */
export async function axeViolations(page: Page, include?: string[]) {
  await page.addScriptTag({ path: axePath });
  return page.evaluate(async (parts) => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            context: unknown,
            options: unknown,
          ) => Promise<{ violations: { id: string; help: string; nodes: { target: unknown }[] }[] }>;
        };
      }
    ).axe;
    const result = await axe.run(parts ? { include: parts.map((p) => [p]) } : document, {
      runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'],
    });
    return result.violations.map((v) => ({ id: v.id, help: v.help, targets: v.nodes.map((n) => JSON.stringify(n.target)) }));
  }, include);
}

/** Collects a page's uncaught errors and what its Content-Security-Policy blocked: both should stay empty. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content.Security.Policy/i.test(message.text())) errors.push(message.text());
  });
  return errors;
}
