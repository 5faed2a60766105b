import { createHash } from 'node:crypto';
import {
  CONSENT_TEXT_VERSION,
  consentKinds,
  consentRefusal,
  consentText,
  consentTextCatalogue,
  consentTextHash,
  consentTextOf,
  consentTextPath,
  consentTextString,
  consentValidity,
  isPracticeRole,
  mayWithdraw,
  newConsentRecord,
  danishDate,
  who5FollowUpLate,
  who5FollowUpState,
  who5FollowUpWindow,
  who5List,
  who5Refusal,
  type ConsentKind,
  type ConsentRecord,
  type ConsentTextCatalogue,
  type ConsentTextDocument,
  type ConsentTextQuery,
  type FollowUpList,
  type FollowUpQuery,
  type NewConsent,
  type NewWho5Response,
  type Who5List,
} from '@henvis/contracts';
import type { FastifyPluginAsync } from 'fastify';
import { personOf } from '../auth/principal.js';
import { isNavigatorSide, isUuid } from '../http/guard.js';
import { HttpProblem } from '../http-problem.js';
import { answer, body, params, problems, query, tagRoutes } from '../http/schemas.js';
import { recordEvent } from '../outbox.js';
import type { ReferralRow } from '../referrals/store.js';
import { consentCatalogueProblem } from './consent-texts.js';
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

const cprOf = (row: ReferralRow) => row.content.patient.cpr;

const exampleNewConsent: NewConsent = {
  kind: 'journal_data',
  decision: 'given',
  method: 'signed_on_screen',
  textVersion: CONSENT_TEXT_VERSION,
  locale: 'da',
  textHash: createHash('sha256')
    .update(consentTextString(consentText('journal_data', 'da')))
    .digest('hex'),
};

const isConsentKind = (kind: string): kind is ConsentKind => (consentKinds as readonly string[]).includes(kind);

export interface EvaluationOptions {
  /** The consent texts of every version, and the one consents are given under now (default: the shipped ones). */
  consentTexts?: ConsentTextCatalogue | undefined;
}

/**
 * The consents (record, withdraw, history, FHIR, and the texts of every version), disclosures of record data under
 * a valid consent, and WHO-5 answers with their follow-up. Everything personal is audited; WHO-5 answers are for
 * navigators only, being evaluation data and not journal data.
 */
