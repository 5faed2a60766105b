// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Referral } from '@henvis/contracts';
import { HenvisError, type HenvisClient } from '@henvis/sdk';
import { Inbox, type InboxContext } from '../client-context.js';
import { CourseActions } from './course-actions.js';

const referral = { id: '11111111-1111-4111-8111-111111111111', status: 'sent' } as Referral;

function setup(r: Referral) {
  const fake = {
    transitionReferral: vi.fn<HenvisClient['transitionReferral']>(async () => r),
    listColleagues: vi.fn<HenvisClient['listColleagues']>(async () => [
      { id: 'n1', name: 'Sofie Kjær', role: 'navigator' as const },
      { id: 'n2', name: 'Rasmus Friis', role: 'navigator' as const },
    ]),
    reassignReferral: vi.fn<HenvisClient['reassignReferral']>(async () => r),
    getPlan: vi.fn<HenvisClient['getPlan']>(async () => ({
      referralId: r.id,
      version: 2,
      savedAt: '2026-11-20T10:00:00Z',
      savedBy: { id: 'n1', name: 'Sofie Kjær', role: 'navigator', orgId: 'norddjurs' },
      goals: 'Gå en tur med andre',
      bridgeBuilder: false,
      companion: true,
      nextStep: 'Gåklubben',
      nextStepDate: '2026-12-01',
      endCriterion: 'Når Karen går fast i gåklubben uden følgeskab',
    })),
  };
  const onChange = vi.fn();
  const user: InboxContext['user'] = { sub: 'n1', name: 'Sofie Kjær', role: 'navigator', org: { id: 'norddjurs', name: 'Norddjurs' } };
  render(
    <Inbox.Provider value={{ client: fake as Partial<HenvisClient> as HenvisClient, user }}>
      <CourseActions referral={r} onChange={onChange} />
    </Inbox.Provider>,
  );
  return { client: fake, onChange };
}

afterEach(cleanup);

describe('what the navigator can do with a referral', () => {
  it('accepts a sent referral by receiving it and then taking it', async () => {
    const { client, onChange } = setup(referral);
    fireEvent.click(screen.getByRole('button', { name: 'Acceptér og tag borgeren' }));
    await waitFor(() => expect(onChange).toHaveBeenCalled());
    expect(client.transitionReferral.mock.calls.map((c) => c[1])).toEqual([{ to: 'received' }, { to: 'accepted' }]);
  });

  it('shows the referral as received when taking it fails half-way, so a retry starts from there', async () => {
    const { client, onChange } = setup(referral);
    client.transitionReferral
      .mockResolvedValueOnce({ ...referral, status: 'received' })
      .mockRejectedValueOnce(new HenvisError('invalid_transition', { status: 409 }));
    fireEvent.click(screen.getByRole('button', { name: 'Acceptér og tag borgeren' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/.+/);
    expect(onChange).toHaveBeenCalledTimes(1);
  });

  it('rejects with a reason and a message to the GP, and shows a refusal', async () => {
    const { client, onChange } = setup({ ...referral, status: 'received' });
    fireEvent.click(screen.getByRole('button', { name: 'Afvis henvisningen' }));
    fireEvent.change(screen.getByLabelText('Årsag til afvisning'), { target: { value: 'outside_area' } });
    fireEvent.input(screen.getByLabelText('Besked til lægen om afvisningen'), { target: { value: 'Borgeren bor i Aarhus.' } });
    client.transitionReferral.mockRejectedValueOnce(new HenvisError('invalid_transition', { status: 409 }));
    fireEvent.click(screen.getByRole('button', { name: 'Afvis og send til lægen' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/.+/);
    expect(onChange).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Afvis og send til lægen' }));
    await waitFor(() => expect(onChange).toHaveBeenCalled());
    expect(client.transitionReferral).toHaveBeenLastCalledWith(referral.id, {
      to: 'rejected',
      reason: 'outside_area',
      note: 'Borgeren bor i Aarhus.',
    });
  });

  it('closes a course with a reason and the summary that goes back to the GP', async () => {
    const { client, onChange } = setup({ ...referral, status: 'linked', owner: { id: 'n1', name: 'Sofie Kjær' } });
    expect(screen.queryByRole('button', { name: 'Acceptér og tag borgeren' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Afslut forløbet' }));
    expect(await screen.findByText('Aftalt slutkriterium: Når Karen går fast i gåklubben uden følgeskab')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Afslutningsårsag'), { target: { value: 'joined_community' } });
    fireEvent.input(screen.getByLabelText(/Afslutningsnotat til lægen/), { target: { value: 'Karen går fast i gåklubben.' } });
    fireEvent.click(screen.getByRole('button', { name: 'Afslut og send notat til lægen' }));
    await waitFor(() => expect(onChange).toHaveBeenCalled());
    expect(client.transitionReferral).toHaveBeenCalledWith(referral.id, {
      to: 'closed',
      reason: 'joined_community',
      note: 'Karen går fast i gåklubben.',
    });
  });

  it('hands the citizen to a colleague other than the owner', async () => {
    const { client, onChange } = setup({ ...referral, status: 'contacted', owner: { id: 'n1', name: 'Sofie Kjær' } });
    fireEvent.click(screen.getByRole('button', { name: 'Giv videre til en kollega' }));
    await screen.findByRole('option', { name: 'Rasmus Friis' });
    expect(screen.queryByRole('option', { name: 'Sofie Kjær' })).toBeNull();
    fireEvent.change(screen.getByLabelText('Kollega'), { target: { value: 'n2' } });
    fireEvent.click(screen.getByRole('button', { name: 'Giv videre' }));
    await waitFor(() => expect(onChange).toHaveBeenCalled());
    expect(client.reassignReferral).toHaveBeenCalledWith(referral.id, { id: 'n2', name: 'Rasmus Friis' });
  });

  it('offers nothing on a closed course', () => {
    setup({ ...referral, status: 'closed' });
    expect(screen.getByText('Forløbet er afsluttet.')).toBeTruthy();
    expect(screen.queryAllByRole('button')).toEqual([]);
  });
});
