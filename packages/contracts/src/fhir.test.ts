import { describe, expect, it } from 'vitest';
import type { ConsentRecord } from './consent.js';
import { CONSENT_TEXT_HASH_EXTENSION, consentToFhir, who5ToFhir, type FhirParties } from './fhir.js';
import type { Who5Response } from './who5.js';
import { KL_TOOLS_CODE_SYSTEM, WHO5_QUESTIONNAIRE_URL } from './who5-rules.js';

const navigator = { id: 'demo-navigator', name: 'Sofie Kjær', role: 'navigator' as const };
const record: ConsentRecord = {
  id: '0b7f4c1e-6a43-4b8e-9a51-0d3c2f1e9a10',
  referralId: '7d7c2a4e-1f0b-4b7a-8a0e-3c9f6e5d4b21',
  kind: 'journal_data',
  decision: 'given',
  setting: 'navigator_conversation',
  method: 'signed_on_screen',
  textVersion: '2026-11-1',
  locale: 'da',
  textHash: 'a'.repeat(64),
  decidedAt: '2026-03-10T13:00:00.000Z',
  expiresAt: '2027-03-09T23:00:00.000Z',
  informedBy: navigator,
};

const text = { title: 'Samtykke', data: 'U2FtdHlra2U=', size: 8, hash: 'b64-sha1' };
const parties: FhirParties = {
  patientId: 'c0ffee',
  patient: { cpr: '010190-2345', name: 'Karen Jensen' },
  practice: { id: '045678', name: 'Lægehuset Grenaa', ydernummer: '045678' },
  referrer: { id: 'u-17', name: 'Mette Holm', role: 'doctor', authorisationId: '0C4F1' },
  navigatorOrg: { id: 'norddjurs-navigatorer', name: 'Norddjurs Kommune' },
};

describe('consentToFhir', () => {
  it('gives an active R4 Consent with the period it permits, the law it rests on and the hash of the text', () => {
    const fhir = consentToFhir(record, parties, text, new Date('2026-06-01T00:00:00Z'));
    expect(fhir).toMatchObject({
      resourceType: 'Consent',
      status: 'active',
      patient: { reference: 'Patient/c0ffee', display: 'Karen Jensen' },
      organization: [{ reference: 'Organization/norddjurs-navigatorer' }],
      policy: [{ authority: 'https://www.retsinformation.dk', uri: 'https://www.retsinformation.dk/eli/lta/2024/247' }],
      provision: { type: 'permit', period: { start: '2026-03-10T13:00:00.000Z', end: '2027-03-09T23:00:00.000Z' } },
    });
    expect(fhir.extension).toEqual([{ url: CONSENT_TEXT_HASH_EXTENSION, valueString: 'a'.repeat(64) }]);
  });

  it("attaches the text of the consent's own version, inline, with its title and version", () => {
    expect(consentToFhir(record, parties, text, new Date('2026-06-01T00:00:00Z')).sourceAttachment).toEqual({
      contentType: 'text/plain; charset=utf-8',
      language: 'da',
      title: 'Samtykke (version 2026-11-1)',
      data: 'U2FtdHlra2U=',
      size: 8,
      hash: 'b64-sha1',
    });
    // A version the caller does not hold: still the Consent, naming its version, with no text to attach.
    expect(consentToFhir(record, parties, undefined, new Date('2026-06-01T00:00:00Z')).sourceAttachment).toEqual({
      contentType: 'text/plain; charset=utf-8',
      language: 'da',
      title: 'version 2026-11-1',
    });
  });

  it('is inactive once expired or withdrawn; declined, it is active and denies', () => {
    expect(consentToFhir(record, parties, text, new Date('2027-03-09T23:00:00Z')).status).toBe('inactive');
    const withdrawn = consentToFhir(
      { ...record, withdrawnAt: '2026-04-01T08:00:00.000Z', withdrawnBy: navigator },
      parties,
      text,
      new Date('2026-06-01T00:00:00Z'),
    );
    expect(withdrawn).toMatchObject({ status: 'inactive', provision: { period: { end: '2026-04-01T08:00:00.000Z' } } });
    const declined = consentToFhir({ ...record, decision: 'declined' }, parties, text, new Date('2026-06-01T00:00:00Z'));
    expect(declined).toMatchObject({ status: 'active', policyRule: { coding: [{ code: 'OPTOUT' }] }, provision: { type: 'deny' } });
    expect(declined.provision.period.end).toBeUndefined();
  });
});

describe('who5ToFhir', () => {
  it("answers KL's WHO-5 Questionnaire with KL's codes, as in KL's own example (Mark: 5, 3, 5, 5, 5)", () => {
    const response: Who5Response = {
      id: 'r1',
      referralId: record.referralId,
      kind: 'baseline',
      answers: [5, 3, 5, 5, 5],
      takenAt: '2026-03-10T13:00:00.000Z',
      late: false,
      recordedBy: navigator,
    };
    const fhir = who5ToFhir(response, parties);
    expect(fhir.questionnaire).toBe(WHO5_QUESTIONNAIRE_URL);
    expect(fhir.item.map((i) => [i.linkId, i.answer[0]!.valueCoding.code])).toEqual([
      ['happy', '0e5aa952-d470-4219-b275-5e8204d96987'],
      ['calm', '1ab11c78-6258-4069-9065-0f076833b133'],
      ['active', '3d3c13a6-befa-4a52-aef0-7e775ca11fdd'],
      ['rested', '7aaccc2e-ead3-41f0-a9ba-091f2e539753'],
      ['interest', '2ca88533-c048-4b2a-9ac2-2206b63a25ac'],
    ]);
    expect(fhir.item[1]!.answer[0]!.valueCoding).toEqual({
      system: KL_TOOLS_CODE_SYSTEM,
      code: '1ab11c78-6258-4069-9065-0f076833b133',
      display: 'WHO-5 Lidt mere end halvdelen af tiden - 3 (rolig)',
    });
  });
});
