import {
  CONSENT_TEXT_VERSION,
  NewConsent,
  NewWho5Response,
  collectsEvaluationData,
  consentExpiry,
  consentText,
  consentTextHash,
  consentToFhir,
  consentValidity,
  isPracticeRole,
  who5FollowUpState,
  who5FollowUpWindow,
  who5List,
  who5Refusal,
  who5ToFhir,
  type FollowUpList,
  type Who5List,
} from '@henvis/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Principal } from '../auth/principal.js';
import { HttpProblem } from '../http-problem.js';
import { recordEvent } from '../outbox.js';
import { accessScope } from '../referrals/access.js';
import { createGuard, isNavigatorSide, type GuardOptions } from '../referrals/guard.js';
import { parseBody } from '../referrals/routes.js';
import type { ReferralRow } from '../referrals/store.js';
import {
  currentConsent,
  findConsent,
  insertConsent,
  insertDisclosure,
  insertWho5,
  listConsents,
  listPendingFollowUps,
  listWho5,
  withdrawConsent,
} from './store.js';

const personOf = (p: Principal) => ({ id: p.sub, name: p.name, role: p.role });
const cprOf = (row: ReferralRow) => row.content.patient.cpr;


/**
 * The consents (record, withdraw, history, FHIR), disclosures of record data under a valid consent, and WHO-5
 * answers with their follow-up. Everything is audited; WHO-5 answers are for navigators only, being evaluation
 * data and not journal data.
 */
