import type { Page } from 'playwright-core';

/** Logs in at the development login as a demo user (by name), and lands on the inbox's new referrals. */
export async function logInToInbox(page: Page, inboxUrl: string, name: string): Promise<void> {
  await page.goto(inboxUrl);
  await page.getByRole('button', { name: 'Log ind' }).click();
  await page.getByRole('button', { name }).click();
  await page.getByRole('heading', { name: 'Nye henvisninger', level: 1 }).waitFor();
}

/** Answers the five WHO-5 statements in the course's WHO-5 view, one label each, and saves them. */
export async function answerWho5(page: Page, answers: string[]): Promise<void> {
  const statements = page.locator('.who5-view').getByRole('group');
  for (const [i, answer] of answers.entries()) await statements.nth(i).getByLabel(answer, { exact: true }).check();
  await page.getByRole('button', { name: 'Gem svarene' }).click();
}

/** Opens a tab of the course page ("Kontakter", "Plan", "Tilbud", "Samtykker og WHO-5", "Tidslinje"). */
export async function openCourseTab(page: Page, name: string): Promise<void> {
  const tab = page.getByRole('tab', { name, exact: true });
  await tab.click();
  await page.locator(`[role="tabpanel"][aria-labelledby="${await tab.getAttribute('id')}"]`).waitFor();
}
