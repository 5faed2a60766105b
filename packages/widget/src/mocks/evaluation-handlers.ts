import { http, HttpResponse } from 'msw';
import {
  CONSENT_TEXT_VERSION,
  NewConsent,
  NewWho5Response,
  ageOn,
  consentExpiry,
  consentText,
  consentTextHash,
  consentValidity,
  isPracticeRole,
  parseContract,
  parseCpr,
  who5FollowUpState,
  who5FollowUpWindow,
  type ConsentKind,
  type ConsentRecord,
  type ProblemCode,
  type Referral,
  type Who5Answers,
  type Who5List,
  type Who5Response,
} from '@henvis/contracts';
import type { MockApi, MockUser } from './handlers.js';
import { MOCK_API, problemResponse } from './mock-http.js';

// The consent and WHO-5 endpoints with the API's rules (packages/server, evaluation routes): the text hash must be
// that of the text of this version and language; WHO-5 needs a valid well-being consent, a baseline once, and a
// follow-up only after it; only navigators and coordinators read or store WHO-5; nothing for citizens under 18.

const referralPath = `${MOCK_API}/v1/referrals/:id`;

/** A time `days` days before now: the components judge a consent's validity against the clock. */
export const daysAgo = (days: number, now = new Date()) => new Date(now.getTime() - days * 86_400_000);

function isMinor(referral: Referral, at: Date): boolean {
  const cpr = parseCpr(referral.patient.cpr, at);
  return !cpr.ok || ageOn(cpr.value.birthDate, at) < 18;
}

/** The consent in force of a kind: the newest. */
const inForce = (api: MockApi, referralId: string, kind: ConsentKind) => api.consents.find((c) => c.referralId === referralId && c.kind === kind);

function newRecord(referralId: string, input: NewConsent, by: MockUser, at: Date): ConsentRecord {
  const expiresAt = input.decision === 'given' ? consentExpiry(input.kind, at) : undefined;
  return {
    ...input,
    id: crypto.randomUUID(),
    referralId,
    decidedAt: at.toISOString(),
    ...(expiresAt ? { expiresAt: expiresAt.toISOString() } : {}),
    informedBy: { ...by },
    setting: isPracticeRole(by.role) ? 'consultation' : 'navigator_conversation',
  };
}

interface SeedConsentOptions {
  at?: Date;
  method?: ConsentRecord['method'];
  locale?: ConsentRecord['locale'];
  withdrawnAt?: Date;
  by?: MockUser;
}

/** Adds a stored consent decision, given or declined at `at` (now by default), withdrawn at `withdrawnAt` if given. */
export function seedConsent(api: MockApi, referralId: string, kind: ConsentKind, decision: ConsentRecord['decision'], options: SeedConsentOptions = {}): ConsentRecord {
  const { at = new Date(), method = 'signed_on_screen', locale = 'da', withdrawnAt, by = api.user } = options;
  const textHash = '0'.repeat(64);
  const record = newRecord(referralId, { kind, decision, method, locale, textVersion: CONSENT_TEXT_VERSION, textHash }, by, at);
  // Web Crypto hashes asynchronously; the seeded record gets its real hash a moment later, before anything reads it.
  void consentTextHash(consentText(kind, locale)).then((hash) => (record.textHash = hash));
  if (withdrawnAt) Object.assign(record, { withdrawnAt: withdrawnAt.toISOString(), withdrawnBy: { ...by } });
  api.consents.push(record);
  api.consents.sort((a, b) => b.decidedAt.localeCompare(a.decidedAt));
  return record;
}

/** Adds stored WHO-5 answers taken at `at`. */
export function seedWho5(api: MockApi, referralId: string, kind: Who5Response['kind'], answers: Who5Answers, at = new Date()): Who5Response {
  const response: Who5Response = { kind, answers, id: crypto.randomUUID(), referralId, takenAt: at.toISOString(), recordedBy: { ...api.user } };
  api.who5.push(response);
  api.who5.sort((a, b) => a.takenAt.localeCompare(b.takenAt));
  return response;
}

