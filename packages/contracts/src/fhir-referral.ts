import { closeReasonLabels, rejectReasonLabels } from './course-labels.js';
import {
  HENVIS_FHIR,
  SDOHCC,
  SDOHCC_PROFILES,
  narrative,
  navigatorOrgRef,
  patientRef,
  requesterRef,
  type CodeableConcept,
  type Coding,
  type FhirParties,
  type FhirResource,
  type Identifier,
  type Reference,
} from './fhir.js';
import { reasonLabels, statusLabels } from './labels.js';
import type { Referral, ReferralReason } from './referral.js';
import type { ReferralStatus } from './referral-status.js';

/**
 * The referral as the Gravity Project's SDOH Clinical Care guide models a referral for social care: the request as
 * a ServiceRequest, its closed-loop status as a Task (TaskForReferralManagement), both for the citizen, requested
 * by the referrer's PractitionerRole and performed by the navigator organisation.
 */

/** Henvis's referral statuses, as Task.businessStatus. */
export const REFERRAL_STATUS_SYSTEM = `${HENVIS_FHIR}/CodeSystem/referral-status`;
/** Henvis's reasons for referral, as ServiceRequest.reasonCode. */
export const REFERRAL_REASON_SYSTEM = `${HENVIS_FHIR}/CodeSystem/referral-reason`;
/** Why a course ended (closed, rejected or cancelled), as Task.statusReason. */
export const STATUS_REASON_SYSTEM = `${HENVIS_FHIR}/CodeSystem/status-reason`;
/** The referral's id. */
export const REFERRAL_ID_SYSTEM = `${HENVIS_FHIR}/NamingSystem/referral`;
/** SNOMED CT 871731000000106 |Referral to social prescribing service (procedure)|. */
export const SOCIAL_PRESCRIBING_REFERRAL: Coding = {
  system: 'http://snomed.info/sct',
  code: '871731000000106',
  display: 'Referral to social prescribing service',
};
const SDOHCC_CODES = `${SDOHCC}/CodeSystem/SDOHCC-CodeSystemTemporaryCodes`;

/** The SDOH category (SDOHCC ValueSet SDOHCategory) each reason for referral falls under. */
const sdohCategories: Record<ReferralReason, { code: string; display: string }> = {
  loneliness: { code: 'social-connection', display: 'Social Connection' },
  inactivity: { code: 'social-connection', display: 'Social Connection' },
  low_wellbeing: { code: 'stress', display: 'Stress' },
  grief_or_loss: { code: 'social-connection', display: 'Social Connection' },
  life_change: { code: 'stress', display: 'Stress' },
  mental_strain: { code: 'stress', display: 'Stress' },
  other: { code: 'sdoh-category-unspecified', display: 'SDOH Category Unspecified' },
};

export type FhirRequestStatus = 'active' | 'completed' | 'revoked' | 'entered-in-error';
/** Task statuses SDOHCC allows for a referral (TaskStatus without ready and received). */
export type FhirTaskStatus = 'requested' | 'accepted' | 'in-progress' | 'completed' | 'rejected' | 'cancelled' | 'entered-in-error';

/** How a course ended, from its terminal event. */
export interface Ending {
  reason: string;
  at: string;
}

const cancelledInError = (status: ReferralStatus, ending: Ending | undefined) =>
  status === 'cancelled' && ending?.reason === 'entered_in_error';

export function requestStatusOf(status: ReferralStatus, ending?: Ending): FhirRequestStatus {
  if (cancelledInError(status, ending)) return 'entered-in-error';
  if (status === 'closed') return 'completed';
  if (status === 'rejected' || status === 'cancelled') return 'revoked';
  return 'active';
}

export function taskStatusOf(status: ReferralStatus, ending?: Ending): FhirTaskStatus {
  if (cancelledInError(status, ending)) return 'entered-in-error';
  switch (status) {
    case 'sent':
    case 'received':
      return 'requested';
    case 'accepted':
      return 'accepted';
    case 'contacted':
    case 'plan_made':
    case 'linked':
      return 'in-progress';
    case 'closed':
      return 'completed';
    case 'rejected':
      return 'rejected';
    case 'cancelled':
      return 'cancelled';
  }
}

export interface FhirServiceRequest extends FhirResource<'ServiceRequest'> {
  identifier: Identifier[];
  status: FhirRequestStatus;
  intent: 'order';
  category: CodeableConcept[];
  code: CodeableConcept;
  subject: Reference;
  authoredOn: string;
  requester: Reference;
  performer: Reference[];
  reasonCode: CodeableConcept[];
  supportingInfo?: Reference[];
  note?: { text: string }[];
}

