import { describe, expect, it } from 'vitest';
import { NewContactLogEntry, contactOutcomes, reachedCitizen } from './contact.js';
import { parseContract } from './field-errors.js';

describe('what came of a contact', () => {
  it('counts only a contact that reached the citizen as a first contact', () => {
    expect(contactOutcomes.filter((outcome) => reachedCitizen({ outcome }))).toEqual(['reached']);
  });

  it('is always said: a contact without an outcome, or with an unknown one, is refused on the outcome field', () => {
    const contact = { kind: 'phone', at: '2026-11-25T09:30:00.000Z', durationMinutes: 5 };
    expect(parseContract(NewContactLogEntry, { ...contact, outcome: 'not_reached' })).toMatchObject({ ok: true });
    for (const outcome of [undefined, 'busy']) {
      const result = parseContract(NewContactLogEntry, { ...contact, outcome }, 'da');
      expect(!result.ok && result.errors.map((e) => e.path)).toEqual(['outcome']);
    }
  });
});
