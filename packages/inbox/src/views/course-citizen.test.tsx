// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Referral } from '@henvis/contracts';
import type { HenvisClient } from '@henvis/sdk';
import { citizenMode, endCitizenMode, startCitizenMode } from '../citizen-mode.js';
import { Inbox, type InboxContext } from '../client-context.js';
import { CitizenWho5, initialsOf } from './course-citizen.js';

const referral = {
  id: '11111111-1111-4111-8111-111111111111',
  status: 'plan_made',
  patient: { cpr: '020285-1113', name: 'Ole Madsen', ageAtReferral: 41 },
  practice: { id: '045678', name: 'Lægehuset Grenaa' },
} as Referral;
const user: InboxContext['user'] = {
  sub: 'demo-navigator',
  name: 'Sofie Kjær',
  role: 'navigator',
  org: { id: 'norddjurs', name: 'Norddjurs' },
};

function showCitizenScreen() {
  startCitizenMode({ referralId: referral.id, handedOverBy: user.sub });
  const client = { getReferral: vi.fn<HenvisClient['getReferral']>(async () => referral) };
  render(
    <Inbox.Provider value={{ client: client as Partial<HenvisClient> as HenvisClient, user }}>
      <CitizenWho5 mode={citizenMode.value!} />
    </Inbox.Provider>,
  );
  return client;
}

afterEach(() => {
  cleanup();
  endCitizenMode();
});

describe("the citizen's screen (citizen mode)", () => {
  it('is kept in the tab, so a reload stays in it, and ended only by the hand-back', () => {
    startCitizenMode({ referralId: referral.id, handedOverBy: user.sub });
    expect(JSON.parse(sessionStorage.getItem('henvis-inbox-citizen-mode')!)).toEqual({ referralId: referral.id, handedOverBy: user.sub });
    endCitizenMode();
    expect(sessionStorage.getItem('henvis-inbox-citizen-mode')).toBeNull();
    expect(citizenMode.value).toBeNull();
  });

  it("shows none of the citizen's data, and gives the course back only for the initials of who handed it over", async () => {
    const client = showCitizenScreen();
    await waitFor(() => expect(client.getReferral).toHaveBeenCalledWith(referral.id, expect.anything()));
    expect(document.body.textContent).not.toMatch(/020285|Ole Madsen|Lægehuset Grenaa|Sofie Kjær/);
    fireEvent.click(screen.getByRole('button', { name: 'Giv skærmen tilbage til socialnavigatøren' }));
    expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Til socialnavigatøren' }));
    fireEvent.input(screen.getByLabelText('Dine initialer'), { target: { value: 'OM' } });
    fireEvent.click(screen.getByRole('button', { name: 'Tilbage til forløbet' }));
    expect(screen.getByRole('alert').textContent).toBe('Initialerne passer ikke til den, der gav borgeren skærmen.');
    expect(citizenMode.value).not.toBeNull();
    fireEvent.input(screen.getByLabelText('Dine initialer'), { target: { value: 's. k.' } });
    fireEvent.click(screen.getByRole('button', { name: 'Tilbage til forløbet' }));
    expect(citizenMode.value).toBeNull();
    expect(sessionStorage.getItem('henvis-inbox-citizen-mode')).toBeNull();
    expect(location.hash).toBe(`#/referrals/${referral.id}`);
  });

  it('goes back to the questionnaire when the hand-back was pressed by mistake', () => {
    showCitizenScreen();
    fireEvent.click(screen.getByRole('button', { name: 'Giv skærmen tilbage til socialnavigatøren' }));
    fireEvent.click(screen.getByRole('button', { name: 'Tilbage til skemaet' }));
    expect(screen.queryByRole('heading', { name: 'Til socialnavigatøren' })).toBeNull();
    expect(citizenMode.value).not.toBeNull();
  });

  it.each([
    ['Sofie Kjær', 'SK'],
    ['Anne-Marie Ørsted Bach', 'AMØB'],
    ['Jonas', 'J'],
  ])('takes the initials of %s as %s', (name, initials) => expect(initialsOf(name)).toBe(initials));
});
