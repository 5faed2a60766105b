/** The status list in every state, with one story per referral status. */
import type { Meta, StoryObj } from '@storybook/preact-vite';
import { expect } from 'storybook/test';
import type { ReferralStatus } from '@henvis/contracts';
import { texts } from '../i18n.js';
import { Embedded, widget } from '../mocks/embedded.js';
import { apiHandlers, createMockApi, hangingListHandlers, offlineHandlers, seedReferral } from '../mocks/handlers.js';

const meta = {
  title: 'Widget/Status list',
  component: Embedded,
  args: { view: 'status', locale: 'da' },
  parameters: { msw: apiHandlers(createMockApi()) },
} satisfies Meta<typeof Embedded>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Empty: Story = {
  play: async ({ canvasElement }) => {
    const ui = await widget(canvasElement);
    await expect(await ui.findByText('Ingen sociale henvisninger for denne borger.')).toBeTruthy();
  },
};

export const Loading: Story = {
  parameters: { msw: hangingListHandlers },
  play: async ({ canvasElement }) => {
    const ui = await widget(canvasElement);
    await expect(await ui.findByText('Henter henvisninger…')).toBeTruthy();
  },
};

export const FetchFailed: Story = {
  parameters: { msw: offlineHandlers },
  play: async ({ canvasElement }) => {
    const ui = await widget(canvasElement);
    await expect(await ui.findByText('Henvisningerne kunne ikke hentes.', {}, { timeout: 10_000 })).toBeTruthy();
    await expect(ui.getByRole('button', { name: 'Prøv igen' })).toBeTruthy();
  },
};

/** One referral in `status`, with the timeline that led there. */
function inStatus(status: ReferralStatus): Story {
  const api = createMockApi();
  seedReferral(api, status);
  return {
    name: `Status: ${texts.da.status[status]}`,
    parameters: { msw: apiHandlers(api) },
    play: async ({ canvasElement }) => {
      const ui = await widget(canvasElement);
      const pill = await ui.findByText(texts.da.status[status], { selector: '.pill' });
      await expect(pill).toBeTruthy();
    },
  };
}

export const Sent = inStatus('sent');
export const Received = inStatus('received');
export const Accepted = inStatus('accepted');
export const Contacted = inStatus('contacted');
export const PlanMade = inStatus('plan_made');
export const Linked = inStatus('linked');
export const Closed = inStatus('closed');
export const Rejected = inStatus('rejected');
export const Cancelled = inStatus('cancelled');
