// @vitest-environment happy-dom
import { fireEvent, waitFor, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { who5AnswerSteps, who5Items, type Who5Answers } from '@henvis/contracts';
import { daysAgo, seedConsent, seedWho5, type MockApi } from '../mocks/handlers.js';
import { mountWidget, setupReferralMockApi } from '../mocks/mount-widget.js';

let api: MockApi;
let referralId: string;
setupReferralMockApi((fresh) => ({ api, referralId } = fresh));

type Ui = ReturnType<typeof mountWidget>['ui'];
const withConsent = () => seedConsent(api, referralId, 'wellbeing_data', 'given', { at: daysAgo(240) });
const show = (who5 = {}) => mountWidget({ view: 'who5', referralId, who5 });
const statement = (ui: Ui, index: number) => within(ui.getByRole('group', { name: `${index + 1}. ${who5Items[index]!.da}` }));
const step = (value: number) => who5AnswerSteps.find((s) => s.value === value)!.da;
const answer = (ui: Ui, index: number, value: number) => fireEvent.click(statement(ui, index).getByLabelText(step(value)));
async function answerAll(ui: Ui, answers: readonly number[]) {
  await ui.findByRole('button', { name: 'Gem svarene' });
  answers.forEach((value, index) => answer(ui, index, value));
  fireEvent.click(ui.getByRole('button', { name: 'Gem svarene' }));
}
const settle = () => new Promise((r) => setTimeout(r, 20));

describe('WHO-5 form', () => {
  it("asks for a baseline when there is none: KL's five statements, each a group of six answer steps", async () => {
    withConsent();
    const { ui, shadow } = show();
    expect(await ui.findByText('Første måling (baseline)')).toBeTruthy();
    expect(ui.getByText('Opfølgning 6-8 måneder efter første måling.')).toBeTruthy();
    who5Items.forEach((item, i) => {
      const radios = statement(ui, i).getAllByRole<HTMLInputElement>('radio');
      expect(radios.map((r) => r.labels?.[0]?.textContent)).toEqual(who5AnswerSteps.map((s) => s.da));
      expect(radios.map((r) => r.value)).toEqual(['5', '4', '3', '2', '1', '0']);
    });
    // One name per statement: the browser then moves with arrow keys inside a statement and with Tab between them.
    const names = [...shadow.querySelectorAll<HTMLInputElement>('input')].map((input) => input.name);
    expect(new Set(names).size).toBe(5);
  });

  it('refuses a missing answer: says which, moves focus to the first missing, sends nothing', async () => {
    withConsent();
    const { ui, shadow, callbacks } = show();
    await ui.findByRole('button', { name: 'Gem svarene' });
    answer(ui, 0, 3);
    answer(ui, 2, 3);
    answer(ui, 4, 3);
    fireEvent.click(ui.getByRole('button', { name: 'Gem svarene' }));
    expect((await ui.findByRole('alert')).textContent).toBe('Svar på alle fem udsagn. Mangler: 2, 4.');
    expect(ui.getByRole('group', { name: /har jeg følt mig rolig/ }).getAttribute('aria-invalid')).toBe('true');
    expect(ui.getByRole('group', { name: /glad og i godt humør/ }).getAttribute('aria-invalid')).toBeNull();
    expect(shadow.activeElement).toBe(statement(ui, 1).getByLabelText('Hele tiden'));
    await settle();
    expect(api.received).toEqual([]);
    expect(api.who5).toEqual([]);
    expect(callbacks.onWho5Recorded).not.toHaveBeenCalled();
  });

  it('cannot produce an answer outside 0-5: only the six steps, one per statement', async () => {
    withConsent();
    const { ui, shadow } = show();
    await ui.findByRole('button', { name: 'Gem svarene' });
    expect(shadow.querySelectorAll('input:not([type="radio"]), select, textarea')).toHaveLength(0);
    answer(ui, 0, 0);
    answer(ui, 0, 5);
    expect(
      statement(ui, 0)
        .getAllByRole<HTMLInputElement>('radio')
        .filter((r) => r.checked),
    ).toHaveLength(1);
    await answerAll(ui, [5, 0, 5, 0, 5]);
    await waitFor(() => expect(api.who5).toHaveLength(1));
    expect(api.received).toEqual([{ kind: 'baseline', answers: [5, 0, 5, 0, 5] }]);
  });

  it('shows the navigator the raw score, the percentage and what it means; the event carries no answers', async () => {
    withConsent();
    const { ui, callbacks } = show();
    await answerAll(ui, [2, 2, 3, 2, 2]);
    expect(await ui.findByText('Tak. Svarene er gemt.')).toBeTruthy();
    expect(ui.getByText('11 af 25')).toBeTruthy();
    expect(ui.getByText('44 af 100')).toBeTruthy();
    expect(ui.getByText('50 eller derunder: screening for depression eller stress anbefales.')).toBeTruthy();
    expect(ui.getByText(/^Opfølgning fra 24\. maj 2027, senest 23\. jul\. 2027\./)).toBeTruthy();
    expect(ui.getByText('Ikke aktuel endnu')).toBeTruthy();
    expect(callbacks.onWho5Recorded).toHaveBeenCalledTimes(1);
    const [payload, meta] = callbacks.onWho5Recorded.mock.calls[0]!;
    expect(payload).toEqual({ responseId: api.who5[0]!.id, kind: 'baseline' });
    expect(meta.event).toBe('who5Recorded');
  });

  it.each([
    [[1, 1, 1, 2, 2], '28 af 100', '28 eller derunder: tyder på depression. Screening for depression anbefales.'],
    [[2, 2, 2, 1, 1], '32 af 100', '50 eller derunder: screening for depression eller stress anbefales.'],
    [[3, 3, 2, 2, 2], '48 af 100', '50 eller derunder: screening for depression eller stress anbefales.'],
    [[3, 3, 3, 2, 2], '52 af 100', 'Over 50: ingen tegn på nedsat trivsel.'],
  ])('bands %j as %s: "%s"', async (answers, percentage, meaning) => {
    withConsent();
    const { ui } = show();
    await answerAll(ui, answers);
    expect(await ui.findByText(percentage)).toBeTruthy();
    expect(ui.getByText(meaning)).toBeTruthy();
  });

  it("shows a citizen holding the screen the statements only: no score, no way to show it, no navigator's schedule", async () => {
    withConsent();
    const { ui, shadow, callbacks } = show({ audience: 'citizen' });
    await ui.findByRole('button', { name: 'Gem svarene' });
    expect(ui.queryByText('Første måling (baseline)')).toBeNull();
    expect(ui.queryByText(/Opfølgning 6-8 måneder/)).toBeNull();
    await answerAll(ui, [1, 1, 1, 1, 1]);
    expect(await ui.findByText('Tak. Svarene er gemt.')).toBeTruthy();
    expect(ui.getByText('Giv skærmen tilbage til socialnavigatøren. I kan se på resultatet sammen.')).toBeTruthy();
    expect(callbacks.onWho5Recorded).toHaveBeenCalledTimes(1);
    expect(api.received).toEqual([{ kind: 'baseline', answers: [1, 1, 1, 1, 1] }]);
    expect(ui.queryByText('Råscore')).toBeNull();
    expect(ui.queryByText(/af 25|af 100|tyder på depression|Opfølgning fra/)).toBeNull();
    expect(ui.queryAllByRole('button')).toEqual([]);
    expect(shadow.textContent).not.toMatch(/resultatet vises|Vis resultatet/i);
  });

  it('shows the navigator the result of what the citizen answered, once the screen is back in their view', async () => {
    withConsent();
    seedWho5(api, referralId, 'baseline', [1, 1, 1, 1, 1], daysAgo(0));
    const { ui } = show();
    expect(await ui.findByText('5 af 25')).toBeTruthy();
    expect(ui.getByText(/tyder på depression/)).toBeTruthy();
  });

  it.each<[Who5Answers, Who5Answers, string, boolean]>([
    [[1, 1, 1, 1, 1], [3, 3, 3, 3, 3], 'Ændring fra første måling: +40 point (fra 20 til 60).', true],
    [[4, 4, 4, 4, 4], [4, 4, 4, 2, 3], 'Ændring fra første måling: -12 point (fra 80 til 68).', true],
    [[3, 3, 3, 3, 3], [3, 3, 3, 3, 4], 'Ændring fra første måling: +4 point (fra 60 til 64).', false],
  ])('at follow-up shows the change from %j to %j and flags 10 points or more', async (baseline, followUp, change, flagged) => {
    withConsent();
    seedWho5(api, referralId, 'baseline', baseline, daysAgo(213));
    const { ui, callbacks } = show();
    expect(await ui.findByText('Opfølgende måling')).toBeTruthy();
    expect(ui.getByText('Aktuel nu')).toBeTruthy();
    await answerAll(ui, followUp);
    expect(await ui.findByText(change, { exact: false })).toBeTruthy();
    expect(ui.queryByText('Klinisk relevant ændring (10 point eller mere).') !== null).toBe(flagged);
    expect(ui.getByText('Gennemført')).toBeTruthy();
    expect(api.received).toEqual([{ kind: 'follow_up', answers: followUp }]);
    expect(callbacks.onWho5Recorded.mock.calls[0]![0].kind).toBe('follow_up');
  });

  it('warns before answering without a well-being consent, and shows the refusal when saving', async () => {
    const { ui, callbacks } = show();
    expect(await ui.findByText(/Der er ikke et gyldigt samtykke til trivselsdata/)).toBeTruthy();
    await answerAll(ui, [3, 3, 3, 3, 3]);
    expect((await ui.findByRole('alert')).textContent).toBe(
      'Trivselssvar gemmes kun med et gyldigt samtykke til trivselsdata, og der er ikke givet et.',
    );
    expect(callbacks.onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'wellbeing_consent_missing' }), expect.anything());
    expect(callbacks.onWho5Recorded).not.toHaveBeenCalled();
    expect(api.who5).toEqual([]);
    expect(statement(ui, 0).getByLabelText<HTMLInputElement>('Lidt mere end halvdelen af tiden').checked).toBe(true);
  });

  it('shows a withdrawn well-being consent as the reason for refusing', async () => {
    seedConsent(api, referralId, 'wellbeing_data', 'given', { at: daysAgo(30), withdrawnAt: daysAgo(1) });
    const { ui } = show();
    await answerAll(ui, [3, 3, 3, 3, 3]);
    expect((await ui.findByRole('alert')).textContent).toBe(
      'Samtykket til trivselsdata er trukket tilbage: der må ikke gemmes flere trivselssvar.',
    );
  });

  it('tells practice staff that their role may not see or store WHO-5 answers', async () => {
    api.user = { id: 'demo-doctor', name: 'Mette Holm', role: 'doctor' };
    const { ui, callbacks } = show();
    expect((await ui.findByRole('alert')).textContent).toMatch(
      /^Trivselsmålingerne kunne ikke hentes\. Din rolle må ikke udføre denne handling\./,
    );
    expect(ui.queryByRole('radio')).toBeNull();
    expect(callbacks.onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'role_not_allowed' }), expect.anything());
  });

  it('one statement per screen, with Next and Back; Next needs an answer', async () => {
    withConsent();
    const { ui, shadow } = show({ onePerScreen: true, audience: 'citizen' });
    expect(await ui.findByText('Udsagn 1 af 5')).toBeTruthy();
    expect(ui.getAllByRole('group')).toHaveLength(1);
    fireEvent.click(ui.getByRole('button', { name: 'Næste' }));
    expect(statement(ui, 0).getByText('Vælg et svar.')).toBeTruthy();
    expect(shadow.activeElement).toBe(statement(ui, 0).getByLabelText('Hele tiden'));
    answer(ui, 0, 4);
    fireEvent.click(ui.getByRole('button', { name: 'Næste' }));
    expect(ui.getByText('Udsagn 2 af 5')).toBeTruthy();
    expect(shadow.activeElement).toBe(statement(ui, 1).getByLabelText('Hele tiden'));
    fireEvent.click(ui.getByRole('button', { name: 'Tilbage' }));
    expect(statement(ui, 0).getByLabelText<HTMLInputElement>('Det meste af tiden').checked).toBe(true);
    for (let i = 0; i < 4; i++) {
      answer(ui, i, 4);
      fireEvent.click(ui.getByRole('button', { name: 'Næste' }));
    }
    expect(ui.queryByRole('button', { name: 'Næste' })).toBeNull();
    answer(ui, 4, 4);
    fireEvent.click(ui.getByRole('button', { name: 'Gem svarene' }));
    expect(await ui.findByText('Tak. Svarene er gemt.')).toBeTruthy();
    expect(api.received).toEqual([{ kind: 'baseline', answers: [4, 4, 4, 4, 4] }]);
  });

  it('offers no follow-up before its window opens: the baseline, and the days the follow-up can be taken', async () => {
    withConsent();
    seedWho5(api, referralId, 'baseline', [2, 2, 2, 2, 2], daysAgo(10));
    const { ui } = show();
    expect(await ui.findByText('Første måling er registreret. Den opfølgende måling kan tages, når den bliver aktuel.')).toBeTruthy();
    expect(ui.getByText('Ikke aktuel endnu')).toBeTruthy();
    expect(ui.queryByRole('radio')).toBeNull();
    expect(ui.queryByText('Opfølgende måling')).toBeNull();
  });

  it('shows both measurements as done, with no form, once the follow-up is recorded', async () => {
    withConsent();
    seedWho5(api, referralId, 'baseline', [2, 2, 2, 2, 2], daysAgo(230));
    seedWho5(api, referralId, 'follow_up', [3, 3, 3, 3, 3], daysAgo(10));
    const { ui } = show();
    expect(await ui.findByText('Både første måling og opfølgning er registreret.')).toBeTruthy();
    expect(ui.getByText('Gennemført')).toBeTruthy();
    expect(ui.getByText(/\+20 point \(fra 40 til 60\)/)).toBeTruthy();
    expect(ui.queryByRole('radio')).toBeNull();
  });
});
