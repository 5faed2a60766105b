import type { ConsentRecord } from './consent.js';
import { consentValidity, type ConsentKind } from './consent-rules.js';
import { SOR_OID, YDERNUMMER_OID } from './identifiers.js';
import type { Practice, Practitioner } from './context.js';
import type { Who5Response } from './who5.js';
import { KL_TOOLS_CODE_SYSTEM, WHO5_QUESTIONNAIRE_URL, WHO5_SNOMED_CODE, scoreWho5, who5AnswerSteps, who5Items } from './who5-rules.js';

/**
 * FHIR R4 views of a referral's citizen, parties, consents and WHO-5 answers, so vendors, municipalities and
 * researchers take them as standard resources (the referral itself: fhir-referral.ts). Only the elements Henvis
 * fills are typed. Every resource has a narrative, and references are relative (`Patient/{id}`), resolved in the
 * referral's Bundle.
 */

/** OID of the Danish CPR number as a FHIR identifier system. */
export const CPR_SYSTEM = 'urn:oid:1.2.208.176.1.2';
/** The SOR register's codes (DK Core). */
export const SOR_SYSTEM = `urn:oid:${SOR_OID}`;
/** Ydernumre of GP practices. */
export const YDERNUMMER_SYSTEM = `urn:oid:${YDERNUMMER_OID}`;
/** The Danish Patient Safety Authority's authorisation register (autorisations-ID), as DK Core names it. */
export const AUTHORISATION_SYSTEM = 'https://autregweb.sst.dk';
/** Where Henvis's own FHIR definitions (extensions, code systems, naming systems) are named. */
export const HENVIS_FHIR = 'https://henvis.dk/fhir';
/** Extension carrying the SHA-256 (hex) of the exact consent text shown; its StructureDefinition is served. */
export const CONSENT_TEXT_HASH_EXTENSION = `${HENVIS_FHIR}/StructureDefinition/consent-text-sha256`;
/** Henvis's identifier of a navigator organisation (as its identity provider names it). */
export const NAVIGATOR_ORG_SYSTEM = `${HENVIS_FHIR}/NamingSystem/navigator-organisation`;
/** Henvis's roles (doctor, nurse, navigator...), as PractitionerRole.code. */
export const ROLE_SYSTEM = `${HENVIS_FHIR}/CodeSystem/role`;
/** Henvis's identifier of a person (the token issuer's subject). */
export const PERSON_SYSTEM = `${HENVIS_FHIR}/NamingSystem/person`;
/** KL's FindingInformer extension: who the source of a finding is (required on KL's QuestionnaireResponse). */
export const KL_FINDING_INFORMER_EXTENSION = 'http://fhir.kl.dk/ffinst/StructureDefinition/FindingInformer';
/** KL's QuestionnaireResponse profile for its questionnaires, WHO-5 among them. */
export const KL_QUESTIONNAIRE_RESPONSE_PROFILE = 'http://fhir.kl.dk/ffinst/StructureDefinition/KLToolsQuestionnaireResponse';
/** The Gravity Project's SDOH Clinical Care guide (3.0.0), whose profiles the referral's resources follow. */
export const SDOHCC = 'http://hl7.org/fhir/us/sdoh-clinicalcare';
/** The SDOHCC profiles Henvis's resources claim (meta.profile) and its CapabilityStatement names. */
export const SDOHCC_PROFILES = {
  serviceRequest: `${SDOHCC}/StructureDefinition/SDOHCC-ServiceRequest`,
  task: `${SDOHCC}/StructureDefinition/SDOHCC-TaskForReferralManagement`,
  consent: `${SDOHCC}/StructureDefinition/SDOHCC-Consent`,
} as const;

