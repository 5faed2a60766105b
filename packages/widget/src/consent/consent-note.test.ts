import { describe, expect, it } from 'vitest';
import type { ConsentRecord } from '@henvis/contracts';
import { consentRecordedNote, consentWithdrawnNote } from './consent-note.js';

const record = (patch: Partial<ConsentRecord> = {}): ConsentRecord => ({
  id: '6f1c1b7e-8a57-4f0e-9a43-2f4b8f0f7a11',
  referralId: 'b3a5e0e2-1c2d-4d3e-8f9a-0b1c2d3e4f50',
  kind: 'journal_data',
  decision: 'given',
  method: 'signed_on_screen',
  textVersion: '2026-11-1',
  locale: 'da',
  textHash: 'a'.repeat(64),
  decidedAt: '2026-11-24T10:00:00.000Z',
  expiresAt: '2027-11-23T23:00:00.000Z',
  informedBy: { id: 'n-1', name: 'Sofie Kjær', role: 'navigator' },
  setting: 'navigator_conversation',
  ...patch,
});

describe('consent journal notes', () => {
  it('says who informed, where, how it was given, the text version and until when it holds', () => {
    expect(consentRecordedNote(record())).toBe(
      'Samtykke til journaldata givet 24. nov. 2026, skriftligt (underskrevet på skærmen), efter information ved Sofie Kjær (socialnavigatør), ved første samtale med socialnavigatøren. Tekstversion 2026-11-1. Gælder til og med 23. nov. 2027.',
    );
  });

  it('names the consultation and the role in Danish when the GP informed', () => {
    const note = consentRecordedNote(
      record({ informedBy: { id: 'd-1', name: 'Mette Holm', role: 'doctor' }, setting: 'consultation', method: 'paper_noted' }),
    );
    expect(note).toContain('skriftligt (underskrevet på papir), efter information ved Mette Holm (læge), i konsultationen.');
  });

  it('has no end date for a well-being consent, which holds until withdrawn', () => {
    const { expiresAt: _, ...wellbeing } = record({ kind: 'wellbeing_data' });
    expect(consentRecordedNote(wellbeing)).toMatch(/^Samtykke til trivselsdata givet .* Gælder, indtil borgeren trækker det tilbage\.$/);
  });

  it('says that a no changes nothing about the referral', () => {
    const { expiresAt: _, ...declined } = record({ decision: 'declined' });
    expect(consentRecordedNote(declined)).toMatch(/^Samtykke til journaldata afslået .* Et nej ændrer intet ved den sociale henvisning\.$/);
  });

  it('notes a withdrawal with when, by whom and what it stops', () => {
    const note = consentWithdrawnNote(
      record({ withdrawnAt: '2027-01-05T08:00:00.000Z', withdrawnBy: { id: 'd-1', name: 'Mette Holm', role: 'doctor' } }),
    );
    expect(note).toBe(
      'Samtykke til journaldata (givet 24. nov. 2026) trukket tilbage 5. jan. 2027, registreret af Mette Holm (læge). Der må ikke indhentes eller videregives flere journaloplysninger på grundlag af samtykket. Det ændrer intet ved den sociale henvisning.',
    );
  });
});