// eslint-disable-next-line @typescript-eslint/require-await -- a Fastify plugin is async so a registration error rejects ready(), not the process; lint can't see it
export const evaluationRoutes: FastifyPluginAsync<EvaluationOptions> = async (app, { consentTexts: texts = consentTextCatalogue }) => {
  const { guard } = app;
  tagRoutes(app, 'evaluation');
  const catalogueProblem = consentCatalogueProblem(texts);
  if (catalogueProblem) throw new Error(catalogueProblem);
  const textOf = (c: Pick<ConsentRecord, 'kind' | 'locale' | 'textVersion'>) => consentTextOf(c.kind, c.locale, c.textVersion, texts);
  /** A consent as answered: it names the title of its own version's text and where that text is read. */
  const withText = (c: ConsentRecord): ConsentRecord => {
    const text = textOf(c);
    return text ? { ...c, textTitle: text.title, textUrl: consentTextPath(c.textVersion, c.kind, c.locale) } : c;
  };
  const navigators = (action: string) => guard.allow(isNavigatorSide, action, 'WHO-5 answers are evaluation data, kept by the navigators.');

  app.post<{ Params: { id: string }; Body: NewConsent }>(
    '/referrals/:id/consents',
    {
      schema: {
        operationId: 'recordConsent',
        summary:
          "Record a consent decision (samtykke), given or declined. Who informed the citizen, and where, come from the token; the text is the current version's, proven by its SHA-256 (an earlier version is 422 consent_text_mismatch).",
        params: params('id'),
        body: body('NewConsent', exampleNewConsent),
        response: { 201: answer('Recorded', 'ConsentRecord'), ...problems(400, 401, 404, 422) },
      },
    },
    async (request, reply) => {
      const input = request.body;
      const consent = await guard.onReferral(
        request,
        `consent.record.${input.kind}`,
        async (tx, row, audit) => {
          const now = new Date();
          const refusal = await consentRefusal(input, { cpr: cprOf(row), at: now, texts });
          if (refusal === 'consent_text_mismatch') {
            audit.refuse(refusal);
            return new HttpProblem(refusal, `The current text is version ${texts.current}.`);
          }
          if (refusal) return audit.refuse(refusal);
          const created = await insertConsent(
            tx,
            newConsentRecord(input, { referralId: row.id, informedBy: personOf(request.principal), at: now }),
          );
          await recordEvent(
            tx,
            row,
            'consent.recorded',
            { referralId: row.id, consentId: created.id, kind: created.kind, decision: created.decision },
            now,
          );
          audit.ok({ detail: input.decision });
          return withText(created);
        },
        { forUpdate: true },
      );
      return reply.code(201).send(consent);
    },
  );

  app.get<{ Params: { id: string } }>(
    '/referrals/:id/consents',
    {
      schema: {
        operationId: 'listConsents',
        summary:
          "The citizen's consent history on this referral, newest first (the first of each kind is in force), each naming the text of its own version",
        params: params('id'),
        response: { 200: answer('Consents', 'ConsentList'), ...problems(401, 404) },
      },
    },
    async (request) =>
      guard.onReferral(request, 'consent.list', async (tx, row, audit) => {
        audit.ok();
        return { items: (await listConsents(tx, row.id)).map(withText) };
      }),
  );

  app.post<{ Params: { id: string; consentId: string } }>(
    '/referrals/:id/consents/:consentId/withdrawal',
    {
      schema: {
        operationId: 'withdrawConsent',
        summary: 'Withdraw a given consent (tilbagekald), effective at once',
        params: params('id', 'consentId'),
        response: { 200: answer('The withdrawn consent', 'ConsentRecord'), ...problems(401, 404, 409) },
      },
    },
    async (request) => {
      const { consentId } = request.params;
      return guard.onReferral(
        request,
        'consent.withdraw',
        async (tx, row, audit) => {
          const consent = isUuid(consentId) ? await findConsent(tx, row.id, consentId) : undefined;
          const about = { resourceType: 'consent', ...(isUuid(consentId) ? { resourceId: consentId } : {}) };
          if (!consent) return audit.notFound(about);
          if (!mayWithdraw(consent)) return audit.refuse('consent_not_withdrawable', about);
          const now = new Date();
          const withdrawn = await withdrawConsent(tx, consent.id, now, personOf(request.principal));
          await recordEvent(tx, row, 'consent.withdrawn', { referralId: row.id, consentId: consent.id, kind: consent.kind }, now);
          audit.ok({ ...about, action: `consent.withdraw.${consent.kind}` });
          return withText(withdrawn);
        },
        { forUpdate: true },
      );
    },
  );

  // The texts hold nothing personal, so reading one is not audited; like every /v1 call it needs a token (the
  // widget and the inbox have one, and a FHIR Consent carries its text inline).
  app.get<{ Params: { version: string; kind: string }; Querystring: ConsentTextQuery }>(
    '/consent-texts/:version/:kind',
    {
      schema: {
        operationId: 'getConsentText',
        summary:
          "A consent text of one version, kind and language as the citizen was shown it. Every version ever shipped stays readable: a consent's textUrl leads to its own",
        params: {
          type: 'object',
          properties: { version: { type: 'string' }, kind: { type: 'string', enum: [...consentKinds] } },
          required: ['version', 'kind'],
        },
        querystring: query('ConsentTextQuery'),
        response: { 200: answer('The text', 'ConsentTextDocument'), ...problems(400, 401, 404) },
      },
    },
    async (request): Promise<ConsentTextDocument> => {
      const { version, kind } = request.params;
      const locale = request.query.locale ?? 'da';
      const text = isConsentKind(kind) ? consentTextOf(kind, locale, version, texts) : undefined;
      // The path is not echoed: it is whatever the caller sent.
      if (!text || !isConsentKind(kind)) {
        throw new HttpProblem(
          'not_found',
          `No consent text of that version and kind. Versions: ${Object.keys(texts.versions).join(', ')}.`,
        );
      }
      return {
        version,
        kind,
        locale,
        title: text.title,
        sections: [...text.sections],
        text: consentTextString(text),
        textHash: await consentTextHash(text),
        current: version === texts.current,
      };
    },
  );

  app.post<{ Params: { id: string } }>(
    '/referrals/:id/disclosures',
    {
      schema: {
        operationId: 'discloseJournalData',
        summary: 'Disclose record data for the evaluation (videregivelse): allowed only under a journal data consent valid now',
        params: params('id'),
        response: { 201: answer('Disclosed', 'Disclosure'), ...problems(401, 403, 404, 422) },
      },
      preValidation: guard.allow(
        (role) => isPracticeRole(role) || role === 'coordinator',
        'journal_data.disclose',
        'Record data are disclosed by the practice or the coordinator.',
      ),
    },
    async (request, reply) => {
      const disclosure = await guard.onReferral(
        request,
        'journal_data.disclose',
        async (tx, row, audit) => {
          const now = new Date();
          const consent = await currentConsent(tx, row.id, 'journal_data');
          const validity = consent ? consentValidity(consent, now) : ({ valid: false, reason: 'not_yet_given' } as const);
          if (!consent || !validity.valid) {
            const reason = validity.valid ? 'missing' : validity.reason === 'not_yet_given' ? 'missing' : validity.reason;
            audit.refuse(`journal_data_consent_${reason}`);
            return new HttpProblem('journal_data_consent_invalid', `The journal data consent is ${reason}.`);
          }
          audit.ok();
          return insertDisclosure(tx, row.id, consent.id, now, personOf(request.principal));
        },
        { forUpdate: true },
      );
      return reply.code(201).send(disclosure);
    },
  );

  app.post<{ Params: { id: string }; Body: NewWho5Response }>(
    '/referrals/:id/who5',
    {
      schema: {
        operationId: 'recordWho5',
        summary:
          'Store WHO-5 answers (navigators): baseline at the first conversation, follow-up after 6-8 months; only under a valid well-being consent',
        params: params('id'),
        body: body('NewWho5Response', { kind: 'baseline', answers: [3, 2, 2, 3, 2] }),
        response: {
          201: answer('Stored; a follow-up after 8 months is marked late', 'Who5Response'),
          ...problems(400, 401, 403, 404, 409, 422),
        },
      },
      preValidation: navigators('who5.record'),
    },
    async (request, reply) => {
      const input = request.body;
      const response = await guard.onReferral(
        request,
        `who5.record.${input.kind}`,
        async (tx, row, audit) => {
          const now = new Date();
          const earlier = await listWho5(tx, row.id);
          const refusal = who5Refusal(input.kind, {
            cpr: cprOf(row),
            wellbeingConsent: await currentConsent(tx, row.id, 'wellbeing_data'),
            earlier,
            at: now,
          });
          const baselineAt = earlier.find((r) => r.kind === 'baseline')?.takenAt;
          if (refusal === 'who5_follow_up_not_due' && baselineAt) {
            audit.refuse(refusal);
            const opens = danishDate(who5FollowUpWindow(new Date(baselineAt)).dueAt);
            return new HttpProblem(refusal, `The follow-up window opens on ${opens} (6 months after the baseline).`);
          }
          if (refusal) return audit.refuse(refusal);
          audit.ok();
          const late = input.kind === 'follow_up' && baselineAt !== undefined && who5FollowUpLate(new Date(baselineAt), now);
          return insertWho5(tx, {
            ...input,
            referralId: row.id,
            takenAt: now.toISOString(),
            late,
            recordedBy: personOf(request.principal),
          });
        },
        { forUpdate: true },
      );
      return reply.code(201).send(response);
    },
  );

  app.get<{ Params: { id: string } }>(
    '/referrals/:id/who5',
    {
      schema: {
        operationId: 'listWho5',
        summary: 'The WHO-5 answers of a referral and when its follow-up falls due (navigators)',
        params: params('id'),
        response: { 200: answer('Answers, oldest first', 'Who5List'), ...problems(401, 403, 404) },
      },
      preValidation: navigators('who5.list'),
    },
    async (request) =>
      guard.onReferral(request, 'who5.list', async (tx, row, audit): Promise<Who5List> => {
        audit.ok();
        return who5List(await listWho5(tx, row.id), new Date());
      }),
  );

  app.get<{ Querystring: FollowUpQuery }>(
    '/who5-follow-ups',
    {
      schema: {
        operationId: 'listWho5FollowUps',
        summary: "WHO-5 follow-ups that are due (6 months after the baseline) or overdue (after 8), in the navigator's practices",
        querystring: query('FollowUpQuery'),
        response: { 200: answer('Follow-ups', 'FollowUpList'), ...problems(400, 401, 403) },
      },
      preValidation: navigators('who5.follow_ups.list'),
    },
    async (request) =>
      guard.audited(request, async (tx, log): Promise<FollowUpList> => {
        const wanted = request.query.state;
        const scope = await guard.scope(tx, request.principal);
        const now = new Date();
        const items = (await listPendingFollowUps(tx, scope.practiceIds))
          .map((r) => ({ r, state: who5FollowUpState(r.baseline_taken_at, now), window: who5FollowUpWindow(r.baseline_taken_at) }))
          .filter(({ state }) => (wanted ? state === wanted : state !== 'not_due'));
        for (const { r } of items)
          log.push({
            action: 'who5.follow_ups.list',
            outcome: 'ok',
            resourceType: 'referral',
            resourceId: r.referral_id,
            patientKey: r.patient_key,
          });
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
      }),
  );
};
