import { describe, expect, it } from 'vitest';
import { hrefOf, parseRoute } from './router.js';

const id = '11111111-1111-4111-8111-111111111111';

describe("the inbox's addresses", () => {
  it('reads a course and the plan to print for its citizen, and writes them back', () => {
    expect(parseRoute(`#/referrals/${id}`)).toEqual({ view: 'course', id });
    expect(parseRoute(`#/referrals/${id}/plan`)).toEqual({ view: 'plan', id });
    expect(hrefOf({ view: 'plan', id })).toBe(`#/referrals/${id}/plan`);
    expect(hrefOf({ view: 'course', id })).toBe(`#/referrals/${id}`);
  });

  it('takes an address that is not a referral for the new referrals', () => {
    expect(parseRoute('#/referrals/not-an-id/plan')).toEqual({ view: 'new' });
  });
});
