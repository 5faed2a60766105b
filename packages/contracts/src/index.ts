export { CPR_OID, CPR_PATTERN, ageOn, cprCentury, parseCpr } from './cpr.js';
export type { CprError, CprInfo, CprResult, CprWarning } from './cpr.js';

export {
  AuthorisationId,
  CprNumber,
  EmailAddress,
  Gln,
  Id,
  IdempotencyKey,
  Instant,
  PhoneNumber,
  SOR_OID,
  SorCode,
  YDERNUMMER_OID,
  Ydernummer,
  glnCheckDigit,
  isGln,
} from './identifiers.js';

export { ConsultationContext, Contact, Patient, Practice, Practitioner, Role } from './context.js';
export { adminRoles, isPracticeRole, navigatorRoles, practiceRoles, roles } from './roles.js';
export type { AdminRole, NavigatorRole, PracticeRole } from './roles.js';

export {
  ReferralStatus,
  TransitionRequest,
  cancelReasons,
  checkTransition,
  closeReasons,
  courseRefusal,
  isAllowedTransition,
  mayTransition,
  nextStatuses,
  referralStatuses,
  rejectReasons,
  terminalStatuses,
} from './referral-status.js';
export type { TransitionCheck } from './referral-status.js';

export {
  Actor,
  AssignRequest,
  InclusionChecklist,
  CourseGlance,
  LIKELY_DUPLICATE_DAYS,
  LikelyDuplicate,
  ListReferralsQuery,
  ListedReferral,
  ReferralSearch,
  NewReferral,
  Referral,
  ReferralEvent,
  ReferralEventList,
  ReferralPage,
  caseloadSorts,
  inclusionFlags,
  inclusionFlagsFor,
  referralReasons,
  referralSorts,
} from './referral.js';
export type { InclusionFlag, ReferralReason, ReferralSort } from './referral.js';
export { referralView } from './referral-view.js';
export type { StoredReferral } from './referral-view.js';

export { ConsentList, ConsentRecord, ConsentTextDocument, ConsentTextQuery, Disclosure, NewConsent } from './consent.js';
export {
  collectsEvaluationData,
  consentExpiry,
  consentKinds,
  consentMethods,
  consentRefusal,
  consentSettings,
  consentValidity,
  lastValidDay,
  mayWithdraw,
  newConsentRecord,
} from './consent-rules.js';
export type { ConsentKind, ConsentRefusal, ConsentValidity, NewConsentRecord } from './consent-rules.js';
export {
  CONSENT_TEXT_VERSION,
  consentText,
  consentTextCatalogue,
  consentTextHash,
  consentTextOf,
  consentTextPath,
  consentTextString,
} from './consent-texts.js';
export type { ConsentText, ConsentTextCatalogue, ConsentTextEdition } from './consent-texts.js';
export {
  AUTHORISATION_SYSTEM,
  CONSENT_TEXT_HASH_EXTENSION,
  CPR_SYSTEM,
  HENVIS_FHIR,
  KL_FINDING_INFORMER_EXTENSION,
  KL_QUESTIONNAIRE_RESPONSE_PROFILE,
  NAVIGATOR_ORG_SYSTEM,
  PERSON_SYSTEM,
  ROLE_SYSTEM,
  SDOHCC,
  SDOHCC_PROFILES,
  SOR_SYSTEM,
  YDERNUMMER_SYSTEM,
  consentToFhir,
  fhirId,
  narrative,
  organizationsToFhir,
  patientToFhir,
  requesterToFhir,
  who5ScoreObservationId,
  who5ScoreToFhir,
  who5ToFhir,
} from './fhir.js';
export type {
  CodeableConcept,
  Coding,
  ConsentTextAttachment,
  FhirConsent,
  FhirObservation,
  FhirOrganization,
  FhirParties,
  FhirPatient,
  FhirPractitionerRole,
  FhirQuestionnaireResponse,
  FhirResource,
} from './fhir.js';
export {
  REFERRAL_ID_SYSTEM,
  REFERRAL_REASON_SYSTEM,
  REFERRAL_STATUS_SYSTEM,
  SOCIAL_PRESCRIBING_REFERRAL,
  STATUS_REASON_SYSTEM,
  collectionBundle,
  referralTaskToFhir,
  referralToFhir,
  requestStatusOf,
  taskStatusOf,
} from './fhir-referral.js';
export type { Ending, FhirBundle, FhirServiceRequest, FhirTask } from './fhir-referral.js';

