import { describe, expect, it } from 'vitest';
import { canMoveOfferLink, type OfferLink } from './offer-link.js';

const by = { id: 'n', name: 'Sofie Kjær', role: 'navigator' as const, orgId: 'norddjurs-navigatorer' };
const started = (at: string): Pick<OfferLink, 'state' | 'history'> => ({
  state: 'started',
  history: [
    { state: 'proposed', at: '2026-03-01T09:00:00.000Z', by },
    { state: 'started', at, by },
  ],
});

describe('canMoveOfferLink', () => {
  it('goes proposed → started → attending at 3 months, or to stopped from any of them, and never back', () => {
    const proposed = { state: 'proposed' as const, history: [] };
    expect(canMoveOfferLink(proposed, 'started', new Date())).toBe(true);
    expect(canMoveOfferLink(proposed, 'stopped', new Date())).toBe(true);
    expect(canMoveOfferLink(proposed, 'attending_3_months', new Date('2030-01-01'))).toBe(false);
    expect(canMoveOfferLink({ state: 'stopped', history: [] }, 'started', new Date())).toBe(false);
  });

  it('counts "attending at 3 months" from the start of the Danish day 3 months after the start', () => {
    // Started 10 March 2026 at 23:30 Danish time (22:30 UTC): 3 months → 10 June, which begins at 22:00 UTC on 9 June.
    const link = started('2026-03-10T22:30:00.000Z');
    expect(canMoveOfferLink(link, 'attending_3_months', new Date('2026-06-09T21:59:59Z'))).toBe(false);
    expect(canMoveOfferLink(link, 'attending_3_months', new Date('2026-06-09T22:00:00Z'))).toBe(true);
  });
});
