import { exampleNewReferral, type NewReferral } from '@henvis/contracts';

export const GRENAA = '045678';
export const AUNING = '045679';
export const OSTERBRO = '013456';
export const NORDDJURS = 'norddjurs-navigatorer';
export const SYDDJURS = 'syddjurs-navigatorer';

let counter = 0;
/** A fresh Idempotency-Key. */
export const key = () => `test-key-${Date.now()}-${++counter}`;

/** A valid referral, optionally for another (fictitious) citizen. */
export function referral(overrides: Partial<NewReferral> = {}): NewReferral {
  return { ...exampleNewReferral, ...overrides };
}

export const KAREN = '010190-2345';
export const OLE = '020285-1113';
