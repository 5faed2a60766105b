import { http, HttpResponse } from 'msw';
import {
  CONSENT_TEXT_VERSION,
  NewConsent,
  NewWho5Response,
  consentRefusal,
  consentText,
  consentTextHash,
  isPracticeRole,
  mayWithdraw,
  newConsentRecord,
  parseContract,
  who5FollowUpLate,
  who5List,
  who5Refusal,
  type ConsentKind,
  type ConsentRecord,
  type Who5Answers,
  type Who5Response,
} from '@henvis/contracts';
import type { MockApi, MockUser } from './handlers.js';
import { publish } from './live-stream.js';
import { MOCK_API, problemResponse } from './mock-http.js';

// The consent and WHO-5 endpoints as the API answers them, on the same rules from the contracts (consentRefusal,
// newConsentRecord, mayWithdraw, who5Refusal, who5List); only navigators and coordinators read or store WHO-5.

const referralPath = `${MOCK_API}/v1/referrals/:id`;

/** A time `days` days before now: the components judge a consent's validity against the clock. */
export const daysAgo = (days: number, now = new Date()) => new Date(now.getTime() - days * 86_400_000);

/** The consent in force of a kind: the newest. */
const inForce = (api: MockApi, referralId: string, kind: ConsentKind) =>
  api.consents.find((c) => c.referralId === referralId && c.kind === kind);

const newRecord = (referralId: string, input: NewConsent, by: MockUser, at: Date): ConsentRecord => ({
  ...newConsentRecord(input, { referralId, informedBy: by, at }),
  id: crypto.randomUUID(),
});

interface SeedConsentOptions {
  at?: Date;
  method?: ConsentRecord['method'];
  locale?: ConsentRecord['locale'];
  withdrawnAt?: Date;
  by?: MockUser;
}

/** Adds a stored consent decision, given or declined at `at` (now by default), withdrawn at `withdrawnAt` if given. */
export function seedConsent(
  api: MockApi,
  referralId: string,
  kind: ConsentKind,
  decision: ConsentRecord['decision'],
  options: SeedConsentOptions = {},
): ConsentRecord {
  const { at = new Date(), method = 'signed_on_screen', locale = 'da', withdrawnAt, by = api.user } = options;
  const textHash = '0'.repeat(64);
  const record = newRecord(referralId, { kind, decision, method, locale, textVersion: CONSENT_TEXT_VERSION, textHash }, by, at);
  // Web Crypto hashes asynchronously; the seeded record gets its real hash a moment later, before anything reads it.
  void consentTextHash(consentText(kind, locale)).then((hash) => (record.textHash = hash));
  api.consents.push(record);
  api.consents.sort((a, b) => b.decidedAt.localeCompare(a.decidedAt));
  publish(api.live, 'consent.recorded', referralId, { consentId: record.id, kind, decision }, at);
  if (withdrawnAt) withdrawConsent(api, record, by, withdrawnAt);
  return record;
}

/** Withdraws a stored consent (as the citizen does through the navigator), now unless `at` says otherwise. */
export function withdrawConsent(api: MockApi, consent: ConsentRecord, by: MockUser = api.user, at = new Date()): void {
  Object.assign(consent, { withdrawnAt: at.toISOString(), withdrawnBy: { ...by } });
  publish(api.live, 'consent.withdrawn', consent.referralId, { consentId: consent.id, kind: consent.kind }, at);
}

/** Adds stored WHO-5 answers taken at `at`. */
export function seedWho5(
  api: MockApi,
  referralId: string,
  kind: Who5Response['kind'],
  answers: Who5Answers,
  at = new Date(),
): Who5Response {
  const baseline = api.who5.find((r) => r.referralId === referralId && r.kind === 'baseline');
  const response: Who5Response = {
    kind,
    answers,
    id: crypto.randomUUID(),
    referralId,
    takenAt: at.toISOString(),
    late: kind === 'follow_up' && baseline !== undefined && who5FollowUpLate(new Date(baseline.takenAt), at),
    recordedBy: { ...api.user },
  };
  api.who5.push(response);
  api.who5.sort((a, b) => a.takenAt.localeCompare(b.takenAt));
  return response;
}

/** Handlers of the consent and WHO-5 endpoints over `api`; part of `apiHandlers`. */
export function evaluationHandlers(api: MockApi) {
  const referralOf = (params: Record<string, unknown>) => api.referrals.find((r) => r.id === String(params.id));
  return [
    http.get(`${referralPath}/consents`, ({ params }) => {
      const referral = referralOf(params);
      return referral
        ? HttpResponse.json({ items: api.consents.filter((c) => c.referralId === referral.id) })
        : problemResponse('not_found');
    }),
    http.post(`${referralPath}/consents`, async ({ params, request }) => {
      const body = await request.json();
      api.received.push(body);
      const parsed = parseContract(NewConsent, body);
      if (!parsed.ok) return problemResponse('validation_failed', parsed.errors);
      const input = parsed.value;
      const referral = referralOf(params);
      if (!referral) return problemResponse('not_found');
      const now = new Date();
      const refusal = await consentRefusal(input, { cpr: referral.patient.cpr, at: now });
      if (refusal) return problemResponse(refusal);
      const record = newRecord(referral.id, input, api.user, now);
      api.consents.unshift(record);
      publish(api.live, 'consent.recorded', referral.id, { consentId: record.id, kind: record.kind, decision: record.decision }, now);
      return HttpResponse.json(record, { status: 201 });
    }),
    http.post(`${referralPath}/consents/:consentId/withdrawal`, ({ params }) => {
      const consent = api.consents.find((c) => c.referralId === String(params.id) && c.id === String(params.consentId));
      if (!consent) return problemResponse('not_found');
      if (!mayWithdraw(consent)) return problemResponse('consent_not_withdrawable');
      withdrawConsent(api, consent);
      return HttpResponse.json(consent);
    }),
    http.get(`${referralPath}/who5`, ({ params }) => {
      if (isPracticeRole(api.user.role)) return problemResponse('role_not_allowed');
      const referral = referralOf(params);
      return referral
        ? HttpResponse.json(
            who5List(
              api.who5.filter((r) => r.referralId === referral.id),
              new Date(),
            ),
          )
        : problemResponse('not_found');
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
      const refusal = who5Refusal(parsed.value.kind, {
        cpr: referral.patient.cpr,
        wellbeingConsent: inForce(api, referral.id, 'wellbeing_data'),
        earlier: api.who5.filter((r) => r.referralId === referral.id),
        at: now,
      });
      if (refusal) return problemResponse(refusal);
      return HttpResponse.json(seedWho5(api, referral.id, parsed.value.kind, parsed.value.answers, now), { status: 201 });
    }),
  ];
}