export interface Coding {
  system: string;
  code: string;
  display?: string;
}
export interface CodeableConcept {
  coding?: Coding[];
  text?: string;
}
export interface Identifier {
  system: string;
  value: string;
}
export interface Reference {
  reference?: string;
  identifier?: Identifier;
  display?: string;
}
export interface Narrative {
  status: 'generated';
  div: string;
}
export interface Extension {
  url: string;
  valueString?: string;
  valueCodeableConcept?: CodeableConcept;
}
/** What every resource Henvis serves has. */
export interface FhirResource<T extends string = string> {
  resourceType: T;
  id: string;
  meta?: { profile: string[] };
  text: Narrative;
}

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A generated narrative: one paragraph per line, escaped. */
export function narrative(lines: readonly string[]): Narrative {
  const body = lines.map((line) => `<p>${escapeXml(line)}</p>`).join('');
  return { status: 'generated', div: `<div xmlns="http://www.w3.org/1999/xhtml">${body}</div>` };
}

/** A FHIR id (`[A-Za-z0-9\-.]{1,64}`) for an identifier of ours, which may hold other characters. */
export function fhirId(value: string): string {
  const id = value.replace(/[^A-Za-z0-9.-]/g, '-').slice(0, 64);
  return id.length > 0 ? id : 'unknown';
}

/** The parties a referral's resources point at. */
export interface FhirParties {
  /** The citizen's Patient id: a keyed pseudonym of the CPR number, so no CPR number is in a URL. */
  patientId: string;
  patient: { cpr: string; name: string };
  practice: Practice;
  referrer: Practitioner;
  /** The navigator organisation serving the practice (the referral's performer and the consents' custodian). */
  navigatorOrg: { id: string; name?: string };
}

export const patientRef = (p: FhirParties): Reference => ({ reference: `Patient/${p.patientId}`, display: p.patient.name });
export const practiceRef = (p: FhirParties): Reference => ({ reference: `Organization/${practiceOrgId(p)}`, display: p.practice.name });
export const navigatorOrgRef = (p: FhirParties): Reference => ({
  reference: `Organization/${fhirId(p.navigatorOrg.id)}`,
  ...(p.navigatorOrg.name ? { display: p.navigatorOrg.name } : {}),
});
export const requesterRef = (p: FhirParties): Reference => ({
  reference: `PractitionerRole/${requesterRoleId(p)}`,
  display: p.referrer.name,
});
const practiceOrgId = (p: FhirParties) => fhirId(`practice-${p.practice.id}`);
const requesterRoleId = (p: FhirParties) => fhirId(`${p.practice.id}-${p.referrer.id}`);
const cprDigits = (cpr: string) => cpr.replace('-', '');

export interface FhirPatient extends FhirResource<'Patient'> {
  identifier: Identifier[];
  name: { text: string }[];
}
/** The citizen, by CPR number (DK Core's identifier system). */
export function patientToFhir(p: FhirParties): FhirPatient {
  return {
    resourceType: 'Patient',
    id: p.patientId,
    text: narrative([p.patient.name]),
    identifier: [{ system: CPR_SYSTEM, value: cprDigits(p.patient.cpr) }],
    name: [{ text: p.patient.name }],
  };
}

export interface FhirOrganization extends FhirResource<'Organization'> {
  identifier: Identifier[];
  name?: string;
  active: true;
}
/** The GP practice, by SOR code and ydernummer where known, and the navigator organisation, by Henvis's id. */
export function organizationsToFhir(p: FhirParties): [FhirOrganization, FhirOrganization] {
  const { practice, navigatorOrg } = p;
  return [
    {
      resourceType: 'Organization',
      id: practiceOrgId(p),
      text: narrative([`${practice.name} (lægepraksis)`]),
      identifier: [
        ...(practice.sorCode ? [{ system: SOR_SYSTEM, value: practice.sorCode }] : []),
        ...(practice.ydernummer ? [{ system: YDERNUMMER_SYSTEM, value: practice.ydernummer }] : []),
        { system: `${HENVIS_FHIR}/NamingSystem/practice`, value: practice.id },
      ],
      name: practice.name,
      active: true,
    },
    {
      resourceType: 'Organization',
      id: fhirId(navigatorOrg.id),
      text: narrative([`${navigatorOrg.name ?? navigatorOrg.id} (socialnavigatører)`]),
      identifier: [{ system: NAVIGATOR_ORG_SYSTEM, value: navigatorOrg.id }],
      ...(navigatorOrg.name ? { name: navigatorOrg.name } : {}),
      active: true,
    },
  ];
}

