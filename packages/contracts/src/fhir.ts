import type { ConsentRecord } from './consent.js';
import { consentValidity, type ConsentKind } from './consent-rules.js';
import type { Who5Response } from './who5.js';
import { KL_TOOLS_CODE_SYSTEM, WHO5_QUESTIONNAIRE_URL, who5AnswerSteps, who5Items } from './who5-rules.js';

/**
 * FHIR R4 views of consents and WHO-5 answers, so vendors and researchers can take them as standard resources.
 * Only the elements Henvis fills are typed.
 */

/** OID of the Danish CPR number as a FHIR identifier system. */
export const CPR_SYSTEM = 'urn:oid:1.2.208.176.1.2';
/** Extension carrying the SHA-256 (hex) of the exact consent text shown. */
export const CONSENT_TEXT_HASH_EXTENSION = 'https://henvis.dk/fhir/StructureDefinition/consent-text-sha256';

interface Coding {
  system: string;
  code: string;
  display?: string;
}
interface Reference {
  identifier?: { system: string; value: string };
  display?: string;
}

export interface FhirConsent {
  resourceType: 'Consent';
  id: string;
  status: 'active' | 'inactive' | 'rejected';
  scope: { coding: Coding[] };
  category: { coding: Coding[] }[];
  patient: Reference;
  dateTime: string;
  performer: Reference[];
  policy: { uri: string }[];
  policyRule: { coding: Coding[] };
  sourceAttachment: { contentType: string; language: string; title: string; data?: string; size?: number; hash?: string };
  extension: { url: string; valueString: string }[];
  provision: { type: 'permit' | 'deny'; period: { start: string; end?: string }; purpose: Coding[] };
}

/** The law each consent rests on (seed 004). */
const policies: Record<ConsentKind, { uri: string }[]> = {
  journal_data: [{ uri: 'https://danskelove.dk/sundhedsloven/42d' }, { uri: 'https://danskelove.dk/sundhedsloven/43' }],
  wellbeing_data: [{ uri: 'https://eur-lex.europa.eu/eli/reg/2016/679/oj' }, { uri: 'https://danskelove.dk/databeskyttelsesloven/11' }],
};

/**
 * The text a consent was given under, as its FHIR Attachment carries it inline. The caller encodes and hashes it:
 * R4's `Attachment.hash` is SHA-1, which browsers have no synchronous way to compute.
 */
export interface ConsentTextAttachment {
  /** The title of the text of the consent's own version. */
  title: string;
  /** The exact text (as hashed by `textHash`) in UTF-8, base64. */
  data: string;
  /** Bytes of that text before base64. */
  size: number;
  /** SHA-1 of those bytes, base64 (R4 `Attachment.hash`). */
  hash: string;
}

/**
 * A consent record as a FHIR R4 Consent: status and provision period at instant `at`, its legal basis, and the
 * text of its own version as `sourceAttachment` (only its version in the title when `text` is not at hand).
 */
export function consentToFhir(record: ConsentRecord, patientCpr: string, text: ConsentTextAttachment | undefined, at: Date): FhirConsent {
  const validity = consentValidity(record, at);
  const end = record.withdrawnAt ?? record.expiresAt;
  return {
    resourceType: 'Consent',
    id: record.id,
    status: record.decision === 'declined' ? 'rejected' : validity.valid ? 'active' : 'inactive',
    scope: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentscope', code: 'research', display: 'Research' }] },
    category: [{ coding: [{ system: 'http://loinc.org', code: '59284-0', display: 'Patient Consent' }] }],
    patient: { identifier: { system: CPR_SYSTEM, value: patientCpr.replace('-', '') } },
    dateTime: record.decidedAt,
    performer: [
      { identifier: { system: CPR_SYSTEM, value: patientCpr.replace('-', '') } },
      { display: `${record.informedBy.name} (${record.informedBy.role})` },
    ],
    policy: policies[record.kind],
    policyRule: {
      coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: record.decision === 'given' ? 'OPTIN' : 'OPTOUT' }],
    },
    sourceAttachment: {
      contentType: 'text/plain; charset=utf-8',
      language: record.locale,
      title: text ? `${text.title} (version ${record.textVersion})` : `version ${record.textVersion}`,
      ...(text ? { data: text.data, size: text.size, hash: text.hash } : {}),
    },
    extension: [{ url: CONSENT_TEXT_HASH_EXTENSION, valueString: record.textHash }],
    provision: {
      type: record.decision === 'given' ? 'permit' : 'deny',
      period: { start: record.decidedAt, ...(record.decision === 'given' && end ? { end } : {}) },
      purpose: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActReason', code: 'HRESCH', display: 'healthcare research' }],
    },
  };
}

export interface FhirQuestionnaireResponse {
  resourceType: 'QuestionnaireResponse';
  id: string;
  questionnaire: string;
  status: 'completed';
  subject: Reference;
  source: Reference;
  author: Reference;
  authored: string;
  item: { linkId: string; text: string; answer: { valueCoding: Coding }[] }[];
}

/** WHO-5 answers as a FHIR R4 QuestionnaireResponse to KL's WHO-5 Questionnaire, with KL's answer codes. */
export function who5ToFhir(response: Who5Response, patientCpr: string): FhirQuestionnaireResponse {
  const citizen: Reference = { identifier: { system: CPR_SYSTEM, value: patientCpr.replace('-', '') } };
  return {
    resourceType: 'QuestionnaireResponse',
    id: response.id,
    questionnaire: WHO5_QUESTIONNAIRE_URL,
    status: 'completed',
    subject: citizen,
    source: citizen,
    author: { display: `${response.recordedBy.name} (${response.recordedBy.role})` },
    authored: response.takenAt,
    item: who5Items.map((item, i) => {
      const value = response.answers[i];
      // The answer steps and an item's KL codes are both listed from 5 down to 0.
      const k = who5AnswerSteps.findIndex((s) => s.value === value);
      const step = who5AnswerSteps[k];
      const code = item.klCodes[k];
      if (value === undefined || step === undefined || code === undefined) {
        throw new Error(`WHO-5 response ${response.id}: the answer to ${item.linkId} is not one of 0-5`);
      }
      return {
        linkId: item.linkId,
        text: item.da,
        answer: [{ valueCoding: { system: KL_TOOLS_CODE_SYSTEM, code, display: `WHO-5 ${step.da} - ${value}` } }],
      };
    }),
  };
}
