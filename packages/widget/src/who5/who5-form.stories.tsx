/** The WHO-5 questionnaire of a referral in every state, mounted through the embed API (`view: 'who5'`). */
import type { Meta, StoryObj } from '@storybook/preact-vite';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import { who5AnswerSteps, who5Items } from '@henvis/contracts';
import { Embedded, widget } from '../mocks/embedded.js';
import { apiHandlers, createMockApi, daysAgo, seedConsent, seedWho5, type MockApi } from '../mocks/handlers.js';
import { referralStory } from '../mocks/referral-story.js';

const meta = {
  title: 'Widget/WHO-5',
  component: Embedded,
  args: { view: 'who5', locale: 'da' },
  parameters: { msw: apiHandlers(createMockApi()) },
} satisfies Meta<typeof Embedded>;
export default meta;
type Story = StoryObj<typeof meta>;

type Ui = Awaited<ReturnType<typeof widget>>;
const consented = (api: MockApi, id: string) => void seedConsent(api, id, 'wellbeing_data', 'given', { at: daysAgo(220) });
const statement = (ui: Ui, i: number) => within(ui.getByRole('group', { name: `${i + 1}. ${who5Items[i]!.da}` }));
const step = (value: number) => who5AnswerSteps.find((s) => s.value === value)!.da;

/** Answers the statements given (index → value) and saves. */
async function answer(ui: Ui, answers: Record<number, number>) {
  const save = await ui.findByRole('button', { name: 'Gem svarene' });
  for (const [i, value] of Object.entries(answers)) await userEvent.click(statement(ui, Number(i)).getByLabelText(step(value)));
  await userEvent.click(save);
}
const all = (...values: number[]) => Object.fromEntries(values.map((v, i) => [i, v]));

/** No baseline yet: the first measurement, with KL's five statements and six answer steps. */
export const Empty: Story = {
  ...referralStory(consented),
  play: async ({ canvasElement }) => {
    const ui = await widget(canvasElement);
    await expect(await ui.findByText('Første måling (baseline)')).toBeTruthy();
    await expect(ui.getAllByRole('group')).toHaveLength(5);
    await expect(ui.getAllByRole('radio')).toHaveLength(30);
    await expect(ui.getAllByRole('radio').some((r) => (r as HTMLInputElement).checked)).toBe(false);
  },
};

/** Saved with two statements unanswered: which ones is said, and nothing is sent. */
export const MissingItem: Story = {
  ...referralStory(consented),
  play: async ({ canvasElement }) => {
    const ui = await widget(canvasElement);
    await answer(ui, { 0: 3, 2: 3, 4: 2 });
    await expect((await ui.findByRole('alert')).textContent).toBe('Svar på alle fem udsagn. Mangler: 2, 4.');
    await expect(statement(ui, 1).getByText('Vælg et svar.')).toBeTruthy();
  },
};

/** For a tablet held by the citizen: one statement per screen, with Next and Back. */
const onePerScreen = referralStory(consented);
export const OnePerScreen: Story = {
  ...onePerScreen,
  args: { ...onePerScreen.args, who5: { onePerScreen: true, audience: 'citizen' } },
  play: async ({ canvasElement }) => {
    const ui = await widget(canvasElement);
    await expect(await ui.findByText('Udsagn 1 af 5')).toBeTruthy();
    await expect(ui.getAllByRole('group')).toHaveLength(1);
    await userEvent.click(statement(ui, 0).getByLabelText('Det meste af tiden'));
    await userEvent.click(ui.getByRole('button', { name: 'Næste' }));
    await expect(ui.getByText('Udsagn 2 af 5')).toBeTruthy();
    await expect(ui.getByRole('button', { name: 'Tilbage' })).toBeTruthy();
  },
};

/** Saved at the first conversation: the navigator sees the score, what it suggests, and when the follow-up falls due. */
const savedForNavigator = referralStory(consented);
export const SavedForNavigator: Story = {
  ...savedForNavigator,
  args: { ...savedForNavigator.args, onWho5Recorded: fn() },
  play: async ({ canvasElement, args }) => {
    const ui = await widget(canvasElement);
    await answer(ui, all(2, 2, 3, 2, 2));
    await expect(await ui.findByText('11 af 25')).toBeTruthy();
    await expect(ui.getByText('44 af 100')).toBeTruthy();
    await expect(ui.getByText('50 eller derunder: screening for depression eller stress anbefales.')).toBeTruthy();
    await expect(ui.getByText(/^Opfølgning fra /)).toBeTruthy();
    await waitFor(() =>
      expect(args.onWho5Recorded).toHaveBeenCalledWith({ responseId: expect.any(String), kind: 'baseline' }, expect.anything()),
    );
  },
};

/** The citizen answered on the tablet: no result, and no button to show one; the screen goes back to the navigator. */
const savedForCitizen = referralStory(consented);
export const SavedForCitizen: Story = {
  ...savedForCitizen,
  args: { ...savedForCitizen.args, who5: { audience: 'citizen' } },
  play: async ({ canvasElement }) => {
    const ui = await widget(canvasElement);
    await answer(ui, all(1, 1, 2, 1, 1));
    await expect(await ui.findByText('Tak. Svarene er gemt.')).toBeTruthy();
    await expect(ui.queryByText('Råscore')).toBeNull();
    await expect(ui.queryByRole('button', { name: 'Vis resultatet' })).toBeNull();
    await expect(ui.getByText(/Giv skærmen tilbage til socialnavigatøren/)).toBeTruthy();
  },
};

/** Seven months after the baseline: the follow-up, with a clinically relevant change flagged. */
export const FollowUpFlagged: Story = {
  ...referralStory((api, id) => {
    consented(api, id);
    seedWho5(api, id, 'baseline', [1, 1, 1, 1, 1], daysAgo(213));
  }),
  play: async ({ canvasElement }) => {
    const ui = await widget(canvasElement);
    await expect(await ui.findByText('Opfølgende måling')).toBeTruthy();
    await expect(ui.getByText('Aktuel nu')).toBeTruthy();
    await answer(ui, all(3, 3, 3, 3, 3));
    await expect(await ui.findByText(/Ændring fra første måling: \+40 point \(fra 20 til 60\)\./)).toBeTruthy();
    await expect(ui.getByText('Klinisk relevant ændring (10 point eller mere).')).toBeTruthy();
  },
};

/** No well-being consent: a warning before answering, and the server's refusal when saving. */
export const RefusedWithoutConsent: Story = {
  ...referralStory(),
  play: async ({ canvasElement }) => {
    const ui = await widget(canvasElement);
    await expect(await ui.findByText(/^Der er ikke et gyldigt samtykke til trivselsdata/)).toBeTruthy();
    await answer(ui, all(3, 3, 3, 3, 3));
    await expect((await ui.findByRole('alert')).textContent).toBe(
      'Trivselssvar gemmes kun med et gyldigt samtykke til trivselsdata, og der er ikke givet et.',
    );
  },
};