export interface FhirPractitionerRole extends FhirResource<'PractitionerRole'> {
  identifier: Identifier[];
  practitioner: Reference;
  organization: Reference;
  code: CodeableConcept[];
}
/** The referrer in the practice, with the authorisation ID of an authorised health professional. */
export function requesterToFhir(p: FhirParties): FhirPractitionerRole {
  const { referrer } = p;
  return {
    resourceType: 'PractitionerRole',
    id: requesterRoleId(p),
    text: narrative([`${referrer.name}, ${p.practice.name}`]),
    identifier: [{ system: PERSON_SYSTEM, value: referrer.id }],
    practitioner: {
      ...(referrer.authorisationId ? { identifier: { system: AUTHORISATION_SYSTEM, value: referrer.authorisationId } } : {}),
      display: referrer.name,
    },
    organization: practiceRef(p),
    code: [{ coding: [{ system: ROLE_SYSTEM, code: referrer.role }] }],
  };
}

export interface FhirConsent extends FhirResource<'Consent'> {
  status: 'active' | 'inactive';
  scope: CodeableConcept;
  category: CodeableConcept[];
  patient: Reference;
  dateTime: string;
  performer: Reference[];
  organization: Reference[];
  policy: { authority: string; uri: string }[];
  policyRule: CodeableConcept;
  verification: { verified: true; verifiedWith?: Reference; verificationDate: string }[];
  sourceAttachment: { contentType: string; language: string; title: string; url?: string; data?: string; size?: number; hash?: string };
  extension: Extension[];
  provision: {
    type: 'permit' | 'deny';
    period: { start: string; end?: string };
    actor: { role: CodeableConcept; reference: Reference }[];
    purpose: Coding[];
    class: Coding[];
    data: { meaning: 'related'; reference: Reference }[];
  };
}

/**
 * The law each consent rests on, as the official consolidated texts on retsinformation.dk (ELI) and EUR-Lex: the
 * Health Act (LBK nr. 247 af 12/03/2024) § 42 d and § 43 for record data; the GDPR art. 6(1)(a) and 9(2)(a) and
 * the Data Protection Act (lov nr. 502 af 23/05/2018) § 11 for WHO-5 answers.
 */
const policies: Record<ConsentKind, { authority: string; uri: string; cites: string }[]> = {
  journal_data: [
    {
      authority: 'https://www.retsinformation.dk',
      uri: 'https://www.retsinformation.dk/eli/lta/2024/247',
      cites: 'Sundhedsloven § 42 d og § 43',
    },
  ],
  wellbeing_data: [
    {
      authority: 'https://eur-lex.europa.eu',
      uri: 'http://data.europa.eu/eli/reg/2016/679/oj',
      cites: 'GDPR art. 6, stk. 1, litra a, og art. 9, stk. 2, litra a',
    },
    {
      authority: 'https://www.retsinformation.dk',
      uri: 'https://www.retsinformation.dk/eli/lta/2018/502',
      cites: 'Databeskyttelsesloven § 11',
    },
  ],
};

