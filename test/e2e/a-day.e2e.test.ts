/**
 * A working day, played in Chromium against the demo as `pnpm start` runs it. The GP refers Karen Jensen from the
 * script-tag journal at 1024x700 with the keyboard only, ticking the inclusion checklist by hand, and closes the
 * journal. The navigator accepts in the inbox, logs the first contact, writes the plan, records the well-being
 * consent and writes to the GP; Karen answers WHO-5 on a 768x1024 tablet in citizen mode and hands it back; the
 * navigator prints the plan. The GP opens the journal again: every change of the day is filed as a note, once, and
 * the GP's reply is filed too. Screenshots go to test/artifacts/screenshots/day-*.png.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { who5AnswerSteps, who5Items } from '@henvis/contracts';
import { cacheToken, createHenvisClient } from '@henvis/sdk';
import { demoJournals } from '../../scripts/demo-journal.mjs';
import { deepActiveControlText, launchChromium, tabTo as pressTabUntil, watchErrors } from './browser.js';
import { startDemoStack, type DemoStack } from './demo-stack.js';
import { logInToInbox, openCourseTab } from './inbox-steps.js';

const shots = fileURLToPath(new URL('../artifacts/screenshots/', import.meta.url));
const shot = (name: string) => `${shots}day-${name}.png`;

let stack: DemoStack;
let browser: Browser;

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  [stack, browser] = await Promise.all([startDemoStack(), launchChromium()]);
}, 90_000);
afterAll(async () => {
  /* eslint-disable @typescript-eslint/no-unnecessary-condition */
  await browser?.close();
  await stack?.close();
  /* eslint-enable @typescript-eslint/no-unnecessary-condition */
});

/** Tab until `target` (a field by its label, a button by its text) has focus, as a GP without a mouse does. */
const tabTo = (page: Page, target: string) => pressTabUntil(page, target, { describe: deepActiveControlText, max: 60 });

const notes = (page: Page) => page.locator('#journal-notes li').allInnerTexts();

