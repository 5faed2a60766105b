/**
 * Every state of the widget, mounted through the real embed API (shadow root, theme, callbacks) against the msw
 * handlers the component tests use. `stories.test.tsx` runs each story and its play function in the unit tests.
 */
import type { Meta, StoryObj } from '@storybook/preact-vite';
import { expect, userEvent } from 'storybook/test';
import { Embedded, widget } from '../mocks/embedded.js';
import {
  apiHandlers,
  createMockApi,
  demoContext,
  offlineHandlers,
  seedReferral,
  refusedHandlers,
  serverErrorHandlers,
  slowSendHandlers,
} from '../mocks/handlers.js';

type Ui = Awaited<ReturnType<typeof widget>>;

async function openDialog(canvasElement: HTMLElement): Promise<Ui> {
  const ui = await widget(canvasElement);
  await userEvent.click(await ui.findByRole('button', { name: 'Social henvisning' }));
  await ui.findByRole('dialog');
  return ui;
}

async function referLoneliness(canvasElement: HTMLElement): Promise<Ui> {
  const ui = await openDialog(canvasElement);
  await userEvent.click(await ui.findByLabelText('Ensomhed'));
  await userEvent.click(ui.getByRole('button', { name: 'Send henvisning' }));
  return ui;
}

const meta = {
  title: 'Widget/Referral dialog',
  component: Embedded,
  args: { view: 'launcher', locale: 'da' },
  parameters: { msw: apiHandlers(createMockApi()) },
} satisfies Meta<typeof Embedded>;
export default meta;
type Story = StoryObj<typeof meta>;

/**
 * Nothing to prefill: the journal knows no phone or e-mail, so the GP is warned that the social navigator cannot
 * reach the citizen directly, and the missing contact shows as a flag; the checklist waits for the GP's ticks.
 */
export const Empty: Story = {
  args: { context: { ...demoContext, patient: { cpr: demoContext.patient.cpr, name: demoContext.patient.name } } },
  play: async ({ canvasElement }) => {
    const ui = await openDialog(canvasElement);
    await expect(ui.getByLabelText<HTMLInputElement>('Telefon').value).toBe('');
    await expect(ui.getByText(/Socialnavigatøren kan derfor ikke kontakte borgeren direkte/)).toBeTruthy();
    await expect(ui.getByText('Hverken telefon eller e-mail')).toBeTruthy();
    await expect(ui.getByLabelText<HTMLInputElement>('Borgeren er motiveret').checked).toBe(false);
  },
};

const alreadyReferred = createMockApi();
seedReferral(alreadyReferred, 'accepted');

/** The citizen has a referral under way: the dialog shows it before the GP sends another. */
export const AlreadyReferred: Story = {
  parameters: { msw: apiHandlers(alreadyReferred) },
  play: async ({ canvasElement }) => {
    const ui = await openDialog(canvasElement);
    await expect(await ui.findByRole('region', { name: 'Borgeren har allerede en åben henvisning' })).toBeTruthy();
    await expect(ui.getByText(/Socialnavigatør tildelt/)).toBeTruthy();
  },
};

/** The common case: patient, practice and referrer read-only from the journal; the phone prefilled. */
export const Prefilled: Story = {
  play: async ({ canvasElement }) => {
    const ui = await openDialog(canvasElement);
    await expect(ui.getByText(/^Karen Jensen, \d+ år$/)).toBeTruthy();
    await expect(ui.getByLabelText<HTMLInputElement>('Telefon').value).toBe('+45 20 30 40 50');
  },
};

export const ValidationErrors: Story = {
  play: async ({ canvasElement }) => {
    const ui = await openDialog(canvasElement);
    await userEvent.click(ui.getByRole('button', { name: 'Send henvisning' }));
    await expect(await ui.findByText('Ret de markerede felter.')).toBeTruthy();
    await expect(ui.getByRole('group', { name: /Årsag til henvisning/ }).getAttribute('aria-invalid')).toBe('true');
  },
};

export const Sending: Story = {
  parameters: { msw: slowSendHandlers },
  play: async ({ canvasElement }) => {
    const ui = await referLoneliness(canvasElement);
    await expect((await ui.findByRole<HTMLButtonElement>('button', { name: 'Sender…' })).disabled).toBe(true);
  },
};

/** Henvis cannot be reached: the referral waits in the page and goes when the connection is back. */
export const OfflineQueued: Story = {
  parameters: { msw: offlineHandlers },
  play: async ({ canvasElement }) => {
    const ui = await referLoneliness(canvasElement);
    await expect(await ui.findByText('Henvisningen er ikke sendt endnu', {}, { timeout: 10_000 })).toBeTruthy();
    await expect(ui.getByText('1 henvisning venter på at blive sendt')).toBeTruthy();
  },
};

export const Sent: Story = {
  play: async ({ canvasElement }) => {
    const ui = await referLoneliness(canvasElement);
    await expect(await ui.findByText('Henvisningen er sendt')).toBeTruthy();
  },
};

/** The server fails (500): the referral is kept and retried, as when offline. */
export const ServerError: Story = {
  parameters: { msw: serverErrorHandlers },
  play: async ({ canvasElement }) => {
    const ui = await referLoneliness(canvasElement);
    await expect(await ui.findByText('Henvisningen er ikke sendt endnu', {}, { timeout: 10_000 })).toBeTruthy();
  },
};

/** The server refuses (403): nothing is queued, the GP reads why in the dialog and keeps what was typed. */
export const ServerRefused: Story = {
  parameters: { msw: refusedHandlers('role_not_allowed') },
  play: async ({ canvasElement }) => {
    const ui = await referLoneliness(canvasElement);
    await expect(await ui.findByText('Din rolle må ikke udføre denne handling.')).toBeTruthy();
    await expect(ui.getByLabelText<HTMLInputElement>('Ensomhed').checked).toBe(true);
  },
};

export const English: Story = {
  args: { locale: 'en' },
  play: async ({ canvasElement }) => {
    const ui = await widget(canvasElement);
    await userEvent.click(await ui.findByRole('button', { name: 'Social prescribing' }));
    await expect(await ui.findByRole('dialog', { name: 'Social prescribing referral' })).toBeTruthy();
  },
};