function who5List(api: MockApi, referralId: string, now: Date): Who5List {
  const items = api.who5.filter((r) => r.referralId === referralId);
  const baseline = items.find((r) => r.kind === 'baseline');
  if (!baseline) return { items };
  const window = who5FollowUpWindow(new Date(baseline.takenAt));
  const state = items.some((r) => r.kind === 'follow_up') ? 'done' : who5FollowUpState(new Date(baseline.takenAt), now);
  return { items, followUp: { dueAt: window.dueAt.toISOString(), overdueAt: window.overdueAt.toISOString(), state } };
}

function who5Refusal(api: MockApi, referral: Referral, kind: Who5Response['kind'], now: Date): ProblemCode | undefined {
  if (isMinor(referral, now)) return 'under_18_no_data';
  const consent = inForce(api, referral.id, 'wellbeing_data');
  const validity = consent && consentValidity(consent, now);
  if (!validity?.valid) return validity?.reason === 'withdrawn' ? 'wellbeing_consent_withdrawn' : 'wellbeing_consent_missing';
  const has = (k: Who5Response['kind']) => api.who5.some((r) => r.referralId === referral.id && r.kind === k);
  if (kind === 'baseline' && has('baseline')) return 'who5_baseline_exists';
  if (kind === 'follow_up' && !has('baseline')) return 'who5_baseline_missing';
  if (kind === 'follow_up' && has('follow_up')) return 'who5_follow_up_exists';
  return undefined;
}

/** Handlers of the consent and WHO-5 endpoints over `api`; part of `apiHandlers`. */
export function evaluationHandlers(api: MockApi) {
  const referralOf = (params: Record<string, unknown>) => api.referrals.find((r) => r.id === String(params.id));
  return [
    http.get(`${referralPath}/consents`, ({ params }) => {
      const referral = referralOf(params);
      return referral ? HttpResponse.json({ items: api.consents.filter((c) => c.referralId === referral.id) }) : problemResponse('not_found');
    }),
    http.post(`${referralPath}/consents`, async ({ params, request }) => {
      const body = await request.json();
      api.received.push(body);
      const parsed = parseContract(NewConsent, body);
      if (!parsed.ok) return problemResponse('validation_failed', parsed.errors);
      const input = parsed.value;
      if (input.textVersion !== CONSENT_TEXT_VERSION || input.textHash !== (await consentTextHash(consentText(input.kind, input.locale)))) {
        return problemResponse('consent_text_mismatch');
      }
      const referral = referralOf(params);
      if (!referral) return problemResponse('not_found');
      const now = new Date();
      if (isMinor(referral, now)) return problemResponse('under_18_no_data');
      const record = newRecord(referral.id, input, api.user, now);
      api.consents.unshift(record);
      return HttpResponse.json(record, { status: 201 });
    }),
    http.post(`${referralPath}/consents/:consentId/withdrawal`, ({ params }) => {
      const consent = api.consents.find((c) => c.referralId === String(params.id) && c.id === String(params.consentId));
      if (!consent) return problemResponse('not_found');
      if (consent.decision !== 'given' || consent.withdrawnAt) return problemResponse('consent_not_withdrawable');
      Object.assign(consent, { withdrawnAt: new Date().toISOString(), withdrawnBy: { ...api.user } });
      return HttpResponse.json(consent);
    }),
    http.get(`${referralPath}/who5`, ({ params }) => {
      if (isPracticeRole(api.user.role)) return problemResponse('role_not_allowed');
      const referral = referralOf(params);
      return referral ? HttpResponse.json(who5List(api, referral.id, new Date())) : problemResponse('not_found');
    }),
    http.post(`${referralPath}/who5`, async ({ params, request }) => {
      if (isPracticeRole(api.user.role)) return problemResponse('role_not_allowed');
      const body = await request.json();
      api.received.push(body);
      const parsed = parseContract(NewWho5Response, body);
      if (!parsed.ok) return problemResponse('validation_failed', parsed.errors);
      const referral = referralOf(params);
      if (!referral) return problemResponse('not_found');
      const now = new Date();
      const refusal = who5Refusal(api, referral, parsed.value.kind, now);
      if (refusal) return problemResponse(refusal);
      return HttpResponse.json(seedWho5(api, referral.id, parsed.value.kind, parsed.value.answers, now), { status: 201 });
    }),
  ];
}
