import { describe, expect, it } from 'vitest';
import { exampleNewReferral } from './examples.js';
import { Referral } from './referral.js';
import { referralView, type StoredReferral } from './referral-view.js';

const stored = (patch: Partial<StoredReferral> = {}): StoredReferral => ({
  id: '7d0f6f4e-3c1b-4e7a-9b1e-2f6a8c9d0e1f',
  status: 'accepted',
  createdAt: new Date('2026-11-20T09:30:00Z'),
  updatedAt: new Date('2026-11-21T08:00:00Z'),
  practice: { id: '045678', name: 'Lægehuset Grenaa', ydernummer: '045678' },
  referrer: { id: 'demo-doctor', name: 'Mette Holm', role: 'doctor', authorisationId: '0C4F1' },
  content: exampleNewReferral,
  flags: [],
  ...patch,
});

describe('referralView', () => {
  it('shows the referral as sent, with the birth date and the age from the CPR number, valid against the schema', () => {
    const view = referralView(stored());
    expect(Referral.safeParse(view).success).toBe(true);
    expect(view).toMatchObject({
      id: '7d0f6f4e-3c1b-4e7a-9b1e-2f6a8c9d0e1f',
      status: 'accepted',
      createdAt: '2026-11-20T09:30:00.000Z',
      updatedAt: '2026-11-21T08:00:00.000Z',
      patient: { cpr: '010190-2345', name: 'Karen Jensen', birthDate: '1990-01-01', ageAtReferral: 36 },
      reasons: ['loneliness', 'inactivity'],
      contact: exampleNewReferral.contact,
      companion: 'yes',
    });
    expect(view).not.toHaveProperty('content');
  });

  it('gives the age on the day the referral was created, not today nor on its last change', () => {
    const minor = { ...exampleNewReferral, patient: { cpr: '150610-4321', name: 'Oliver Lund' } };
    const before = referralView(
      stored({ content: minor, createdAt: new Date('2026-06-14T12:00:00Z'), updatedAt: new Date('2030-01-01T00:00:00Z') }),
    );
    expect(before.patient).toEqual({ cpr: '150610-4321', name: 'Oliver Lund', birthDate: '2010-06-15', ageAtReferral: 15 });
    expect(referralView(stored({ content: minor, createdAt: new Date('2026-06-15T12:00:00Z') })).patient.ageAtReferral).toBe(16);
  });

  it('carries the inclusion flags as judged at creation, and no consent: consents are records of their own', () => {
    const view = referralView(stored({ flags: ['not_motivated', 'outside_area'] }));
    expect(view.flags).toEqual(['not_motivated', 'outside_area']);
    expect(view).not.toHaveProperty('consent');
  });

  it('names the navigator who took it, but not their organisation, and no owner before anyone took it', () => {
    const owned = referralView(stored({ owner: { id: 'n-1', name: 'Sofie Kjær', orgId: 'norddjurs-navigatorer' } }));
    expect(owned.owner).toEqual({ id: 'n-1', name: 'Sofie Kjær' });
    expect(Referral.safeParse(owned).success).toBe(true);
    expect(referralView(stored({ owner: null }))).not.toHaveProperty('owner');
    expect(referralView(stored())).not.toHaveProperty('owner');
  });
});