export { DANISH_TIME_ZONE, addMonths, addYears, danishDate, startOfDanishDay } from './danish-time.js';

export { FollowUpList, FollowUpQuery, NewWho5Response, Who5Answers, Who5List, Who5Response } from './who5.js';
export {
  KL_TOOLS_CODE_SYSTEM,
  WHO5_QUESTIONNAIRE_URL,
  WHO5_RELEVANT_CHANGE,
  WHO5_SNOMED_CODE,
  scoreWho5,
  who5AnswerSteps,
  who5Change,
  who5FollowUpLate,
  who5FollowUpState,
  who5FollowUpWindow,
  who5Items,
  who5List,
  who5Refusal,
} from './who5-rules.js';
export type { FollowUpState, Who5Band, Who5Refusal, Who5Score } from './who5-rules.js';

export { NewOffer, Offer, OfferList, OfferQuery, offerChanges, offerMatches, offerParts } from './offer.js';
export type { OfferPart, Weekday } from './offer.js';

export { PROBLEM_TYPE_BASE, errorMessage, problem } from './error-catalog.js';
export { clientErrorCatalog, problemCodes, problemStatuses } from './error-codes.js';
export type { ClientErrorCode, HenvisErrorCode, ProblemCode } from './error-codes.js';
export { FieldError, Problem } from './problem.js';

export { fieldErrors, parseContract, parseErrorMap } from './field-errors.js';
export type { Locale, ParseResult } from './field-errors.js';

export {
  AdminTokenClaims,
  MAX_NAVIGATOR_TOKEN_LIFETIME_SECONDS,
  MAX_TOKEN_LIFETIME_SECONDS,
  TOKEN_ALGORITHMS,
  TOKEN_TYPE,
  TokenClaims,
} from './token.js';
export {
  LAUNCH_FORM_FIELD,
  LAUNCH_PATH,
  LAUNCH_TOKEN_ALGORITHMS,
  LAUNCH_TOKEN_TYPE,
  LaunchAccessToken,
  LaunchClaims,
  LaunchContext,
  LaunchTheme,
  MAX_LAUNCH_TOKEN_LIFETIME_SECONDS,
  launchProblemCodes,
} from './launch.js';

export { exampleNewReferral, exampleTransitions } from './examples.js';

export { jsonSchemaOf } from './json-schema.js';

