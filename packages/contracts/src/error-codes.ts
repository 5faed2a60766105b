/**
 * The HTTP status of every error Henvis returns. Codes are stable: the HTTP API sends them in problem+json, and
 * the SDK's typed errors carry them. Their messages are in error-catalog.ts, apart, so code that only needs to
 * know the codes (the SDK's request core, in the widget's first chunk) does not carry every message in two
 * languages.
 */
export const problemStatuses = {
  malformed_json: 400,
  validation_failed: 400,
  invalid_query: 400,
  invalid_cursor: 400,
  idempotency_key_missing: 400,
  idempotency_key_invalid: 400,
  idempotency_key_reused: 422,
  idempotency_in_flight: 409,
  token_missing: 401,
  token_invalid: 401,
  token_expired: 401,
  token_issuer_untrusted: 401,
  token_audience_invalid: 401,
  token_claims_invalid: 401,
  token_mfa_required: 401,
  launch_token_missing: 400,
  launch_token_too_long: 401,
  launch_token_replayed: 401,
  launch_session_missing: 401,
  launch_cross_origin: 403,
  role_not_allowed: 403,
  patient_context_mismatch: 403,
  not_found: 404,
  route_not_found: 404,
  invalid_url: 400,
  uri_too_long: 414,
  headers_too_large: 431,
  malformed_request: 400,
  request_timeout: 408,
  cors_preflight_invalid: 400,
  method_not_allowed: 405,
  invalid_transition: 409,
  transition_forbidden_for_role: 403,
  consent_text_mismatch: 422,
  consent_not_withdrawable: 409,
  wellbeing_consent_missing: 422,
  wellbeing_consent_withdrawn: 422,
  journal_data_consent_invalid: 422,
  under_18_no_data: 422,
  who5_baseline_exists: 409,
  who5_follow_up_exists: 409,
  who5_follow_up_not_due: 422,
  research_project_unknown: 422,
  k_anonymity_not_met: 422,
  offer_not_found: 422,
  offer_link_state_invalid: 409,
  message_not_found: 422,
  medcom_address_missing: 409,
  acknowledgement_invalid: 422,
  acknowledged_message_unknown: 422,
  acknowledgement_conflict: 409,
  service_overlaps: 409,
  service_end_invalid: 422,
  webhook_subscription_exists: 409,
  webhook_url_insecure: 422,
  referral_not_accepted: 409,
  contact_in_future: 422,
  who5_baseline_missing: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  too_many_attempts: 429,
  internal_error: 500,
  service_unavailable: 503,
} as const satisfies Record<string, number>;

export type ProblemCode = keyof typeof problemStatuses;

/** Errors the SDK raises itself, when no answer (or no usable one) came from the API. */
export const clientErrorCatalog = {
  network_error: {
    status: 0,
    en: 'The Henvis service could not be reached. Check the connection; a queued referral is sent when it is back.',
    da: 'Henvis kunne ikke nås. Tjek forbindelsen; en henvisning i kø sendes, når forbindelsen er tilbage.',
  },
  timeout: { status: 0, en: 'The Henvis service did not answer in time.', da: 'Henvis svarede ikke i tide.' },
  delivery_cancelled: {
    status: 0,
    en: 'The widget was closed before the referral could be delivered, so it was not sent. Send it again.',
    da: 'Henvisningen blev ikke sendt, fordi Henvis blev lukket, før den kunne leveres. Send den igen.',
  },
  delivery_expired: {
    status: 0,
    en: 'The referral could not be delivered within 24 hours and was dropped from the queue. Send it again.',
    da: 'Henvisningen kunne ikke leveres inden for 24 timer og er fjernet fra køen. Send den igen.',
  },
  unexpected_response: {
    status: 0,
    en: 'The Henvis service gave an answer the SDK does not understand.',
    da: 'Henvis gav et uventet svar.',
  },
  loader_url_conflict: {
    status: 0,
    en: 'Henvis is already loaded on this page from another URL. Load the widget from one URL only.',
    da: 'Henvis er allerede indlæst på siden fra en anden adresse.',
  },
} as const satisfies Record<string, { status: number; en: string; da: string }>;

export type ClientErrorCode = keyof typeof clientErrorCatalog;
/** Every error code a Henvis client can see: the API's and the SDK's own. */
export type HenvisErrorCode = ProblemCode | ClientErrorCode;

export const problemCodes = Object.keys(problemStatuses) as ProblemCode[];