/** Which data each consent covers, as the resource types they are served as. */
const consentClasses: Record<ConsentKind, string[]> = {
  journal_data: ['ServiceRequest', 'Task', 'Observation'],
  wellbeing_data: ['QuestionnaireResponse', 'Observation'],
};
const kindTitles: Record<ConsentKind, string> = {
  journal_data: 'Samtykke til indhentning og videregivelse af journaloplysninger til evalueringen',
  wellbeing_data: 'Samtykke til behandling af trivselsoplysninger (WHO-5) til evalueringen',
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
 * A consent record as a FHIR R4 Consent shaped like SDOHCC Consent: status and provision period at instant `at`;
 * a declined consent is an active one whose provision denies; withdrawn or lapsed, it is inactive. It names the
 * custodian (the navigator organisation), the recipient, the data, its legal basis, who informed the citizen
 * (verification), and the text of its own version as `sourceAttachment` (only its version in the title, and its
 * URL, when the text is not at hand).
 */
export function consentToFhir(record: ConsentRecord, parties: FhirParties, text: ConsentTextAttachment | undefined, at: Date): FhirConsent {
  const validity = consentValidity(record, at);
  const given = record.decision === 'given';
  const end = record.withdrawnAt ?? record.expiresAt;
  const status = given && !validity.valid ? 'inactive' : 'active';
  return {
    resourceType: 'Consent',
    id: record.id,
    meta: { profile: [SDOHCC_PROFILES.consent] },
    text: narrative([
      kindTitles[record.kind],
      `${given ? 'Givet' : 'Afslået'} ${record.decidedAt}${record.withdrawnAt ? `, tilbagekaldt ${record.withdrawnAt}` : ''}.`,
      `Borgeren blev informeret af ${record.informedBy.name}. Tekstversion ${record.textVersion}.`,
      `Retsgrundlag: ${policies[record.kind].map((p) => p.cites).join('; ')}.`,
    ]),
    status,
    scope: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentscope', code: 'research', display: 'Research' }] },
    category: [
      { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'IDSCL', display: 'information disclosure' }] },
      { coding: [{ system: 'http://loinc.org', code: '59284-0', display: 'Patient Consent' }] },
    ],
    patient: patientRef(parties),
    dateTime: record.decidedAt,
    performer: [patientRef(parties)],
    organization: [navigatorOrgRef(parties)],
    policy: policies[record.kind].map(({ authority, uri }) => ({ authority, uri })),
    policyRule: {
      coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: given ? 'OPTIN' : 'OPTOUT' }],
    },
    verification: [
      {
        verified: true,
        verifiedWith: { identifier: { system: PERSON_SYSTEM, value: record.informedBy.id }, display: record.informedBy.name },
        verificationDate: record.decidedAt,
      },
    ],
    sourceAttachment: {
      contentType: 'text/plain; charset=utf-8',
      language: record.locale,
      title: text ? `${text.title} (version ${record.textVersion})` : `version ${record.textVersion}`,
      ...(record.textUrl ? { url: record.textUrl } : {}),
      ...(text ? { data: text.data, size: text.size, hash: text.hash } : {}),
    },
    extension: [{ url: CONSENT_TEXT_HASH_EXTENSION, valueString: record.textHash }],
    provision: {
      type: given ? 'permit' : 'deny',
      period: { start: record.decidedAt, ...(given && end ? { end } : {}) },
      actor: [
        {
          role: {
            coding: [
              { system: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType', code: 'IRCP', display: 'information recipient' },
            ],
          },
          reference: navigatorOrgRef(parties),
        },
      ],
      purpose: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActReason', code: 'HRESCH', display: 'healthcare research' }],
      class: consentClasses[record.kind].map((code) => ({ system: 'http://hl7.org/fhir/resource-types', code })),
      data: [{ meaning: 'related', reference: { reference: `ServiceRequest/${record.referralId}` } }],
    },
  };
}

export interface FhirQuestionnaireResponse extends FhirResource<'QuestionnaireResponse'> {
  extension: Extension[];
  questionnaire: string;
  status: 'completed';
  basedOn: Reference[];
  subject: Reference;
  source: Reference;
  author: Reference;
  authored: string;
  item: { linkId: string; text: string; answer: { valueCoding: Coding }[] }[];
}

/** KL's code for a finding whose source is the citizen (FindingInformerCodes "Borger"). */
const CITIZEN_INFORMER: Coding = { system: KL_TOOLS_CODE_SYSTEM, code: 'a3d30bf2-4a3c-4c49-9001-5363ae11681c', display: 'Borger' };

