import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { isNavigatorSide, isUuid } from '../http/guard.js';
import { HttpProblem } from '../http-problem.js';
import { params, problems, tagRoutes } from '../http/schemas.js';
import { listConsents, listWho5 } from '../evaluation/store.js';
import { capabilityStatement, definitions } from './definitions.js';
import type { FhirViews } from './views.js';

export interface FhirRouteOptions {
  views: FhirViews;
  /** HENVIS_PUBLIC_URL: the API's origin as clients reach it (default: the request's). */
  publicUrl?: string | undefined;
}

const originOf = (request: FastifyRequest, publicUrl: string | undefined) => publicUrl ?? `${request.protocol}://${request.host}`;

/** FHIR's own media type, which every /fhir answer has. */
export const FHIR_JSON = 'application/fhir+json; charset=utf-8';

const fhirAnswer = (resourceType: string, description: string) => ({
  description,
  content: {
    'application/fhir+json': {
      schema: {
        type: 'object',
        required: ['resourceType', 'id'],
        properties: { resourceType: { const: resourceType }, id: { type: 'string', pattern: '^[A-Za-z0-9\\-.]{1,64}$' } },
      },
    },
  },
});
/** The id of one of Henvis's own definitions (a FHIR id). */
const definitionId = {
  type: 'object',
  properties: { id: { type: 'string', pattern: '^[A-Za-z0-9\\-.]{1,64}$' } },
  required: ['id'],
} as const;

const asFhir = <T>(reply: FastifyReply, resource: T): T => {
  reply.type(FHIR_JSON);
  return resource;
};

/**
 * The conformance resources of /fhir, public like an implementation guide: the CapabilityStatement and Henvis's
 * own StructureDefinition and CodeSystems. Nothing personal, so no token.
 */
// eslint-disable-next-line @typescript-eslint/require-await -- a Fastify plugin is async so a registration error rejects ready(), not the process; lint can't see it
export const fhirDefinitionRoutes: FastifyPluginAsync<FhirRouteOptions> = async (app, { publicUrl }) => {
  tagRoutes(app, 'fhir');
  app.get(
    '/metadata',
    {
      schema: {
        operationId: 'fhirCapabilities',
        summary: 'The CapabilityStatement of the FHIR R4 API: which resources it reads, their profiles, how it is secured',
        security: [],
        response: { 200: fhirAnswer('CapabilityStatement', 'CapabilityStatement') },
      },
    },
    async (request, reply) => asFhir(reply, capabilityStatement(`${originOf(request, publicUrl)}/fhir`)),
  );
  for (const type of Object.keys(definitions)) {
    app.get<{ Params: { id: string } }>(
      `/${type}/:id`,
      {
        schema: {
          operationId: `fhirRead${type}`,
          summary: `A ${type} of Henvis's own (the canonical URLs its resources use)`,
          security: [],
          params: definitionId,
          response: { 200: fhirAnswer(type, type), ...problems(400, 404) },
        },
      },
      async (request, reply) => {
        const resource = definitions[type]?.[request.params.id];
        if (!resource) throw new HttpProblem('not_found');
        return asFhir(reply, resource);
      },
    );
  }
};

/**
 * Reads of a referral's FHIR resources, with the authorisation and audit of the rest of the API: the referral as
 * an SDOHCC ServiceRequest, its status as a Task, its consents, its WHO-5 answers and scores (the navigators'
 * side only, who keep them) and all of them in one Bundle. A resource the caller may not see is 404, as a
 * referral is.
 */
