import { errorMessage, PROBLEM_TYPE_BASE } from './error-catalog.js';
import { clientErrorCatalog, problemStatuses, type ClientErrorCode, type HenvisErrorCode, type ProblemCode } from './error-codes.js';

// docs/errors.md, rendered from the catalogue: each code's status and messages come from error-codes.ts and
// error-catalog.ts, and what a developer does about it from here (a Record over every code, so a new code without
// advice does not compile). Not exported from the package: error-docs.test.ts holds docs/errors.md to it, and
// `node scripts/error-table.mjs` writes it.

/** What the calling code (or its developer) does about each error. */
const whatToDo: Record<HenvisErrorCode, string> = {
  malformed_json: 'Send a body that parses as JSON.',
  validation_failed: 'Correct the fields named in `errors` (each with its path and code); the same body fails again.',
  invalid_query: 'Correct the query parameters named in `errors`; the list filters are in [api.md](api.md).',
  invalid_cursor: 'Load the first page again; use a cursor only with the list and filters it came from.',
  idempotency_key_missing: 'Send an `Idempotency-Key` header, a new UUID per new referral (the SDK does).',
  idempotency_key_invalid: 'Use 8-255 letters, digits and `. _ : -`, such as a UUID.',
  idempotency_key_reused: 'Use a new key for a new referral; reuse a key only to retry the very same body.',
  idempotency_in_flight: 'Retry shortly with the same key: the first request is still being processed.',
  token_missing: "Send `Authorization: Bearer <token>` with a token from your backend's token endpoint.",
  token_invalid: 'Sign with a key whose public half the API trusts, with ES256, RS256 or PS256 and its `kid`; send the token unchanged.',
  token_expired: 'Get a new token and retry (the SDK asks `getToken({ refresh: true })` once by itself).',
  token_issuer_untrusted: "Add your issuer and its JWKS to the API's `HENVIS_TRUSTED_ISSUERS`, with `iss` exactly as configured.",
  token_audience_invalid: 'Sign for the audience the API expects (`HENVIS_AUDIENCE`, by default `henvis-api`).',
  token_claims_invalid:
    "Include `typ: at+jwt`, `exp`, `iat`, `sub`, `role` and `org`, and let a token live at most 15 minutes (a navigator's identity provider: 5).",
  token_mfa_required:
    'Log in with multi-factor authentication, and have the identity provider say so in `amr` or `acr` ([login.md](login.md)).',
  launch_token_missing: 'Post the launch token as the form field `launch` (application/x-www-form-urlencoded), never in the URL.',
  launch_token_too_long: 'Sign each launch token right before the post, with `exp` at most 60 seconds after `iat`.',
  launch_token_replayed: 'Sign a new launch token, with a new `jti`, for every launch; a reloaded or re-sent form needs a new one too.',
  launch_session_missing: "Open Henvis from the journal again: the vendor's backend signs a new launch token.",
  launch_cross_origin: 'Call `/launch/context` and `/launch/token` only from the launched page (same origin, with its cookie).',
  role_not_allowed: 'Call it as a user whose role may (the roles per endpoint are in [api.md](api.md)).',
  patient_context_mismatch: "Send the referral for the consultation's patient, or sign a token for this patient.",
  not_found: 'Check the id; a resource of another organisation is answered the same way.',
  route_not_found: 'Check the path against `GET /openapi.json`.',
  invalid_url: 'Percent-encode the path as RFC 3986 says (`encodeURIComponent` for each segment).',
  uri_too_long: 'Send ids as the API gave them; text such as a search goes in a POST body, never in the URL.',
  headers_too_large: 'Send a shorter URL (search with `POST /v1/referrals/search`) and only the headers the API reads.',
  malformed_request: 'Send HTTP/1.1 as RFC 9112 says; this is usually a proxy or a hand-written client.',
  request_timeout: 'Send the whole request at once; the SDK does. Retry on a better connection.',
  cors_preflight_invalid: 'Leave preflights to the browser; it sends both headers.',
  method_not_allowed: 'Use a method `GET /openapi.json` lists for the path (the `Allow` header names them).',
  invalid_transition:
    'Read the referral again and move it only along the allowed status changes (`checkTransition` in `@henvis/contracts`).',
  transition_forbidden_for_role: 'Leave this status change to the side that makes it (`checkTransition` says which).',
  consent_text_mismatch: 'Show the current consent text of that version and language, and send the SHA-256 of exactly that text.',
  consent_not_withdrawable: 'Read the consent history again; only a given consent that is not withdrawn can be withdrawn.',
  wellbeing_consent_missing: "Record the citizen's well-being data consent first, then the WHO-5 answers.",
  wellbeing_consent_withdrawn: 'Store no more WHO-5 answers for this citizen.',
  journal_data_consent_invalid: 'Disclose no record data; `detail` says why, and a valid journal data consent must be recorded first.',
  under_18_no_data: 'Record no consents or WHO-5 answers for this citizen; the referral itself stands.',
  who5_baseline_exists: "Record the answers as a follow-up (`kind: 'follow_up'`).",
  who5_follow_up_exists: 'Nothing: the course has both its measurements.',
  research_project_unknown: 'Ask the operator which projects are configured (`HENVIS_RESEARCH_PROJECTS`).',
  k_anonymity_not_met: 'Export again when more citizens have consented, or for a longer period; the groups in `errors` hold fewer than 5.',
  who5_follow_up_not_due: 'Take the follow-up from the day in `detail` (6 Danish calendar months after the baseline) on.',
  offer_not_found: 'Search the catalogue again; the offer may have been retired.',
  offer_link_state_invalid:
    'Read the linked offers again and move the link along proposed → started → attending at 3 months, or to stopped.',
  message_not_found: 'Reply to a message of this referral, or leave `inReplyTo` out.',
  medcom_address_missing:
    'Add the organisation named in `detail` to HENVIS_MEDCOM_DIRECTORY (its SOR code, GLN and phone); before a navigator takes the referral, it goes to the only organisation serving the practice.',
  acknowledgement_invalid:
    'Send the Acknowledgement Bundle as the receiver returned it: MessageHeader first (event `acknowledgement-message`, `response`), its sender the Organization with the SOR code the message was sent to, and the OperationOutcome of an error.',
  acknowledged_message_unknown:
    "Post it under the referral whose export holds the message (`GET /v1/referrals/{id}/care-communications`); response.identifier is that message's MessageHeader id.",
  acknowledgement_conflict:
    'Send each Acknowledgement with the id the receiver gave it; a retransmission with the same content is answered 200.',
  service_overlaps:
    'Read the organisation (`GET /v1/admin/navigator-organisations/{id}`): end its current service of the practice, or start the new one at or after the last one ended.',
  service_end_invalid: "Send a `validTo` at or after the service's `validFrom`, or none (now).",
  webhook_subscription_exists: 'Choose another id, or change the existing subscription with `PUT /v1/admin/webhooks/{id}`.',
  webhook_url_insecure: "Give the receiver's https URL.",
  referral_not_accepted: 'Accept the referral (take it) first, then log the contact.',
  contact_in_future: 'Send the time the contact took place, not later than now.',
  who5_baseline_missing: "Record a baseline (`kind: 'baseline'`) first.",
  payload_too_large: 'Send a smaller body; for a referral, a shorter note.',
  unsupported_media_type: 'Send `content-type: application/json` (an HSDS import: the type of its format).',
  rate_limited: 'Wait the seconds in `Retry-After`, then retry.',
  too_many_attempts:
    'Fix the token (the failures before this were 401s saying why), wait the seconds in `Retry-After`, then retry; every request from the address is refused until then.',
  internal_error:
    'A retry may fail the same way: retry once later (with the same Idempotency-Key for a create); if it fails again, tell the operator the time of the call.',
  service_unavailable: 'Retry after a short wait (the SDK retries idempotent calls with backoff).',
  network_error:
    "Check the connection, the API's URL and that it allows the page's origin (CORS); a queued referral is sent when it is back.",
  timeout: 'Retry; on a slow network give the client a longer `timeoutMs`.',
  delivery_cancelled: 'Tell the user the referral was not sent, so they send it again.',
  delivery_expired: 'Tell the user the referral was not sent, so they send it again.',
  unexpected_response: "Check that `apiUrl` is the Henvis API's address (not a proxy's or a login page).",
  loader_url_conflict: 'Load the widget from one URL on a page: the first `loadHenvis` call fixes it.',
};

