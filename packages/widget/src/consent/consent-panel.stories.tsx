/** The two consents of a referral in every state, mounted through the embed API (`view: 'consent'`). */
import type { Meta, StoryObj } from '@storybook/preact-vite';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import { consentText } from '@henvis/contracts';
import { Embedded, widget } from '../mocks/embedded.js';
import { apiHandlers, createMockApi, daysAgo, seedConsent } from '../mocks/handlers.js';
import { minorContext, referralStory } from '../mocks/referral-story.js';

const meta = {
  title: 'Widget/Consents',
  component: Embedded,
  args: { view: 'consent', locale: 'da' },
  parameters: { msw: apiHandlers(createMockApi()) },
} satisfies Meta<typeof Embedded>;
export default meta;
type Story = StoryObj<typeof meta>;

type Ui = Awaited<ReturnType<typeof widget>>;
const section = async (ui: Ui, name: string) => within(await ui.findByRole('region', { name }));
const journal = (ui: Ui) => section(ui, 'Samtykke til journaldata');
const wellbeing = (ui: Ui) => section(ui, 'Samtykke til trivselsdata');

/** Neither consent asked yet: both texts in full, each with its own decision; a no changes nothing. */
export const NothingAsked: Story = {
  ...referralStory(),
  play: async ({ canvasElement }) => {
    const ui = await widget(canvasElement);
    for (const s of [await journal(ui), await wellbeing(ui)]) await expect(s.getByText('Ikke spurgt endnu')).toBeTruthy();
    await expect((await journal(ui)).getByText(/^Gives samtykket i dag, gælder det til og med /)).toBeTruthy();
    await expect(ui.getByText(consentText('wellbeing_data', 'da').sections[1]!.body)).toBeTruthy();
  },
};

/** Signed on screen: the citizen confirms, the decision is stored, and the host gets the journal note. */
const giveOnScreen = referralStory();
export const GiveOnScreen: Story = {
  ...giveOnScreen,
  args: { ...giveOnScreen.args, onConsentRecorded: fn() },
  play: async ({ canvasElement, args }) => {
    const ui = await widget(canvasElement);
    const s = await journal(ui);
    await userEvent.click(s.getByLabelText('Borgeren har læst teksten og bekræfter sit valg her på skærmen'));
    await userEvent.click(s.getByRole('button', { name: 'Borgeren giver samtykke' }));
    await expect(await s.findByText('Samtykket er registreret.')).toBeTruthy();
    await waitFor(() =>
      expect(args.onConsentRecorded).toHaveBeenCalledWith(
        expect.objectContaining({ journalNote: expect.stringMatching(/^Samtykke til journaldata givet /) }),
        expect.anything(),
      ),
    );
  },
};

/** A journal data consent given ten days ago: valid through the day before its anniversary; withdrawing is one click. */
export const Given: Story = {
  ...referralStory((api, id) => seedConsent(api, id, 'journal_data', 'given', { at: daysAgo(10) })),
  play: async ({ canvasElement }) => {
    const s = await journal(await widget(canvasElement));
    await expect(await s.findByText(/^Givet /, { selector: '.state-pill' })).toBeTruthy();
    await expect(s.getByText(/^Gælder til og med \d+\. \S+ \d{4}\.$/)).toBeTruthy();
    await expect(s.getByRole('button', { name: 'Træk samtykket tilbage' })).toBeTruthy();
  },
};

export const Declined: Story = {
  ...referralStory((api, id) => seedConsent(api, id, 'wellbeing_data', 'declined', { at: daysAgo(3), method: 'paper_noted' })),
  play: async ({ canvasElement }) => {
    const s = await wellbeing(await widget(canvasElement));
    await expect(await s.findByText(/^Afslået /, { selector: '.state-pill' })).toBeTruthy();
    await expect(s.getByRole('button', { name: 'Borgeren giver samtykke' })).toBeTruthy();
  },
};

export const Withdrawn: Story = {
  ...referralStory((api, id) => seedConsent(api, id, 'wellbeing_data', 'given', { at: daysAgo(40), withdrawnAt: daysAgo(2) })),
  play: async ({ canvasElement }) => {
    const s = await wellbeing(await widget(canvasElement));
    await expect(await s.findByText(/^Trukket tilbage /, { selector: '.state-pill' })).toBeTruthy();
    await expect(s.getAllByRole('listitem')[0]!.textContent).toMatch(/Trukket tilbage .* af Sofie Kjær\.$/);
  },
};

/** A journal data consent lapses one year after it was given; a new one can be given. */
export const Expired: Story = {
  ...referralStory((api, id) => seedConsent(api, id, 'journal_data', 'given', { at: daysAgo(400) })),
  play: async ({ canvasElement }) => {
    const s = await journal(await widget(canvasElement));
    await expect(await s.findByText(/^Udløbet \(gjaldt til og med /)).toBeTruthy();
    await expect(s.getByRole('button', { name: 'Borgeren giver samtykke' })).toBeTruthy();
  },
};

const english = referralStory();
export const English: Story = {
  ...english,
  args: { ...english.args, locale: 'en' },
  play: async ({ canvasElement }) => {
    const ui = await widget(canvasElement);
    const s = await section(ui, 'Consent to well-being data');
    await expect(s.getByText(consentText('wellbeing_data', 'en').title)).toBeTruthy();
    await expect(s.getByText('Not asked yet')).toBeTruthy();
  },
};

/** The server refuses (here: a citizen under 18, for whom no evaluation data are collected); the reason shows inline. */
const refused = referralStory(() => {}, minorContext);
export const ServerRefused: Story = {
  ...refused,
  args: { ...refused.args, context: minorContext, onConsentRecorded: fn() },
  play: async ({ canvasElement, args }) => {
    const s = await journal(await widget(canvasElement));
    await userEvent.click(s.getByLabelText('Underskrevet på papir og noteret her'));
    await userEvent.click(s.getByRole('button', { name: 'Borgeren giver samtykke' }));
    await expect((await s.findByRole('alert')).textContent).toBe(
      'Der indsamles ikke data til resultatopfølgningen for borgere under 18 år.',
    );
    await expect(args.onConsentRecorded).not.toHaveBeenCalled();
  },
};