// eslint-disable-next-line @typescript-eslint/require-await -- a Fastify plugin is async so a registration error rejects ready(), not the process; lint can't see it
export const fhirRoutes: FastifyPluginAsync<FhirRouteOptions> = async (app, { views, publicUrl }) => {
  const { guard } = app;
  tagRoutes(app, 'fhir');
  const navigators = (action: string) => guard.allow(isNavigatorSide, action, 'WHO-5 answers are evaluation data, kept by the navigators.');

  /** The referral a consent or a WHO-5 response belongs to; '' (no referral) for an id that is none. */
  const referralOf = async (table: 'consents' | 'who5_responses', id: string): Promise<string> => {
    if (!isUuid(id)) return '';
    const [row] = await app.db.transaction((tx) =>
      tx.query<{ referral_id: string }>(`select referral_id from ${table} where id = $1`, [id]),
    );
    return row?.referral_id ?? '';
  };

  const read = (type: string, summary: string, extra: { preValidation?: ReturnType<typeof navigators>; statuses?: number[] } = {}) => ({
    schema: {
      operationId: `fhirRead${type}`,
      summary,
      params: params('id'),
      response: { 200: fhirAnswer(type, type), ...problems(400, 401, ...(extra.statuses ?? []), 404) },
    },
    ...(extra.preValidation ? { preValidation: extra.preValidation } : {}),
  });

  app.get<{ Params: { id: string } }>(
    '/ServiceRequest/:id',
    read('ServiceRequest', 'The referral as a FHIR R4 ServiceRequest shaped like SDOHCC ServiceRequest'),
    async (request, reply) =>
      asFhir(
        reply,
        await guard.onReferral(request, 'fhir.service_request.read', async (tx, row, audit) => {
          audit.ok();
          return views.serviceRequest({ tx, row, principal: request.principal, origin: originOf(request, publicUrl) });
        }),
      ),
  );

  app.get<{ Params: { id: string } }>(
    '/Task/:id',
    read('Task', "The referral's closed-loop status as a FHIR R4 Task shaped like SDOHCC TaskForReferralManagement"),
    async (request, reply) =>
      asFhir(
        reply,
        await guard.onReferral(request, 'fhir.task.read', async (tx, row, audit) => {
          audit.ok();
          return views.task({ tx, row, principal: request.principal, origin: originOf(request, publicUrl) });
        }),
      ),
  );

  app.get<{ Params: { id: string } }>(
    '/Bundle/:id',
    read('Bundle', "Every FHIR resource of one referral (by the referral's id) as a collection Bundle"),
    async (request, reply) =>
      asFhir(
        reply,
        await guard.onReferral(request, 'fhir.bundle.read', async (tx, row, audit) => {
          audit.ok();
          return views.bundle({ tx, row, principal: request.principal, origin: originOf(request, publicUrl) });
        }),
      ),
  );

  app.get<{ Params: { id: string } }>(
    '/Consent/:id',
    read('Consent', 'A consent as a FHIR R4 Consent shaped like SDOHCC Consent'),
    async (request, reply) =>
      asFhir(
        reply,
        await guard.onReferral(
          request,
          'fhir.consent.read',
          async (tx, row, audit) => {
            const consent = (await listConsents(tx, row.id)).find((c) => c.id === request.params.id);
            if (!consent) return audit.notFound({ resourceType: 'consent' });
            audit.ok({ resourceType: 'consent', resourceId: consent.id });
            return views.consent({ tx, row, principal: request.principal, origin: originOf(request, publicUrl) }, consent);
          },
          { id: await referralOf('consents', request.params.id) },
        ),
      ),
  );

  for (const [type, action] of [
    ['QuestionnaireResponse', 'fhir.questionnaire_response.read'],
    ['Observation', 'fhir.observation.read'],
  ] as const) {
    app.get<{ Params: { id: string } }>(
      `/${type}/:id`,
      read(
        type,
        type === 'Observation'
          ? 'A WHO-5 score as a FHIR R4 Observation derived from its QuestionnaireResponse'
          : "WHO-5 answers as a FHIR R4 QuestionnaireResponse to KL's WHO-5 Questionnaire, with KL's FindingInformer",
        { preValidation: navigators(action), statuses: [403] },
      ),
      async (request, reply) =>
        asFhir(
          reply,
          await guard.onReferral(
            request,
            action,
            async (tx, row, audit) => {
              const response = (await listWho5(tx, row.id)).find((r) => r.id === request.params.id);
              if (!response) return audit.notFound({ resourceType: 'who5_response' });
              audit.ok({ resourceType: 'who5_response', resourceId: response.id });
              const read = { tx, row, principal: request.principal, origin: originOf(request, publicUrl) };
              return type === 'Observation' ? views.who5Score(read, response) : views.questionnaireResponse(read, response);
            },
            { id: await referralOf('who5_responses', request.params.id) },
          ),
        ),
    );
  }
};
