import {
  CONSENT_TEXT_HASH_EXTENSION,
  KL_QUESTIONNAIRE_RESPONSE_PROFILE,
  SDOHCC_PROFILES,
  REFERRAL_REASON_SYSTEM,
  REFERRAL_STATUS_SYSTEM,
  ROLE_SYSTEM,
  STATUS_REASON_SYSTEM,
  cancelReasons,
  closeReasonLabels,
  closeReasons,
  narrative,
  reasonLabels,
  referralReasons,
  referralStatuses,
  roles,
  rejectReasonLabels,
  rejectReasons,
  statusLabels,
  type FhirResource,
} from '@henvis/contracts';

/** The API's version, as the OpenAPI document names it. */
const SERVER_VERSION = '1.0.0';

/**
 * Henvis's own FHIR definitions, served at /fhir so that a validator or a vendor can resolve every canonical URL
 * our resources use: the one extension (the SHA-256 of a consent's text) and the code systems of our codes.
 */

const PUBLISHER = 'Henvis';
const DATE = '2026-12-03';

/** The consent text hash extension (Consent.extension), as a StructureDefinition. */
const consentTextHashExtension = {
  resourceType: 'StructureDefinition',
  id: 'consent-text-sha256',
  text: narrative(['The SHA-256 (hex) of the exact consent text the citizen was shown, as Henvis recorded it.']),
  url: CONSENT_TEXT_HASH_EXTENSION,
  version: '1.0.0',
  name: 'ConsentTextSha256',
  title: 'Consent text SHA-256',
  status: 'active',
  date: DATE,
  publisher: PUBLISHER,
  description:
    'The SHA-256 (lowercase hex) of the exact consent text the citizen was shown, in UTF-8, as Henvis computed it when the consent was recorded. Attachment.hash carries SHA-1 only.',
  fhirVersion: '4.0.1',
  kind: 'complex-type',
  abstract: false,
  context: [{ type: 'element', expression: 'Consent' }],
  type: 'Extension',
  baseDefinition: 'http://hl7.org/fhir/StructureDefinition/Extension',
  derivation: 'constraint',
  differential: {
    element: [
      { id: 'Extension', path: 'Extension', short: 'SHA-256 of the consent text', min: 0, max: '1' },
      { id: 'Extension.extension', path: 'Extension.extension', max: '0' },
      { id: 'Extension.url', path: 'Extension.url', fixedUri: CONSENT_TEXT_HASH_EXTENSION },
      { id: 'Extension.value[x]', path: 'Extension.value[x]', min: 1, type: [{ code: 'string' }] },
    ],
  },
} as const;

function codeSystem(id: string, url: string, title: string, concepts: { code: string; display: string }[]) {
  return {
    resourceType: 'CodeSystem',
    id,
    text: narrative([title, ...concepts.map((c) => `${c.code}: ${c.display}`)]),
    url,
    version: '1.0.0',
    name: title.replace(/[^A-Za-z]/g, ''),
    title,
    status: 'active',
    date: DATE,
    publisher: PUBLISHER,
    caseSensitive: true,
    content: 'complete',
    count: concepts.length,
    concept: concepts,
  } as const;
}

const roleDisplays: Record<(typeof roles)[number], string> = {
  doctor: 'Læge',
  nurse: 'Sygeplejerske',
  midwife: 'Jordemoder',
  practice_staff: 'Klinikpersonale',
  navigator: 'Socialnavigatør',
  coordinator: 'Koordinator',
};

const statusReasonDisplay = (code: string) =>
  (closeReasonLabels.da as Record<string, string>)[code] ?? (rejectReasonLabels.da as Record<string, string>)[code] ?? code;

export const definitions: Record<string, Record<string, FhirResource & Record<string, unknown>>> = {
  StructureDefinition: { [consentTextHashExtension.id]: consentTextHashExtension },
  CodeSystem: Object.fromEntries(
    [
      codeSystem(
        'referral-status',
        REFERRAL_STATUS_SYSTEM,
        'Henvis referral status',
        referralStatuses.map((code) => ({ code, display: statusLabels.da[code] })),
      ),
      codeSystem(
        'referral-reason',
        REFERRAL_REASON_SYSTEM,
        'Henvis referral reason',
        referralReasons.map((code) => ({ code, display: reasonLabels.da[code] })),
      ),
      codeSystem(
        'role',
        ROLE_SYSTEM,
        'Henvis role',
        roles.map((code) => ({ code, display: roleDisplays[code] })),
      ),
      codeSystem(
        'status-reason',
        STATUS_REASON_SYSTEM,
        'Henvis status reason',
        [...new Set<string>([...closeReasons, ...rejectReasons, ...cancelReasons])].map((code) => ({
          code,
          display: statusReasonDisplay(code),
        })),
      ),
    ].map((cs) => [cs.id, cs]),
  ),
};

/** The resource types and reads the API serves at /fhir, as its CapabilityStatement says. */
export const servedTypes = [
  { type: 'ServiceRequest', profile: SDOHCC_PROFILES.serviceRequest },
  { type: 'Task', profile: SDOHCC_PROFILES.task },
  { type: 'Consent', profile: SDOHCC_PROFILES.consent },
  { type: 'QuestionnaireResponse', profile: KL_QUESTIONNAIRE_RESPONSE_PROFILE },
  { type: 'Observation' },
  { type: 'Bundle' },
  { type: 'StructureDefinition' },
  { type: 'CodeSystem' },
] as const;

/** The CapabilityStatement of /fhir: a read-only server of JSON resources, behind the API's bearer tokens. */
export function capabilityStatement(fhirBase: string) {
  return {
    resourceType: 'CapabilityStatement',
    id: 'henvis',
    text: narrative([`Henvis FHIR R4 API ${SERVER_VERSION}: reads of a referral's resources, with the API's bearer tokens.`]),
    url: `${fhirBase}/metadata`,
    version: SERVER_VERSION,
    name: 'HenvisFhirApi',
    title: 'Henvis FHIR API',
    status: 'active',
    date: DATE,
    publisher: PUBLISHER,
    kind: 'instance',
    software: { name: 'Henvis', version: SERVER_VERSION },
    implementation: { description: 'Henvis reference backend', url: fhirBase },
    fhirVersion: '4.0.1',
    format: ['application/fhir+json'],
    rest: [
      {
        mode: 'server',
        documentation:
          'Every read but metadata, StructureDefinition and CodeSystem needs the bearer token of the rest of the API (the journal vendor signs it; navigators sign in), sees only what the token may see, and is audited. A Bundle read by a referral id holds all its resources.',
        security: {
          service: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/restful-security-service', code: 'OAuth' }] }],
          description: 'Bearer JWT (ES256), as for /v1. See docs/api.md.',
        },
        resource: servedTypes.map((t) => ({
          type: t.type,
          ...('profile' in t ? { supportedProfile: [t.profile] } : {}),
          interaction: [{ code: 'read' }],
        })),
      },
    ],
  };
}
