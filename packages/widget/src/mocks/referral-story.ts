import type { ConsultationContext } from '@henvis/contracts';
import { apiHandlers, createMockApi, demoContext, seedReferral, type MockApi } from './handlers.js';

/**
 * A story's own mock API with one referral, seeded by `seed`. The consents and WHO-5 answers are seeded again
 * before each render, so a story revisited in Storybook after its play function saved something starts over.
 */
export function referralStory(seed: (api: MockApi, referralId: string) => void = () => {}, context: ConsultationContext = demoContext) {
  const api = createMockApi();
  const referralId = seedReferral(api, 'contacted', context).id;
  const reseed = () => {
    api.consents = [];
    api.who5 = [];
    api.received = [];
    seed(api, referralId);
  };
  reseed();
  return { args: { referralId }, parameters: { msw: apiHandlers(api) }, beforeEach: reseed };
}

/** A 16-year-old: may be referred, but no evaluation data (consents, WHO-5) are collected. */
export const minorContext: ConsultationContext = { ...demoContext, patient: { cpr: '150610-4321', name: 'Oliver Lund' } };
