import { describe, expect, it } from 'vitest';
import { parseContract } from './field-errors.js';
import { NewPlan } from './plan.js';

const plan = { goals: 'Ud af huset.', bridgeBuilder: false, companion: false, nextStep: 'Ring igen.' };

describe("a plan's next step", () => {
  it('is a real day from the year 1900, as every instant is', () => {
    expect(parseContract(NewPlan, { ...plan, nextStepDate: '2026-12-03' }).ok).toBe(true);
    expect(parseContract(NewPlan, { ...plan, nextStepDate: '1900-01-01' }).ok).toBe(true);
    for (const nextStepDate of ['0000-01-01', '1899-12-31', '2026-02-30', '2026-12-03T10:00:00Z']) {
      expect(parseContract(NewPlan, { ...plan, nextStepDate }), nextStepDate).toMatchObject({
        ok: false,
        errors: [{ path: 'nextStepDate' }],
      });
    }
    expect(parseContract(NewPlan, { ...plan, nextStepDate: '0000-01-01' })).toMatchObject({ errors: [{ code: 'invalid_date' }] });
  });
});