export { Message, MessageList, NewMessage } from './message.js';
export {
  ContactLog,
  ContactLogEntry,
  FirstContactList,
  FirstContactQuery,
  NewContactLogEntry,
  USUAL_CONTACTS,
  contactKinds,
  contactOutcomes,
  reachedCitizen,
} from './contact.js';
export type { ContactKind, ContactOutcome } from './contact.js';
export { FIRST_CONTACT_WORKING_DAYS, danishPublicHolidays, firstContactDueAt, isWorkingDay } from './working-days.js';
export { CurrentPlan, NewPlan, Plan } from './plan.js';
export { NextStepItem, NextStepList, NextStepQuery } from './next-steps.js';
export { NewUnmetNeed, UnmetNeed, UnmetNeedSummary } from './unmet-need.js';
export { categoriesByName, categoryCodes, categoryLabels, categoryOf, isCategory } from './category-taxonomy.js';
export type { Category } from './category-taxonomy.js';
export { liveEventTypes, parseLiveEvent } from './live-event.js';
export { EventPosition, ListLiveEventsQuery, LiveEventPage, LiveEventRecord } from './live-event-page.js';
export type { LiveEvent, LiveEventType } from './live-event.js';
export {
  IssuedWebhookSecret,
  NavigatorOrgId,
  NavigatorOrgService,
  NavigatorOrgServiceEnd,
  NavigatorOrganisation,
  NavigatorOrganisationChange,
  NavigatorOrganisationList,
  NewNavigatorOrgService,
  NewWebhookSubscription,
  PracticeId,
  TrustedIssuerInfo,
  TrustedIssuerKey,
  TrustedIssuerList,
  WebhookSecret,
  WebhookSecretInfo,
  WebhookSecretRotation,
  WebhookSubscription,
  WebhookSubscriptionChange,
  WebhookSubscriptionId,
  WebhookSubscriptionList,
  WebhookUrl,
} from './tenant-admin.js';
export {
  NewOfferLink,
  OfferLink,
  OfferLinkChange,
  OfferLinkList,
  agreedOfferLinks,
  canMoveOfferLink,
  offerLinkStates,
} from './offer-link.js';
export type { OfferLinkState } from './offer-link.js';
export {
  HENVIS_TAXONOMY,
  HSDS_TIME_ZONE,
  categoryTaxonomyTerms,
  hsdsFieldOf,
  hsdsServicePage,
  hsdsToNewOffer,
  offerToHsds,
  withoutRepeatedSchedules,
} from './hsds.js';
export { HsdsService, HsdsServicePage } from './hsds-service.js';
export { Health } from './health.js';
export { HsdsImportQuery, HsdsImportReport, hsdsImportOutcomes } from './hsds-import.js';
export type { HsdsImportOutcome } from './hsds-import.js';
export { hsdsServicesFromTables, hsdsTableColumns, hsdsTables, parseCsv } from './hsds-tabular.js';
export type { HsdsSource, HsdsTable } from './hsds-tabular.js';
export { hsdsDataPackage, hsdsResources } from './hsds-datapackage.js';
export type { HsdsDataResource, HsdsTableField } from './hsds-datapackage.js';
export { danishRegionOf, danishRegions } from './danish-region.js';
export type { DanishRegion } from './danish-region.js';
export { danishOffsetPeriods, danishUtcOffset } from './danish-offset-periods.js';
export type { UtcOffsetPeriod } from './danish-offset-periods.js';
export { inclusionFlagLabels, reasonLabels, statusLabels } from './labels.js';
export { closeReasonLabels, contactKindLabels, offerLinkStateLabels, rejectReasonLabels } from './course-labels.js';
export { Colleague, ColleagueList, NavigatorOrgContact } from './staff.js';
export { Count, MeasuresQuery, Measures, Month, PILOT_GOALS, Ratio, measureDefinitions } from './measures.js';
export {
  MIN_VALUES_FOR_STATISTIC,
  SMALL_CELL,
  isSmallCell,
  publishCount,
  publishPartition,
  publishRatio,
  publishRunningSums,
  publishStatistic,
  smallCellRule,
} from './small-cells.js';
export type { PublishedCount, PublishedRatio } from './small-cells.js';
export {
  RESEARCH_K,
  ResearchExport,
  ResearchExportRequest,
  ageBand,
  generalisationLevels,
  kAnonymity,
  periodOf,
  researchColumns,
  sexOfCpr,
} from './research-export.js';
export type { Generalisation, KAnonymity, QuasiIdentifiers, ResearchColumn, ResearchRow } from './research-export.js';
export { csvField, toCsv } from './csv.js';
export { Day, RefusalActor, RefusalBurst, RefusalGroup, Refusals, RefusalsQuery } from './refusals.js';
export { REFUSALS_DEFAULT_DAYS, REFUSALS_MAX_DAYS, REFUSAL_BURST_RULE, refusalOutcomes } from './refusal-rules.js';
export type { RefusalOutcome } from './refusal-rules.js';
export {
  AcknowledgementIssue,
  CareCommunicationExport,
  CareCommunicationMessage,
  MedComAcknowledgement,
  MedComAcknowledgementList,
  MedComAcknowledgementRecord,
  MedComAddress,
  MedComDirectory,
  acknowledgementCodes,
  dialogueParts,
} from './medcom.js';
export type { AcknowledgementCode, DialoguePart } from './medcom.js';