/** The words KL gives each item in its answer codes' display: "WHO-5 Lidt af tiden - 1 (glad)". */
const klItemWords: Record<string, string> = { happy: 'glad', calm: 'rolig', active: 'aktiv', rested: 'frisk', interest: 'interesseret' };

/**
 * WHO-5 answers as a FHIR R4 QuestionnaireResponse to KL's WHO-5 Questionnaire, as KL's profile asks: the citizen
 * as the finding's informer, and KL's answer codes with KL's display texts.
 */
export function who5ToFhir(response: Who5Response, parties: FhirParties): FhirQuestionnaireResponse {
  const citizen = patientRef(parties);
  const score = scoreWho5(response.answers);
  return {
    resourceType: 'QuestionnaireResponse',
    id: response.id,
    meta: { profile: [KL_QUESTIONNAIRE_RESPONSE_PROFILE] },
    text: narrative([
      `WHO-5 Trivselsindeks (${response.kind === 'baseline' ? 'baseline' : 'opfølgning'}), ${response.takenAt}`,
      ...who5Items.map((item, i) => `${item.da}: ${response.answers[i]}`),
      `Råscore ${score.raw}, procentscore ${score.percentage}.`,
    ]),
    extension: [{ url: KL_FINDING_INFORMER_EXTENSION, valueCodeableConcept: { coding: [CITIZEN_INFORMER] } }],
    questionnaire: WHO5_QUESTIONNAIRE_URL,
    status: 'completed',
    basedOn: [{ reference: `ServiceRequest/${response.referralId}` }],
    subject: citizen,
    source: citizen,
    author: { identifier: { system: PERSON_SYSTEM, value: response.recordedBy.id }, display: response.recordedBy.name },
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
        answer: [
          { valueCoding: { system: KL_TOOLS_CODE_SYSTEM, code, display: `WHO-5 ${step.da} - ${value} (${klItemWords[item.linkId]})` } },
        ],
      };
    }),
  };
}

export interface FhirObservation extends FhirResource<'Observation'> {
  status: 'final';
  category: CodeableConcept[];
  code: CodeableConcept;
  subject: Reference;
  effectiveDateTime: string;
  performer: Reference[];
  valueQuantity: { value: number; unit: string; system: string; code: string };
  component: { code: CodeableConcept; valueQuantity: { value: number; unit: string; system: string; code: string } }[];
  derivedFrom: Reference[];
}

/** The id of the score Observation of a WHO-5 response: the response's own id, as the two are one answer. */
export const who5ScoreObservationId = (responseId: string) => responseId;

/**
 * The WHO-5 score as an Observation derived from the QuestionnaireResponse, as KL's guide recommends for a score:
 * the percentage score (0-100) as the value, the raw score (0-25) as a component.
 */
export function who5ScoreToFhir(response: Who5Response, parties: FhirParties): FhirObservation {
  const score = scoreWho5(response.answers);
  const points = (value: number) => ({ value, unit: 'score', system: 'http://unitsofmeasure.org', code: '{score}' });
  return {
    resourceType: 'Observation',
    id: who5ScoreObservationId(response.id),
    text: narrative([`WHO-5 Trivselsindeks ${response.takenAt}: procentscore ${score.percentage}, råscore ${score.raw}.`]),
    status: 'final',
    category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'survey', display: 'Survey' }] }],
    code: {
      coding: [{ system: 'http://snomed.info/sct', code: WHO5_SNOMED_CODE, display: 'World Health Organization Five Well-Being Index' }],
      text: 'WHO-5 Trivselsindeks, procentscore',
    },
    subject: patientRef(parties),
    effectiveDateTime: response.takenAt,
    performer: [{ identifier: { system: PERSON_SYSTEM, value: response.recordedBy.id }, display: response.recordedBy.name }],
    valueQuantity: points(score.percentage),
    component: [{ code: { text: 'WHO-5 råscore (0-25)' }, valueQuantity: points(score.raw) }],
    derivedFrom: [{ reference: `QuestionnaireResponse/${response.id}` }],
  };
}
