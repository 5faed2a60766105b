import { clientErrorCatalog, problemStatuses, type ClientErrorCode, type HenvisErrorCode, type ProblemCode } from './error-codes.js';
import type { FieldError, Problem } from './problem.js';

interface Messages {
  en: string;
  da: string;
}

/** The person-facing message of every error, in English and Danish. */
const problemMessages: Record<ProblemCode, Messages> = {
  malformed_json: { en: 'The request body is not valid JSON.', da: 'Forespørgslens indhold er ikke gyldig JSON.' },
  validation_failed: { en: 'Some fields are missing or invalid; see `errors`.', da: 'Nogle felter mangler eller er ugyldige.' },
  invalid_query: { en: 'The query parameters are invalid; see `errors`.', da: 'Søgeparametrene er ugyldige.' },
  invalid_cursor: {
    en: 'The page cursor is invalid or belongs to another list. Start from the first page.',
    da: 'Sidemarkøren er ugyldig. Start forfra på første side.',
  },
  idempotency_key_missing: {
    en: 'Send an Idempotency-Key header (for example a UUID) with every create.',
    da: 'Der mangler en Idempotency-Key-header.',
  },
  idempotency_key_invalid: {
    en: 'The Idempotency-Key must be 8-255 characters of letters, digits and . _ : -',
    da: 'Idempotency-Key har et ugyldigt format.',
  },
  idempotency_key_reused: {
    en: 'This Idempotency-Key was already used with a different request body. Use a new key for a new referral.',
    da: 'Denne Idempotency-Key er allerede brugt til en anden henvisning.',
  },
  idempotency_in_flight: {
    en: 'A request with this Idempotency-Key is still being processed. Retry shortly.',
    da: 'En forespørgsel med samme nøgle behandles stadig. Prøv igen om lidt.',
  },
  token_missing: { en: 'Send a bearer token in the Authorization header.', da: 'Der mangler et adgangstoken.' },
  token_invalid: {
    en: 'The token is malformed, unsigned, signed with an algorithm that is not allowed, or its signature does not verify.',
    da: 'Adgangstokenet er ugyldigt.',
  },
  token_expired: { en: 'The token has expired. Get a new one and retry.', da: 'Adgangstokenet er udløbet.' },
  token_issuer_untrusted: {
    en: 'The token was issued by an issuer this server does not trust.',
    da: 'Adgangstokenet er udstedt af en ukendt udsteder.',
  },
  token_audience_invalid: { en: 'The token was issued for another audience.', da: 'Adgangstokenet er udstedt til en anden modtager.' },
  token_claims_invalid: {
    en: "The token lacks a required claim (typ, exp, iat, sub, role, org) or lives longer than 15 minutes (5 for a navigator's login).",
    da: 'Adgangstokenet mangler oplysninger eller gælder for længe.',
  },
  token_mfa_required: {
    en: 'The identity provider must confirm a multi-factor login (amr "mfa") for this issuer.',
    da: 'Log ind med to-faktor-godkendelse (MFA) for at bruge Henvis.',
  },
  launch_token_missing: {
    en: 'The launch form carried no launch token (a form POST with the field `launch`).',
    da: 'Opstarten af Henvis manglede sit opstartstoken.',
  },
  launch_token_too_long: {
    en: 'The launch token lives longer than 60 seconds (exp - iat).',
    da: 'Opstartstokenet gælder for længe (højst 60 sekunder).',
  },
  launch_token_replayed: {
    en: 'This launch token has been used already: each one opens Henvis once.',
    da: 'Opstartstokenet er allerede brugt; hvert token åbner Henvis én gang.',
  },
  launch_session_missing: {
    en: 'No launch session, or it has ended. Open Henvis from the journal again.',
    da: 'Der er ingen aktiv opstart af Henvis, eller den er udløbet. Åbn Henvis fra journalen igen.',
  },
  launch_cross_origin: {
    en: 'Only the launched page itself may ask for its context and tokens.',
    da: 'Kun den åbnede Henvis-side må hente sine oplysninger og tokens.',
  },
  role_not_allowed: { en: 'Your role may not do this.', da: 'Din rolle må ikke udføre denne handling.' },
  patient_context_mismatch: {
    en: "The referral's patient is not the patient in the token's consultation context.",
    da: 'Henvisningens patient er ikke patienten i konsultationen.',
  },
  not_found: { en: 'No such resource, or you may not see it.', da: 'Findes ikke, eller du har ikke adgang.' },
  route_not_found: { en: 'No such endpoint. See /openapi.json.', da: 'Adressen findes ikke.' },
  invalid_url: { en: 'The URL is not valid: a broken percent-encoding.', da: 'Adressen er ugyldig.' },
  uri_too_long: { en: 'A part of the URL is longer than any valid value (100 characters).', da: 'Adressen er for lang.' },
  headers_too_large: {
    en: 'The URL and headers together are larger than the server accepts (16 KiB).',
    da: 'Adressen og forespørgslens headere er for store.',
  },
  malformed_request: { en: 'The request is not valid HTTP.', da: 'Forespørgslen er ugyldig.' },
  request_timeout: {
    en: 'The request was not sent in time (30 seconds), and the connection was closed.',
    da: 'Forespørgslen blev ikke sendt færdig i tide.',
  },
  cors_preflight_invalid: {
    en: 'A CORS preflight (OPTIONS) needs the Origin and Access-Control-Request-Method headers.',
    da: 'En CORS-forespørgsel (OPTIONS) mangler Origin eller Access-Control-Request-Method.',
  },
  method_not_allowed: { en: 'This endpoint does not take that HTTP method.', da: 'Metoden understøttes ikke her.' },
  invalid_transition: {
    en: 'The referral cannot move to that status from its current status.',
    da: 'Henvisningen kan ikke skifte til den status fra sin nuværende status.',
  },
  transition_forbidden_for_role: { en: 'Your role may not make this status change.', da: 'Din rolle må ikke foretage dette statusskift.' },
  consent_text_mismatch: {
    en: "The hash is not that of Henvis' consent text of this version and language. Show the current text and send its hash.",
    da: 'Samtykketeksten svarer ikke til den gældende tekst. Vis den gældende tekst og prøv igen.',
  },
  consent_not_withdrawable: {
    en: 'Only a given consent that is not already withdrawn can be withdrawn.',
    da: 'Kun et givet samtykke, der ikke allerede er trukket tilbage, kan trækkes tilbage.',
  },
  wellbeing_consent_missing: {
    en: 'WHO-5 answers are stored only with a valid well-being data consent, and none has been given for this referral.',
    da: 'Trivselssvar gemmes kun med et gyldigt samtykke til trivselsdata, og der er ikke givet et.',
  },
  wellbeing_consent_withdrawn: {
    en: 'The well-being data consent has been withdrawn: no more WHO-5 answers may be stored.',
    da: 'Samtykket til trivselsdata er trukket tilbage: der må ikke gemmes flere trivselssvar.',
  },
  journal_data_consent_invalid: {
    en: 'Record data may not be disclosed now: the journal data consent is missing, declined, withdrawn or expired (see detail).',
    da: 'Journaloplysninger må ikke videregives nu: samtykket mangler, er afslået, trukket tilbage eller udløbet.',
  },
  under_18_no_data: {
    en: 'No evaluation data (consents, WHO-5) are collected for citizens under 18.',
    da: 'Der indsamles ikke data til resultatopfølgningen for borgere under 18 år.',
  },
  who5_baseline_exists: {
    en: 'This referral already has a WHO-5 baseline; record a follow-up instead.',
    da: 'Henvisningen har allerede en baseline-måling; registrér en opfølgning i stedet.',
  },
  who5_follow_up_exists: { en: 'This referral already has its WHO-5 follow-up.', da: 'Henvisningen har allerede sin opfølgende måling.' },
  research_project_unknown: {
    en: 'No research project with that id is configured on this server.',
    da: 'Forskningsprojektet findes ikke på serveren.',
  },
  k_anonymity_not_met: {
    en: 'The export would not be k-anonymous (k = 5) even at its coarsest; `errors` lists the groups that fall short. Nothing was exported.',
    da: 'Udtrækket ville ikke være k-anonymt (k = 5), heller ikke med de groveste grupper. Intet er udtrukket.',
  },
  who5_follow_up_not_due: {
    en: 'The WHO-5 follow-up can be taken from 6 months after the baseline; `detail` gives the day.',
    da: 'Den opfølgende måling kan tages fra 6 måneder efter baseline-målingen.',
  },
  service_overlaps: {
    en: 'The organisation already serves this practice in that period: end the current service first, or start the new one after the last one ended.',
    da: 'Organisationen betjener allerede praksissen i den periode.',
  },
  service_end_invalid: { en: 'A service cannot end before it began.', da: 'En betjening kan ikke slutte, før den begyndte.' },
  webhook_subscription_exists: {
    en: 'A webhook subscription with this id exists already.',
    da: 'Der findes allerede et webhook-abonnement med dette id.',
  },
  webhook_url_insecure: {
    en: 'In production a webhook is posted to an https URL only.',
    da: 'I drift sendes webhooks kun til en https-adresse.',
  },
  referral_not_accepted: {
    en: 'Accept the referral (take it as yours) before logging contacts.',
    da: 'Tag henvisningen, før du registrerer kontakter.',
  },
  contact_in_future: { en: 'A contact cannot be logged for a time in the future.', da: 'En kontakt kan ikke registreres i fremtiden.' },
  offer_not_found: { en: 'No active offer with that id in your catalogue.', da: 'Tilbuddet findes ikke (aktivt) i jeres katalog.' },
  offer_link_state_invalid: {
    en: 'The offer cannot move to that state now: proposed → started → attending at 3 months (3 months after it started), or stopped.',
    da: 'Tilbuddet kan ikke skifte til den tilstand nu.',
  },
  message_not_found: { en: '`inReplyTo` names no message on this referral.', da: 'Beskeden, der svares på, findes ikke på henvisningen.' },
  medcom_address_missing: {
    en: 'The dialogue cannot be sent as MedCom messages: an organisation in it has no MedCom address (SOR code, GLN, phone), or no navigator organisation has the referral yet; `detail` says which.',
    da: 'Dialogen kan ikke sendes som MedCom-korrespondance: en organisation mangler sin MedCom-adresse, eller ingen organisation af socialnavigatører har henvisningen endnu.',
  },
  acknowledgement_invalid: {
    en: 'The body is not a MedCom Acknowledgement message, or it does not come from the receiver of the message; `errors` says what is wrong.',
    da: 'Indholdet er ikke en gyldig MedCom-kvittering for beskeden.',
  },
  acknowledged_message_unknown: {
    en: "The Acknowledgement's response.identifier names no CareCommunication message of this referral's dialogue.",
    da: 'Kvitteringen gælder ingen af henvisningens korrespondancemeddelelser.',
  },
  acknowledgement_conflict: {
    en: 'An Acknowledgement with this MessageHeader id is already recorded, with other content or for another message.',
    da: 'En anden kvittering med samme id er allerede modtaget.',
  },
  who5_baseline_missing: { en: 'A WHO-5 follow-up needs a baseline first.', da: 'En opfølgende måling kræver først en baseline-måling.' },
  payload_too_large: { en: 'The request body is too large.', da: 'Forespørgslen er for stor.' },
  unsupported_media_type: { en: 'Send the body as application/json.', da: 'Indholdet skal sendes som application/json.' },
  rate_limited: { en: 'Too many requests. Retry after the time in Retry-After.', da: 'For mange forespørgsler. Prøv igen om lidt.' },
  too_many_attempts: {
    en: 'Too many failed authentications from this address: its requests are refused for a while. Retry after the seconds in Retry-After.',
    da: 'For mange mislykkede adgangsforsøg fra denne adresse. Prøv igen om lidt.',
  },
  internal_error: {
    en: 'Something went wrong on the server, and nothing was stored. If it happens again, tell the operator the time of the call.',
    da: 'Der opstod en fejl på serveren. Intet blev gemt.',
  },
  service_unavailable: { en: 'The service is temporarily unavailable. Retry shortly.', da: 'Tjenesten er midlertidigt utilgængelig.' },
};

/** The person-facing message of an error code, in Danish or English. */
export function errorMessage(code: HenvisErrorCode, locale: 'da' | 'en'): string {
  const messages = code in problemMessages ? problemMessages[code as ProblemCode] : clientErrorCatalog[code as ClientErrorCode];
  return messages[locale];
}

/** Base of the `type` URI of every problem: the table of error codes in docs/errors.md, whose anchors are the codes. */
export const PROBLEM_TYPE_BASE = 'https://github.com/henvis/henvis/blob/main/docs/errors.md#';

export function problem(code: ProblemCode, detail?: string, errors?: FieldError[]): Problem {
  return {
    type: PROBLEM_TYPE_BASE + code,
    title: problemMessages[code].en,
    status: problemStatuses[code],
    code,
    ...(detail ? { detail } : {}),
    ...(errors?.length ? { errors } : {}),
  };
}
