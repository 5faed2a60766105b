// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ContactLog, ContactLogEntry, Referral } from '@henvis/contracts';
import type { HenvisClient } from '@henvis/sdk';
import { Inbox, type InboxContext } from '../client-context.js';
import { ContactsSection } from './course-contacts.js';

const referral = { id: '11111111-1111-4111-8111-111111111111', status: 'accepted' } as Referral;
const by = { id: 'n1', name: 'Sofie Kjær', role: 'navigator', orgId: 'norddjurs' } as const;
const unanswered: ContactLogEntry = {
  id: '22222222-2222-4222-8222-222222222222',
  referralId: referral.id,
  kind: 'phone',
  outcome: 'not_reached',
  at: '2026-11-24T09:00:00Z',
  durationMinutes: 2,
  by,
};
const log: ContactLog = {
  items: [unanswered],
  count: 1,
  reachedCount: 0,
  usual: { min: 6, max: 12 },
  sentAt: '2026-11-23T09:00:00Z',
  firstContactDueAt: '2026-11-25T23:00:00Z',
  firstContactOverdue: false,
};

function setup() {
  const fake = {
    listContacts: vi.fn<HenvisClient['listContacts']>(async () => log),
    logContact: vi.fn<HenvisClient['logContact']>(async (_, contact) => ({ ...unanswered, ...contact, id: '3333' })),
  };
  const onChange = vi.fn();
  const user: InboxContext['user'] = { sub: 'n1', name: 'Sofie Kjær', role: 'navigator', org: { id: 'norddjurs', name: 'Norddjurs' } };
  render(
    <Inbox.Provider value={{ client: fake as Partial<HenvisClient> as HenvisClient, user }}>
      <ContactsSection referral={referral} onChange={onChange} />
    </Inbox.Provider>,
  );
  return { client: fake, onChange };
}

afterEach(cleanup);

describe('the contact log', () => {
  it('shows what came of each contact, and that a call nobody answered is no first contact', async () => {
    setup();
    const entry = await screen.findByRole('listitem');
    expect(entry.textContent).toMatch(/^Telefon · Ikke truffet · .+ · 2 min · Sofie Kjær$/);
    const summary = screen.getByText((_, element) => element?.tagName === 'P' && /^1 kontakt/.test(element.textContent));
    expect(summary.textContent).toMatch(/^1 kontakt \(typisk 6-12 i et forløb\), heraf 0 hvor borgeren blev truffetFørste kontakt senest /);
  });

  it('requires the outcome, with no choice made beforehand, and sends the one chosen', async () => {
    const { client, onChange } = setup();
    await screen.findByRole('listitem');
    fireEvent.click(screen.getByText('Registrér kontakt'));
    const outcome = within(screen.getByRole('group', { name: 'Udfald' }));
    const radios = outcome.getAllByRole<HTMLInputElement>('radio');
    expect(radios.map((r) => [r.labels?.[0]?.textContent, r.checked])).toEqual([
      ['Talt med borgeren', false],
      ['Ikke truffet', false],
      ['Lagt besked', false],
    ]);

    fireEvent.click(screen.getByRole('button', { name: 'Gem kontakt' }));
    const missing = await outcome.findByText('Vælg udfaldet: talte du med borgeren, eller blev borgeren ikke truffet?');
    expect(missing.getAttribute('class')).toBe('field-error');
    expect(screen.getByRole('group', { name: 'Udfald' }).getAttribute('aria-describedby')).toBe(missing.id);
    expect(radios.every((r) => r.getAttribute('aria-invalid') === 'true')).toBe(true);
    expect(client.logContact).not.toHaveBeenCalled();

    fireEvent.click(outcome.getByLabelText('Lagt besked'));
    expect(outcome.queryByText(/^Vælg udfaldet/)).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Gem kontakt' }));
    await waitFor(() => expect(onChange).toHaveBeenCalled());
    expect(client.logContact).toHaveBeenCalledTimes(1);
    expect(client.logContact.mock.calls[0]?.[1]).toMatchObject({ kind: 'phone', outcome: 'left_message', durationMinutes: 15 });
    // The next contact is a new choice, not the last one repeated.
    await waitFor(() => expect(radios.some((r) => r.checked)).toBe(false));
  });
});