/** The referral as SDOHCC ServiceRequest; `consentIds` are the consents recorded for it (supportingInfo). */
export function referralToFhir(
  referral: Referral,
  parties: FhirParties,
  consentIds: readonly string[],
  ending?: Ending,
): FhirServiceRequest {
  const categories = [...new Map(referral.reasons.map((r) => [sdohCategories[r].code, sdohCategories[r]])).values()];
  return {
    resourceType: 'ServiceRequest',
    id: referral.id,
    meta: { profile: [SDOHCC_PROFILES.serviceRequest] },
    text: narrative([
      `Social henvisning fra ${referral.referrer.name}, ${referral.practice.name}, ${referral.createdAt}.`,
      `Årsager: ${referral.reasons.map((r) => reasonLabels.da[r]).join(', ')}.`,
      `Status: ${statusLabels.da[referral.status]}.`,
    ]),
    identifier: [{ system: REFERRAL_ID_SYSTEM, value: referral.id }],
    status: requestStatusOf(referral.status, ending),
    intent: 'order',
    category: categories.map(({ code, display }) => ({ coding: [{ system: SDOHCC_CODES, code, display }] })),
    code: { coding: [SOCIAL_PRESCRIBING_REFERRAL], text: 'Social henvisning' },
    subject: patientRef(parties),
    authoredOn: referral.createdAt,
    requester: requesterRef(parties),
    performer: [navigatorOrgRef(parties)],
    reasonCode: referral.reasons.map((r) => ({
      coding: [{ system: REFERRAL_REASON_SYSTEM, code: r, display: reasonLabels.da[r] }],
      text: reasonLabels.da[r],
    })),
    ...(consentIds.length > 0 ? { supportingInfo: consentIds.map((id) => ({ reference: `Consent/${id}` })) } : {}),
    ...(referral.note ? { note: [{ text: referral.note }] } : {}),
  };
}

export interface FhirTask extends FhirResource<'Task'> {
  identifier: Identifier[];
  status: FhirTaskStatus;
  businessStatus: CodeableConcept;
  statusReason?: CodeableConcept;
  intent: 'order';
  code: CodeableConcept;
  focus: Reference;
  for: Reference;
  authoredOn: string;
  lastModified: string;
  requester: Reference;
  owner: Reference;
  executionPeriod: { start: string; end?: string };
}

const statusReasonLabels: Record<string, string> = { ...closeReasonLabels.da, ...rejectReasonLabels.da };

/**
 * The referral's closed-loop status as SDOHCC TaskForReferralManagement: the Task's status in FHIR's terms, and
 * Henvis's own step (received, accepted, contacted, plan made, linked, closed) as its businessStatus, with the
 * reason a course ended.
 */
export function referralTaskToFhir(referral: Referral, parties: FhirParties, ending?: Ending): FhirTask {
  const terminal = referral.status === 'closed' || referral.status === 'rejected' || referral.status === 'cancelled';
  const label = statusLabels.da[referral.status];
  return {
    resourceType: 'Task',
    id: referral.id,
    meta: { profile: [SDOHCC_PROFILES.task] },
    text: narrative([
      `Social henvisning: ${label}${ending ? ` (${statusReasonLabels[ending.reason] ?? ending.reason})` : ''}.`,
      `Senest ændret ${referral.updatedAt}.`,
    ]),
    identifier: [{ system: REFERRAL_ID_SYSTEM, value: referral.id }],
    status: taskStatusOf(referral.status, ending),
    businessStatus: { coding: [{ system: REFERRAL_STATUS_SYSTEM, code: referral.status, display: label }], text: label },
    ...(ending
      ? {
          statusReason: {
            coding: [{ system: STATUS_REASON_SYSTEM, code: ending.reason }],
            text: statusReasonLabels[ending.reason] ?? ending.reason,
          },
        }
      : {}),
    intent: 'order',
    code: { coding: [{ system: 'http://hl7.org/fhir/CodeSystem/task-code', code: 'fulfill', display: 'Fulfill the focal request' }] },
    focus: { reference: `ServiceRequest/${referral.id}` },
    for: patientRef(parties),
    authoredOn: referral.createdAt,
    lastModified: referral.updatedAt,
    requester: requesterRef(parties),
    owner: navigatorOrgRef(parties),
    executionPeriod: { start: referral.createdAt, ...(terminal ? { end: ending?.at ?? referral.updatedAt } : {}) },
  };
}

export interface FhirBundle extends Omit<FhirResource<'Bundle'>, 'text'> {
  type: 'collection';
  timestamp: string;
  entry: { fullUrl: string; resource: FhirResource }[];
}

/** Resources as one collection Bundle, each entry's fullUrl its address under `base` (the API's /fhir). */
export function collectionBundle(id: string, resources: readonly FhirResource[], base: string, at: Date): FhirBundle {
  return {
    resourceType: 'Bundle',
    id,
    type: 'collection',
    timestamp: at.toISOString(),
    entry: resources.map((resource) => ({ fullUrl: `${base}/${resource.resourceType}/${resource.id}`, resource })),
  };
}
