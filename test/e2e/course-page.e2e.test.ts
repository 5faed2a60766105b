/**
 * The navigator's course page in Chromium, on the screens of a working day (1440x900 and 1280x800): the citizen,
 * the status, the next step and the dialogue with the GP are in view without scrolling, the work is in tabs that
 * the keyboard reaches, and the consent texts are folded once the citizen has decided. Then the citizen holds a
 * 768x1024 tablet for WHO-5 (citizen mode) and hands it back, and the navigator prints the plan for the citizen to
 * take home. Screenshots go to test/artifacts/screenshots/course-*.png, citizen-mode-*.png and plan-print*.png, the
 * printed plan to test/artifacts/plan-print.pdf.
 */
import { mkdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { who5AnswerSteps, who5Items, type Who5List } from '@henvis/contracts';
import { axeViolations, launchChromium, watchErrors } from './browser.js';
import { seedCourse, type SeededCourse } from './course-seed.js';
import { startDemoStack, type DemoStack } from './demo-stack.js';
import { logInToInbox, openCourseTab } from './inbox-steps.js';

const shots = fileURLToPath(new URL('../artifacts/screenshots/', import.meta.url));
const artifacts = fileURLToPath(new URL('../artifacts/', import.meta.url));

let stack: DemoStack;
let browser: Browser;
let course: SeededCourse;

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  [stack, browser] = await Promise.all([startDemoStack(), launchChromium()]);
  course = await seedCourse(stack);
}, 90_000);
afterAll(async () => {
  // Either is still unset when beforeAll failed; the tests themselves only run once both are there.
  /* eslint-disable @typescript-eslint/no-unnecessary-condition */
  await browser?.close();
  await stack?.close();
  /* eslint-enable @typescript-eslint/no-unnecessary-condition */
});

async function openCourse(width: number, height: number, options: { bypassCSP?: boolean } = {}): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height }, ...options });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  await logInToInbox(page, stack.inboxUrl, 'Sofie Kjær');
  await page.goto(`${stack.inboxUrl}/#/referrals/${course.referral.id}`);
  await page.getByRole('heading', { name: /Karen Jensen/, level: 1 }).waitFor();
  return page;
}

/** Every text on the page, the widget's shadow roots included: what the person holding the screen can read. */
const allText = (page: Page) =>
  page.evaluate(() => {
    const texts: string[] = [];
    const walk = (root: Document | ShadowRoot) => {
      if (root instanceof Document) texts.push(root.body.innerText);
      else for (const child of root.children) if (child instanceof HTMLElement && child.tagName !== 'STYLE') texts.push(child.innerText);
      for (const element of root.querySelectorAll('*')) if (element.shadowRoot) walk(element.shadowRoot);
    };
    walk(document);
    return texts.join('\n');
  });

/** Whether the whole element is inside the window, without scrolling. */
async function inView(page: Page, element: Locator): Promise<boolean> {
  const box = await element.boundingBox();
  const viewport = page.viewportSize();
  if (!box || !viewport) return false;
  return box.y >= 0 && box.x >= 0 && box.y + box.height <= viewport.height && box.x + box.width <= viewport.width;
}