export async function evaluationRoutes(app: FastifyInstance, options: GuardOptions) {
  const { pseudonymKey, principalOf } = options;
  const { audited, findVisible, requireRole } = createGuard(options);

  const requireNavigator = (request: FastifyRequest, action: string) =>
    requireRole(request, isNavigatorSide, action, 'WHO-5 answers are evaluation data, kept by the navigators.');

  app.post<{ Params: { id: string } }>('/referrals/:id/consents', async (request, reply) => {
    const input = parseBody<NewConsent>(NewConsent, request.body);
    const text = consentText(input.kind, input.locale);
    if (input.textVersion !== CONSENT_TEXT_VERSION || input.textHash !== (await consentTextHash(text))) {
      throw new HttpProblem('consent_text_mismatch', `The current text is version ${CONSENT_TEXT_VERSION}.`);
    }
    const principal = principalOf(request);
    const action = `consent.record.${input.kind}`;
    const consent = await audited(request, async (tx, log) => {
      const row = await findVisible(tx, request, request.params.id, action, log, true);
      if (!row) return 'not_found';
      const now = new Date();
      const entry = { action, resourceType: 'referral', resourceId: row.id, patientKey: row.patient_key } as const;
      if (!collectsEvaluationData(cprOf(row), now)) {
        log.push({ ...entry, outcome: 'refused', detail: 'under_18_no_data' });
        return 'under_18_no_data';
      }
      const expiresAt = input.decision === 'given' ? consentExpiry(input.kind, now) : undefined;
      const created = await insertConsent(tx, {
        ...input,
        referralId: row.id,
        decidedAt: now.toISOString(),
        ...(expiresAt ? { expiresAt: expiresAt.toISOString() } : {}),
        informedBy: personOf(principal),
        setting: isPracticeRole(principal.role) ? 'consultation' : 'navigator_conversation',
      });
      await recordEvent(tx, row, 'consent.recorded', { referralId: row.id, consentId: created.id, kind: created.kind, decision: created.decision }, now);
      log.push({ ...entry, outcome: 'ok', detail: input.decision });
      return created;
    });
    return reply.code(201).send(consent);
  });

  app.get<{ Params: { id: string } }>('/referrals/:id/consents', async (request) =>
    audited(request, async (tx, log) => {
      const row = await findVisible(tx, request, request.params.id, 'consent.list', log);
      if (!row) return 'not_found';
      log.push({ action: 'consent.list', outcome: 'ok', resourceType: 'referral', resourceId: row.id, patientKey: row.patient_key });
      return { items: await listConsents(tx, row.id) };
    }),
  );

  app.post<{ Params: { id: string; consentId: string } }>('/referrals/:id/consents/:consentId/withdrawal', async (request) => {
    const principal = principalOf(request);
    return audited(request, async (tx, log) => {
      const row = await findVisible(tx, request, request.params.id, 'consent.withdraw', log, true);
      if (!row) return 'not_found';
      const consent = /^[0-9a-f-]{36}$/i.test(request.params.consentId) ? await findConsent(tx, row.id, request.params.consentId) : undefined;
      const entry = { action: 'consent.withdraw', resourceType: 'consent', resourceId: request.params.consentId, patientKey: row.patient_key } as const;
      if (!consent) {
        log.push({ ...entry, outcome: 'denied', detail: 'not_found' });
        return 'not_found';
      }
      if (consent.decision !== 'given' || consent.withdrawnAt) {
        log.push({ ...entry, outcome: 'refused', detail: 'consent_not_withdrawable' });
        return 'consent_not_withdrawable';
      }
      const now = new Date();
      const withdrawn = await withdrawConsent(tx, consent.id, now, personOf(principal));
      await recordEvent(tx, row, 'consent.withdrawn', { referralId: row.id, consentId: consent.id, kind: consent.kind }, now);
      log.push({ ...entry, action: `consent.withdraw.${consent.kind}`, outcome: 'ok' });
      return withdrawn;
    });
  });

  app.get<{ Params: { id: string; consentId: string } }>('/referrals/:id/consents/:consentId/fhir', async (request) =>
    audited(request, async (tx, log) => {
      const row = await findVisible(tx, request, request.params.id, 'consent.fhir.read', log);
      if (!row) return 'not_found';
      const consent = (await listConsents(tx, row.id)).find((c) => c.id === request.params.consentId);
      if (!consent) return 'not_found';
      log.push({ action: 'consent.fhir.read', outcome: 'ok', resourceType: 'consent', resourceId: consent.id, patientKey: row.patient_key });
      return consentToFhir(consent, cprOf(row), consentText(consent.kind, consent.locale).title, new Date());
    }),
  );

  app.post<{ Params: { id: string } }>('/referrals/:id/disclosures', async (request, reply) => {
    const principal = await requireRole(
      request,
      (role) => isPracticeRole(role) || role === 'coordinator',
      'journal_data.disclose',
      'Record data are disclosed by the practice or the coordinator.',
    );
    const disclosure = await audited(request, async (tx, log) => {
      const row = await findVisible(tx, request, request.params.id, 'journal_data.disclose', log, true);
      if (!row) return 'not_found';
      const entry = { action: 'journal_data.disclose', resourceType: 'referral', resourceId: row.id, patientKey: row.patient_key } as const;
      const now = new Date();
      const consent = await currentConsent(tx, row.id, 'journal_data');
      const validity = consent ? consentValidity(consent, now) : ({ valid: false, reason: 'not_yet_given' } as const);
      if (!consent || !validity.valid) {
        const reason = validity.valid ? 'missing' : validity.reason === 'not_yet_given' ? 'missing' : validity.reason;
        log.push({ ...entry, outcome: 'refused', detail: `journal_data_consent_${reason}` });
        return new HttpProblem('journal_data_consent_invalid', `The journal data consent is ${reason}.`);
      }
      log.push({ ...entry, outcome: 'ok' });
      return insertDisclosure(tx, row.id, consent.id, now, personOf(principal));
    });
    return reply.code(201).send(disclosure);
  });

  app.post<{ Params: { id: string } }>('/referrals/:id/who5', async (request, reply) => {
    await requireNavigator(request, 'who5.record');
    const input = parseBody<NewWho5Response>(NewWho5Response, request.body);
    const principal = principalOf(request);
    const response = await audited(request, async (tx, log) => {
      const action = `who5.record.${input.kind}`;
      const row = await findVisible(tx, request, request.params.id, action, log, true);
      if (!row) return 'not_found';
      const entry = { action, resourceType: 'referral', resourceId: row.id, patientKey: row.patient_key } as const;
      const now = new Date();
      const refusal = who5Refusal(input.kind, {
        cpr: cprOf(row),
        wellbeingConsent: await currentConsent(tx, row.id, 'wellbeing_data'),
        earlier: await listWho5(tx, row.id),
        at: now,
      });
      if (refusal) {
        log.push({ ...entry, outcome: 'refused', detail: refusal });
        return refusal;
      }
      log.push({ ...entry, outcome: 'ok' });
      return insertWho5(tx, { ...input, referralId: row.id, takenAt: now.toISOString(), recordedBy: personOf(principal) });
    });
    return reply.code(201).send(response);
  });

  app.get<{ Params: { id: string } }>('/referrals/:id/who5', async (request) => {
    await requireNavigator(request, 'who5.list');
    return audited(request, async (tx, log): Promise<Who5List | 'not_found'> => {
      const row = await findVisible(tx, request, request.params.id, 'who5.list', log);
      if (!row) return 'not_found';
      log.push({ action: 'who5.list', outcome: 'ok', resourceType: 'referral', resourceId: row.id, patientKey: row.patient_key });
      return who5List(await listWho5(tx, row.id), new Date());
    });
  });

  app.get<{ Params: { id: string; responseId: string } }>('/referrals/:id/who5/:responseId/fhir', async (request) => {
    await requireNavigator(request, 'who5.fhir.read');
    return audited(request, async (tx, log) => {
      const row = await findVisible(tx, request, request.params.id, 'who5.fhir.read', log);
      if (!row) return 'not_found';
      const response = (await listWho5(tx, row.id)).find((r) => r.id === request.params.responseId);
      if (!response) return 'not_found';
      log.push({ action: 'who5.fhir.read', outcome: 'ok', resourceType: 'who5_response', resourceId: response.id, patientKey: row.patient_key });
      return who5ToFhir(response, cprOf(row));
    });
  });

  app.get<{ Querystring: { state?: string } }>('/who5-follow-ups', async (request) => {
    await requireNavigator(request, 'who5.follow_ups.list');
    const wanted = request.query.state;
    if (wanted !== undefined && wanted !== 'due' && wanted !== 'overdue') {
      throw new HttpProblem('invalid_query', undefined, [{ path: 'state', code: 'invalid_value', message: 'Use due or overdue.' }]);
    }
    return audited(request, async (tx, log): Promise<FollowUpList> => {
      const scope = await accessScope(tx, principalOf(request), pseudonymKey);
      const now = new Date();
      const items = (await listPendingFollowUps(tx, scope.practiceIds))
        .map((r) => ({ r, state: who5FollowUpState(r.baseline_taken_at, now), window: who5FollowUpWindow(r.baseline_taken_at) }))
        .filter(({ state }) => (wanted ? state === wanted : state !== 'not_due'));
      for (const { r } of items) log.push({ action: 'who5.follow_ups.list', outcome: 'ok', resourceType: 'referral', resourceId: r.referral_id, patientKey: r.patient_key });
      return {
        items: items.map(({ r, state, window }) => ({
          referralId: r.referral_id,
          patientName: r.patient_name,
          baselineTakenAt: r.baseline_taken_at.toISOString(),
          dueAt: window.dueAt.toISOString(),
          overdueAt: window.overdueAt.toISOString(),
          state,
        })),
      };
    });
  });
}