const cell = (text: string) => text.replaceAll('|', '\\|').replaceAll('\n', ' ');
const row = (code: HenvisErrorCode, status: string) =>
  `| <a id="${code}"></a>\`${code}\` | ${status} | ${cell(errorMessage(code, 'en'))} | ${cell(errorMessage(code, 'da'))} | ${cell(whatToDo[code])} |`;
const header = ['| code | HTTP | English | Danish | what to do |', '| --- | --- | --- | --- | --- |'];

/** The text of docs/errors.md. */
export function errorTable(): string {
  const problems = (Object.keys(problemStatuses) as ProblemCode[]).map((code) => row(code, String(problemStatuses[code])));
  const client = (Object.keys(clientErrorCatalog) as ClientErrorCode[]).map((code) => row(code, '—'));
  return [
    '# Error codes',
    '',
    '<!-- Generated from @henvis/contracts (error-codes.ts, error-catalog.ts, error-docs.ts) by `node scripts/error-table.mjs`; do not edit. -->',
    '',
    'Every error has a stable `code`. The API sends it in `application/problem+json`, whose `type` is this page with',
    `the code as its anchor (\`${PROBLEM_TYPE_BASE}<code>\`); the SDK's \`HenvisError\` carries the same codes, and`,
    "`errorMessage(code, 'da' | 'en')` gives the message for people. See [api.md](api.md#errors) for the shape of an error.",
    '',
    '## From the API',
    '',
    ...header,
    ...problems,
    '',
    '## From the SDK',
    '',
    'Raised by the SDK itself when no answer, or no usable one, came from the API; never sent by it.',
    '',
    ...header,
    ...client,
    '',
  ].join('\n');
}