describe("the navigator's course page", () => {
  it.each([
    [1440, 900],
    [1280, 800],
  ])('at %ix%i shows the citizen, the status, the next step and the messages with the GP without scrolling', async (width, height) => {
    const page = await openCourse(width, height);
    const errors = watchErrors(page);
    const messages = page.getByRole('region', { name: 'Beskeder med lægen' });
    await messages.getByText('Tak. Vi ses til opfølgningen om et halvt år.').waitFor();
    const nextStep = page.getByRole('region', { name: 'Næste skridt' });
    const everyInView = {
      name: page.getByRole('heading', { name: /Karen Jensen/, level: 1 }),
      status: page.locator('.citizen .status'),
      phone: page.getByRole('link', { name: '+45 20 30 40 50' }),
      nextStep: nextStep.getByText(course.nextStep),
      newestMessage: messages.getByText('Tak. Vi ses til opfølgningen om et halvt år.'),
      write: messages.getByLabel('Skriv til lægen'),
      send: messages.getByRole('button', { name: 'Send besked' }),
      tabs: page.getByRole('tablist', { name: 'Arbejdet med forløbet' }),
    };
    for (const [what, element] of Object.entries(everyInView)) expect([what, await inView(page, element)]).toEqual([what, true]);
    expect(await page.locator('.citizen .status').innerText()).toBe('Plan lagt');
    expect(await nextStep.innerText()).toMatch(/om 6 dage/);
    // The messages sit beside the work, not under it.
    const work = (await page.getByRole('tablist').boundingBox())!;
    const dialogue = (await messages.boundingBox())!;
    expect(dialogue.x).toBeGreaterThan(work.x + work.width);
    // The work is in tabs; the rest of the course is a tab away, not 5,000 px down.
    expect(await page.getByRole('tab').allInnerTexts()).toEqual(['Kontakter', 'Plan', 'Tilbud', 'Samtykker og WHO-5', 'Tidslinje']);
    expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThan(height * 1.6);
    await page.screenshot({ path: `${shots}course-${width}x${height}.png` });
    await page.screenshot({ path: `${shots}course-${width}x${height}-full.png`, fullPage: true });
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('moves between the tabs with the keyboard, keeps what is being written, and folds the recorded consent texts', async () => {
    const page = await openCourse(1280, 800, { bypassCSP: true });
    const errors = watchErrors(page);
    const contacts = page.getByRole('tab', { name: 'Kontakter' });
    expect(await contacts.getAttribute('aria-selected')).toBe('true');
    // One tab stop: Tab reaches the chosen tab only, the arrows move between them.
    expect(await page.getByRole('tab').evaluateAll((tabs) => tabs.map((tab) => (tab as HTMLElement).tabIndex))).toEqual([
      0, -1, -1, -1, -1,
    ]);
    await contacts.focus();
    await page.keyboard.press('ArrowRight');
    const plan = page.getByRole('tab', { name: 'Plan' });
    expect(await plan.getAttribute('aria-selected')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Plan');
    const goals = page.getByRole('tabpanel', { name: 'Plan' }).getByLabel('Mål, med borgerens egne ord');
    expect(await goals.inputValue()).toBe(course.goals);
    await goals.fill('Jeg vil gerne synge i kor.');
    await page.getByRole('region', { name: 'Kontakter' }).waitFor({ state: 'hidden' });
    await plan.focus();
    await page.keyboard.press('End');
    expect(await page.getByRole('tab', { name: 'Tidslinje' }).getAttribute('aria-selected')).toBe('true');
    await page.getByRole('tabpanel', { name: 'Tidslinje' }).getByText('Sendt', { exact: true }).waitFor();
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowLeft');
    expect(await page.getByRole('tab', { name: 'Tidslinje' }).getAttribute('aria-selected')).toBe('true');
    await openCourseTab(page, 'Plan');
    expect(await goals.inputValue()).toBe('Jeg vil gerne synge i kor.');

    // Both consents are given: each text is a click away, folded, and the state and the withdrawal stay in sight.
    await openCourseTab(page, 'Samtykker og WHO-5');
    for (const name of ['Samtykke til journaldata', 'Samtykke til trivselsdata']) {
      const consent = page.getByRole('region', { name });
      await consent.getByRole('button', { name: 'Træk samtykket tilbage' }).waitFor();
      const folded = consent.locator('details', { hasText: 'Vis samtykketeksten' });
      expect(await folded.evaluate((details) => (details as HTMLDetailsElement).open)).toBe(false);
      expect(await consent.getByText('Formål').first().isVisible()).toBe(false);
    }
    const journalData = page.getByRole('region', { name: 'Samtykke til journaldata' });
    await journalData.getByText('Vis samtykketeksten').click();
    await journalData.getByText('Formål').first().waitFor();
    await page.screenshot({ path: `${shots}course-consents.png` });
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('lets the citizen answer WHO-5 on a 768x1024 tablet, one statement at a time, and hands the screen back', async () => {
    const ole = await seedCourse(stack, { cpr: '020285-1113', name: 'Ole Madsen' });
    // bypassCSP: axe-core is added to the page it checks.
    const context = await browser.newContext({ viewport: { width: 768, height: 1024 }, hasTouch: true, bypassCSP: true });
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    const errors = watchErrors(page);
    await logInToInbox(page, stack.inboxUrl, 'Sofie Kjær');
    await page.goto(`${stack.inboxUrl}/#/referrals/${ole.referral.id}`);
    await openCourseTab(page, 'Samtykker og WHO-5');
    const handOver = page.getByRole('button', { name: 'Giv skærmen til borgeren (WHO-5)' });
    await handOver.waitFor();
    await page.getByText('Første måling (baseline)').waitFor();
    await page.screenshot({ path: `${shots}citizen-mode-hand-over.png` });
    await handOver.click();

    // The citizen's screen: the statements, their answers, Next and Back, and the way to hand it back. Nothing else.
    await page.getByText('Udsagn 1 af 5').waitFor();
    const onScreen = await allText(page);
    for (const hidden of [
      '020285',
      'Ole Madsen',
      'Ole er startet i gåklubben',
      'Beskeder med lægen',
      'Mette Holm',
      'Lægens bemærkning',
      'Enke siden foråret',
      'Første måling (baseline)',
      'Opfølgning 6-8 måneder',
      'Samtykke til',
      'Nye henvisninger',
      'Log ud',
    ])
      expect([hidden, onScreen.includes(hidden)]).toEqual([hidden, false]);
    expect(await page.locator('nav.pages, header.top').count()).toBe(0);
    await page.screenshot({ path: `${shots}citizen-mode-statement-1.png` });
    expect(await axeViolations(page)).toEqual([]);

    const answers = [3, 2, 4, 1, 3];
    for (const [i, value] of answers.entries()) {
      const statement = page.getByRole('group', { name: `${i + 1}. ${who5Items[i]!.da}` });
      expect(await page.getByRole('group').count()).toBe(1);
      const step = statement.getByText(who5AnswerSteps.find((s) => s.value === value)!.da, { exact: true });
      // Large targets: every answer is a whole-width box at least 56 px high.
      for (const box of await statement.locator('label').evaluateAll((labels) => labels.map((l) => l.getBoundingClientRect())))
        expect(box.height).toBeGreaterThanOrEqual(56);
      await step.tap();
      await page.getByRole('button', { name: i < 4 ? 'Næste' : 'Gem svarene' }).tap();
      if (i < 4) await page.getByText(`Udsagn ${i + 2} af 5`).waitFor();
    }
    await page.getByText('Tak. Svarene er gemt.').waitFor();
    await page.getByText('Giv skærmen tilbage til socialnavigatøren. I kan se på resultatet sammen.').waitFor();
    const afterSaving = await allText(page);
    expect(afterSaving).not.toMatch(/Vis resultatet|af 25|af 100|depression|Råscore/);
    expect(await page.getByRole('button', { name: 'Vis resultatet' }).count()).toBe(0);
    await page.screenshot({ path: `${shots}citizen-mode-saved.png` });

    // Stored through the API as the navigator's form would: the same contract, the answers as given.
    const token = await page.evaluate(() => JSON.parse(sessionStorage.getItem('henvis-inbox-session')!).accessToken as string);
    const stored = (await (
      await fetch(`${stack.apiUrl}/v1/referrals/${ole.referral.id}/who5`, { headers: { authorization: `Bearer ${token}` } })
    ).json()) as Who5List;
    expect(stored.items.map((r) => [r.kind, r.answers])).toEqual([['baseline', answers]]);

    // Neither the back button, a typed address nor a reload leaves the citizen's screen.
    await page.goBack();
    await page.evaluate(() => (location.hash = '#/caseload'));
    await page.reload();
    await page.getByText('Tak. Svarene er gemt.').waitFor();
    expect(await allText(page)).not.toMatch(/Ole Madsen|020285|Mine forløb|Mit caseload/);

    // The hand-back: only the initials of the navigator who handed the screen over bring the course back.
    await page.getByRole('button', { name: 'Giv skærmen tilbage til socialnavigatøren' }).tap();
    await page.getByRole('heading', { name: 'Til socialnavigatøren' }).waitFor();
    // Pressed by mistake, it goes back to the citizen's screen, no further.
    await page.getByRole('button', { name: 'Tilbage til skemaet' }).tap();
    await page.getByText('Tak. Svarene er gemt.').waitFor();
    await page.getByRole('button', { name: 'Giv skærmen tilbage til socialnavigatøren' }).tap();
    await page.getByRole('heading', { name: 'Til socialnavigatøren' }).waitFor();
    await page.getByLabel('Dine initialer').fill('OM');
    await page.getByRole('button', { name: 'Tilbage til forløbet' }).tap();
    await page.getByRole('alert').getByText('Initialerne passer ikke til den, der gav borgeren skærmen.').waitFor();
    expect(await allText(page)).not.toMatch(/Ole Madsen|020285/);
    await page.screenshot({ path: `${shots}citizen-mode-hand-back.png` });
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel('Dine initialer').fill('sk');
    await page.getByRole('button', { name: 'Tilbage til forløbet' }).tap();
    await page.getByRole('heading', { name: /Ole Madsen/, level: 1 }).waitFor();
    expect(page.url()).toContain(`#/referrals/${ole.referral.id}`);
    // The navigator reads the result in their own view: 13 of 25.
    await openCourseTab(page, 'Samtykker og WHO-5');
    await page.locator('.who5-view').getByText('13 af 25').waitFor();
    await page.screenshot({ path: `${shots}citizen-mode-navigator-result.png` });
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);

  it('prints the plan for the citizen to take home: in plain Danish, with the offers, the next meeting and the navigator', async () => {
    const page = await openCourse(1280, 800, { bypassCSP: true });
    const errors = watchErrors(page);
    await page.getByRole('link', { name: 'Udskriv planen til borgeren' }).click();
    await page.getByRole('heading', { name: 'Din plan, Karen', level: 1 }).waitFor();
    expect(page.url()).toContain(`#/referrals/${course.referral.id}/plan`);
    await page.getByLabel('Dit eget telefonnummer eller din e-mail, hvis borgeren skal bruge det (står på planen)').fill('+45 20 11 22 33');

    const sheet = page.locator('.plan-sheet');
    const text = await sheet.innerText();
    expect(text).toContain(course.goals);
    // The linked offers, with when, where and whom to call.
    for (const expected of [
      'Gåture for alle',
      'Grenaa Gåklub',
      'tirsdag og torsdag, 10:00–11:30',
      'Grenaa Havn, ved Kattegatcentret',
      'Færgevej 4, 8500 Grenaa',
      'Kirsten Holm, +45 21 43 65 87',
      'Strikkecafé',
      'onsdag, 14:00–16:00',
      'Markedsgade 1, 8500 Grenaa',
    ])
      expect([expected, text.includes(expected)]).toEqual([expected, true]);
    const nextDay = new Intl.DateTimeFormat('da-DK', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(
      new Date(`${course.nextStepDate}T12:00:00Z`),
    );
    expect((await sheet.getByRole('region', { name: 'Næste gang' }).innerText()).split(/\n+/)).toEqual([
      'Næste gang',
      nextDay,
      course.nextStep,
    ]);
    expect(await sheet.getByRole('region', { name: 'Forløbet er slut' }).innerText()).toContain(
      'Når Karen går fast i gåklubben uden følgeskab',
    );
    expect(await sheet.getByRole('region', { name: 'Din socialnavigatør' }).innerText()).toMatch(
      /^Din socialnavigatør\s+Sofie Kjær\s+Norddjurs Kommune – [^\n]+\s+Telefon: \+45 89 59 00 01\s+\+45 20 11 22 33$/,
    );
    expect(text).toContain('Du bliver fulgt derhen de første gange.');
    expect(text).toContain('Det er ikke en behandling');
    // Nothing the citizen should not carry home: no CPR number, none of the navigator's or the GP's notes.
    for (const absent of ['010190', '2345', 'Aftalt første møde', 'Enke siden foråret', 'Må jeg ringe til dig', 'Ensomhed'])
      expect([absent, text.includes(absent)]).toEqual([absent, false]);
    await page.screenshot({ path: `${shots}plan-print-screen.png`, fullPage: true });
    expect(await axeViolations(page)).toEqual([]);

    // Printing: the button calls the browser's print; on paper the inbox's shell and the buttons are gone.
    await page.evaluate(() => {
      window.print = () => void ((window as unknown as { printed: boolean }).printed = true);
    });
    await page.getByRole('button', { name: 'Udskriv' }).click();
    expect(await page.evaluate(() => (window as unknown as { printed?: boolean }).printed)).toBe(true);
    await page.emulateMedia({ media: 'print' });
    for (const gone of ['header.top', 'nav.pages', '.plan-print-actions'])
      expect([gone, await page.locator(gone).isVisible()]).toEqual([gone, false]);
    expect(await sheet.isVisible()).toBe(true);
    await page.screenshot({ path: `${shots}plan-print.png`, fullPage: true });
    await page.pdf({ path: `${artifacts}plan-print.pdf`, format: 'A4' });
    expect(statSync(`${artifacts}plan-print.pdf`).size).toBeGreaterThan(10_000);
    await page.emulateMedia({ media: 'screen' });

    // The field is the navigator's own: the next plan they print has it again.
    await page.getByRole('link', { name: 'Tilbage til forløbet' }).click();
    await page.getByRole('link', { name: 'Udskriv planen til borgeren' }).click();
    expect(await page.getByLabel(/Dit eget telefonnummer eller din e-mail/).inputValue()).toBe('+45 20 11 22 33');
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
