import {
  NewReferral,
  Problem,
  Referral,
  ReferralEventList,
  ReferralPage,
  TransitionRequest,
  exampleNewReferral,
  exampleTransitions,
  jsonSchemaOf,
  problemCatalog,
  referralStatuses,
} from '@henvis/contracts';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (name: string) => ({ 'application/json': { schema: ref(name) } });
const problems = (...statuses: number[]) =>
  Object.fromEntries(
    statuses.map((status) => [
      String(status),
      {
        description: Object.entries(problemCatalog)
          .filter(([, p]) => p.status === status)
          .map(([code]) => `\`${code}\``)
          .join(', '),
        content: { 'application/problem+json': { schema: ref('Problem') } },
      },
    ]),
  );
const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } };
const auth = [{ bearer: [] }];

/** The OpenAPI 3.1 document of the HTTP API, generated from the contracts. */
export function openApiDocument(serverUrl?: string) {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Henvis API',
      version: '1.0.0',
      description:
        'Social prescribing (social henvisning) from the GP journal to the social navigator. Every /v1 request carries a bearer token (JWT, typ at+jwt, ES256/RS256/PS256, at most 15 minutes) from a trusted issuer; CPR numbers travel only in bodies and tokens, never in URLs. Errors are problem+json with a stable `code`.',
    },
    ...(serverUrl ? { servers: [{ url: serverUrl }] } : {}),
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: {
        NewReferral: jsonSchemaOf(NewReferral, 'input'),
        Referral: jsonSchemaOf(Referral, 'output'),
        ReferralPage: jsonSchemaOf(ReferralPage, 'output'),
        ReferralEventList: jsonSchemaOf(ReferralEventList, 'output'),
        TransitionRequest: jsonSchemaOf(TransitionRequest, 'input'),
        Problem: jsonSchemaOf(Problem, 'output'),
      },
    },
    paths: {
      '/health': {
        get: { summary: 'Liveness, storage kind and applied migrations', responses: { '200': { description: 'Healthy' } } },
      },
      '/v1/referrals': {
        post: {
          summary: 'Send a referral (send henvisning)',
          security: auth,
          parameters: [
            {
              name: 'Idempotency-Key',
              in: 'header',
              required: true,
              description: 'A fresh key (e.g. a UUID) per referral. Same key and body: the stored response again. Same key, other body: 422. Same key while the first is running: 409.',
              schema: { type: 'string', pattern: '^[A-Za-z0-9._:-]{8,255}$' },
            },
          ],
          requestBody: { required: true, content: { 'application/json': { schema: ref('NewReferral'), example: exampleNewReferral } } },
          responses: { '201': { description: 'Stored', content: json('Referral') }, ...problems(400, 401, 403, 409, 413, 415, 422) },
        },
        get: {
          summary: "List referrals the caller may see, newest first (a practice its own; a navigator the served practices')",
          security: auth,
          parameters: [
            { name: 'status', in: 'query', schema: { type: 'string' }, description: `Comma-separated: ${referralStatuses.join(', ')}` },
            { name: 'practice', in: 'query', schema: { type: 'string' }, description: 'Practice id (ydernummer)' },
            { name: 'from', in: 'query', schema: { type: 'string' }, description: 'Created on or after (date = Danish day, or ISO time)' },
            { name: 'to', in: 'query', schema: { type: 'string' }, description: 'Created on or before (date, inclusive) or before (ISO time)' },
            { name: 'cursor', in: 'query', schema: { type: 'string' }, description: '`nextCursor` of the previous page' },
            { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100, default: 25 } },
          ],
          responses: { '200': { description: 'One page', content: json('ReferralPage') }, ...problems(400, 401) },
        },
      },
      '/v1/referrals/{id}': {
        get: {
          summary: 'Read one referral',
          security: auth,
          parameters: [idParam],
          responses: { '200': { description: 'The referral', content: json('Referral') }, ...problems(401, 404) },
        },
      },
      '/v1/referrals/{id}/transitions': {
        post: {
          summary: 'Change the status (closing, rejecting and cancelling need a reason and a text)',
          security: auth,
          parameters: [idParam],
          requestBody: {
            required: true,
            content: { 'application/json': { schema: ref('TransitionRequest'), example: exampleTransitions.close } },
          },
          responses: { '200': { description: 'The changed referral', content: json('Referral') }, ...problems(400, 401, 403, 404, 409) },
        },
      },
      '/v1/referrals/{id}/events': {
        get: {
          summary: 'The timeline: creation and each status change, with who and when',
          security: auth,
          parameters: [idParam],
          responses: { '200': { description: 'Events, oldest first', content: json('ReferralEventList') }, ...problems(401, 404) },
        },
      },
    },
  };
}