describe('a day of social prescribing', () => {
  it('refers with the keyboard, works the course, lets the citizen answer WHO-5, prints the plan, and files every change once', async () => {
    const { practice, user, patient } = demoJournals.script;
    const gpWindow = await browser.newContext({ viewport: { width: 1024, height: 700 } });
    gpWindow.setDefaultTimeout(10_000);

    // Morning: the GP refers from the journal, keyboard only.
    const journal = await gpWindow.newPage();
    const journalErrors = watchErrors(journal);
    await journal.goto(stack.journalUrl.script);
    await journal.getByRole('button', { name: 'Social henvisning' }).waitFor();
    await tabTo(journal, 'button:Social henvisning');
    await journal.keyboard.press('Enter');
    const dialog = journal.getByRole('dialog');
    await dialog.waitFor();
    await tabTo(journal, 'checkbox:Ensomhed');
    await journal.keyboard.press('Space');
    // The checklist starts unticked: each criterion is the GP's own confirmation, ticked here by hand.
    for (const criterion of ['Borgeren er motiveret', 'Borgeren har behov for social støtte', 'Borgeren bor i eller har læge i kommunen']) {
      const box = dialog.getByLabel(criterion);
      expect(await box.isChecked()).toBe(false);
      await tabTo(journal, `checkbox:${criterion}`);
      await journal.keyboard.press('Space');
      expect(await box.isChecked()).toBe(true);
    }
    await journal.screenshot({ path: shot('dialog-1024x700') });
    await tabTo(journal, 'button:Send henvisning');
    await journal.keyboard.press('Enter');
    await dialog.getByText('Henvisningen er sendt').waitFor();
    await journal.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => journal.evaluate(deepActiveControlText)).toBe('button:Social henvisning');
    await expect.poll(() => notes(journal)).toHaveLength(1);
    expect(journalErrors).toEqual([]);
    await journal.close(); // the consultation is over; the journal is closed for the day

    // The navigator works the referral in the inbox.
    const desk = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    desk.setDefaultTimeout(10_000);
    const nav = await desk.newPage();
    const navErrors = watchErrors(nav);
    await logInToInbox(nav, stack.inboxUrl, 'Sofie Kjær');
    const row = nav.getByRole('row', { name: /Karen Jensen/ });
    await row.waitFor();
    // No flag: the GP ticked every criterion.
    expect(await row.innerText()).not.toMatch(/ikke bekræftet/);
    await row.getByRole('link', { name: 'Karen Jensen' }).click();
    await nav.getByRole('heading', { name: /Karen Jensen/, level: 1 }).waitFor();
    const referralId = /#\/referrals\/([\w-]+)/.exec(nav.url())?.[1];
    expect(referralId).toBeDefined();
    await nav.getByRole('button', { name: 'Acceptér og tag borgeren' }).click();

    const contacts = nav.getByRole('region', { name: 'Kontakter' });
    await contacts.getByText('Registrér kontakt').click();
    await contacts.getByLabel('Kontaktform').selectOption({ label: 'Telefon' });
    await contacts.getByLabel('Talt med borgeren').check();
    await contacts.getByLabel('Varighed i minutter').fill('20');
    await contacts.getByRole('button', { name: 'Gem kontakt' }).click();
    await contacts.getByText(/1 kontakt/).waitFor();

    await openCourseTab(nav, 'Plan');
    await nav.getByLabel('Mål, med borgerens egne ord').fill('Jeg vil gerne gå en tur med andre en gang om ugen.');
    await nav.getByRole('tabpanel', { name: 'Plan' }).getByLabel('Næste skridt', { exact: true }).fill('Vi mødes på biblioteket');
    await nav.getByLabel('Dato for næste skridt').fill(new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10));
    await nav.getByLabel(/Slutkriterium/).fill('Når Karen går fast i gåklubben uden følgeskab');
    await nav.getByRole('button', { name: 'Gem plan' }).click();
    await nav.getByText(/Version 1, gemt/).waitFor();

    await openCourseTab(nav, 'Samtykker og WHO-5');
    const wellbeing = nav.getByRole('region', { name: 'Samtykke til trivselsdata' });
    await wellbeing.getByLabel('Borgeren har læst teksten og bekræfter sit valg her på skærmen').check();
    await wellbeing.getByRole('button', { name: 'Borgeren giver samtykke' }).click();
    await wellbeing.getByText('Samtykket er registreret.').waitFor();

    await nav.getByLabel('Skriv til lægen').fill('Karen og jeg mødes på biblioteket i næste uge.');
    await nav.getByRole('button', { name: 'Send besked' }).click();
    await nav.locator('.messages li.mine').first().waitFor();
    await nav.screenshot({ path: shot('course') });

    // Karen holds the tablet for WHO-5; Sofie hands it over and takes it back.
    const tabletWindow = await browser.newContext({ viewport: { width: 768, height: 1024 }, hasTouch: true });
    tabletWindow.setDefaultTimeout(10_000);
    const tablet = await tabletWindow.newPage();
    const tabletErrors = watchErrors(tablet);
    await logInToInbox(tablet, stack.inboxUrl, 'Sofie Kjær');
    await tablet.goto(`${stack.inboxUrl}/#/referrals/${referralId}`);
    await openCourseTab(tablet, 'Samtykker og WHO-5');
    await tablet.getByRole('button', { name: 'Giv skærmen til borgeren (WHO-5)' }).tap();
    const answers = [3, 3, 2, 4, 3];
    for (const [i, value] of answers.entries()) {
      await tablet.getByText(`Udsagn ${i + 1} af 5`).waitFor();
      expect(await tablet.locator('body').innerText()).not.toMatch(/Karen Jensen|010190/);
      const statement = tablet.getByRole('group', { name: `${i + 1}. ${who5Items[i]!.da}` });
      await statement.getByText(who5AnswerSteps.find((s) => s.value === value)!.da, { exact: true }).tap();
      if (i === 0) await tablet.screenshot({ path: shot('citizen-mode-768x1024') });
      await tablet.getByRole('button', { name: i < 4 ? 'Næste' : 'Gem svarene' }).tap();
    }
    await tablet.getByText('Tak. Svarene er gemt.').waitFor();
    await tablet.getByRole('button', { name: 'Giv skærmen tilbage til socialnavigatøren' }).tap();
    await tablet.getByLabel('Dine initialer').fill('SK');
    await tablet.getByRole('button', { name: 'Tilbage til forløbet' }).tap();
    await tablet.getByRole('heading', { name: /Karen Jensen/, level: 1 }).waitFor();
    await openCourseTab(tablet, 'Samtykker og WHO-5');
    await tablet.locator('.who5-view').getByText('15 af 25').waitFor();
    expect(tabletErrors).toEqual([]);
    await tabletWindow.close();

    // The plan to take home, printed.
    await nav.reload();
    await nav.getByRole('link', { name: 'Udskriv planen til borgeren' }).click();
    await nav.getByRole('heading', { name: 'Din plan, Karen', level: 1 }).waitFor();
    const sheet = await nav.locator('.plan-sheet').innerText();
    expect(sheet).toContain('Jeg vil gerne gå en tur med andre en gang om ugen.');
    expect(sheet).toContain('Vi mødes på biblioteket');
    expect(sheet).not.toContain('010190');
    await nav.evaluate(() => (window.print = () => void ((window as unknown as { printed: boolean }).printed = true)));
    await nav.getByRole('button', { name: /Udskriv/ }).click();
    expect(await nav.evaluate(() => (window as unknown as { printed?: boolean }).printed)).toBe(true);
    await nav.emulateMedia({ media: 'print' });
    await nav.screenshot({ path: shot('plan-print'), fullPage: true });
    await nav.emulateMedia({ media: null });
    await nav.goto(`${stack.inboxUrl}/#/referrals/${referralId}`);
    await nav.getByRole('heading', { name: /Karen Jensen/, level: 1 }).waitFor();

    // Afternoon: the GP opens Karen's journal again. Every change of the day is there, filed once.
    const gp = createHenvisClient({ apiUrl: stack.apiUrl, getToken: cacheToken(() => stack.tokens.sign(user, practice, patient.cpr)) });
    const changes = await gp.listChanges({ after: '0.0' });
    expect(changes.more).toBe(false);
    expect(changes.items.map((e) => e.type)).toEqual(
      expect.arrayContaining(['referral.created', 'referral.status_changed', 'message.created', 'consent.recorded']),
    );
    const again = await gpWindow.newPage();
    const againErrors = watchErrors(again);
    await again.goto(stack.journalUrl.script);
    await again.getByRole('button', { name: 'Social henvisning' }).waitFor();
    await expect.poll(() => notes(again), { timeout: 20_000 }).toHaveLength(changes.items.length);
    await again.waitForTimeout(1500); // a note filed twice would arrive now
    const filed = await notes(again);
    expect(filed).toHaveLength(changes.items.length);
    expect(new Set(filed).size).toBe(filed.length);
    expect(filed.filter((n) => n.startsWith('Social henvisning sendt'))).toHaveLength(1);
    expect(filed.filter((n) => n.includes('Karen og jeg mødes på biblioteket i næste uge.'))).toHaveLength(1);
    expect(filed.filter((n) => /^Samtykke til trivselsdata givet/.test(n))).toHaveLength(1);
    const statusNotes = changes.items.filter((e) => e.type === 'referral.status_changed').length;
    expect(filed.filter((n) => /status ændret fra/.test(n))).toHaveLength(statusNotes);
    expect(filed.join('\n')).not.toContain(patient.cpr);
    await again.screenshot({ path: shot('journal-reopened'), fullPage: true });

    // The GP answers from the journal, with the keyboard: the reply is filed too, once.
    await tabTo(again, 'textarea:Skriv til socialnavigatøren');
    await again.keyboard.type('Godt. Ring endelig, hvis der er noget.');
    await tabTo(again, 'button:Send besked');
    await again.keyboard.press('Enter');
    await again.getByText('Beskeden er sendt.').waitFor();
    await expect.poll(() => notes(again)).toHaveLength(changes.items.length + 1);
    await again.waitForTimeout(1500);
    const withReply = await notes(again);
    expect(withReply).toHaveLength(changes.items.length + 1);
    expect(withReply.filter((n) => n.includes('Godt. Ring endelig'))).toHaveLength(1);
    // And the navigator reads it in the course, without a reload.
    await nav.locator('.messages li.theirs', { hasText: 'Godt. Ring endelig' }).waitFor({ timeout: 15_000 });
    expect(againErrors).toEqual([]);
    expect(navErrors).toEqual([]);
    await Promise.all([gpWindow.close(), desk.close()]);
  }, 180_000);
});
