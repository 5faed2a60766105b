import SwaggerParser from '@apidevtools/swagger-parser';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { suiteServer, type UntypedJson } from './harness.js';

// The OpenAPI document is generated from the routes' schemas (@fastify/swagger). Until it was, it was written by
// hand; `fixtures/openapi-before.json` is that hand-written document, kept so that the generated one is shown to
// say at least as much, key by key: the same operations, summaries, parameters, bodies, examples and answers.

type Json = Record<string, UntypedJson>;
const before = JSON.parse(readFileSync(new URL('fixtures/openapi-before.json', import.meta.url), 'utf8')) as Json;

/** The places where `actual` does not hold everything `expected` holds (values equal, or objects with more keys). */
function missing(expected: unknown, actual: unknown, at: string): string[] {
  if (expected === actual) return [];
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length)
      return [`${at}: ${JSON.stringify(actual)} is not ${JSON.stringify(expected)}`];
    return expected.flatMap((item, i) => missing(item, actual[i], `${at}[${i}]`));
  }
  if (expected && typeof expected === 'object') {
    if (!actual || typeof actual !== 'object') return [`${at}: missing`];
    return Object.entries(expected).flatMap(([key, value]) => missing(value, (actual as Json)[key], `${at}.${key}`));
  }
  return [`${at}: ${JSON.stringify(actual)} is not ${JSON.stringify(expected)}`];
}

/** Parameters compared by where and what they are, not by their order. */
const byPlace = (parameters: Json[] = []) => Object.fromEntries(parameters.map((p) => [`${p.in}:${p.name.toLowerCase()}`, p]));

/**
 * Where the generated document says something else on purpose. `limit` is a string of digits in the query and in
 * the search body alike, and the document now says what the API checks: the pattern, not an integer.
 */
const reviewed: Record<string, Json> = {
  'get /v1/referrals query:limit': {
    name: 'limit',
    in: 'query',
    schema: { type: 'string', pattern: '^(100|[1-9][0-9]?)$', default: '25' },
  },
};

describe('the generated OpenAPI document', () => {
  const s = suiteServer('pglite');

  it('is valid OpenAPI 3.1 (swagger-parser) with a unique operationId and a tag on every operation', async () => {
    const { body: doc } = await s.request('GET', '/openapi.json');
    await expect(SwaggerParser.validate(structuredClone(doc))).resolves.toBeTruthy();
    const operations = Object.values(doc.paths as Json).flatMap((ops) => Object.values(ops as Json));
    const ids = operations.map((op) => op.operationId);
    expect(ids.every((id) => typeof id === 'string')).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect(operations.filter((op) => op.tags?.length !== 1).map((op) => op.operationId)).toEqual([]);
  });

  it('documents exactly the operations the hand-written document did', async () => {
    const { body: doc } = await s.request('GET', '/openapi.json');
    const operations = (d: Json) =>
      Object.entries(d.paths as Json).flatMap(([path, ops]) => Object.keys(ops as Json).map((method) => `${method} ${path}`));
    expect(operations(doc).sort()).toEqual(operations(before).sort());
  });

  it('says at least what the hand-written document said, key by key', async () => {
    const { body: doc } = await s.request('GET', '/openapi.json');
    const gaps: string[] = [];
    for (const [path, ops] of Object.entries(before.paths as Json)) {
      for (const [method, op] of Object.entries(ops as Json)) {
        const at = `${method} ${path}`;
        const now = doc.paths[path][method] as Json;
        const { parameters, responses, ...rest } = op as Json;
        gaps.push(...missing(rest, now, at));
        const current = byPlace(now.parameters);
        for (const [place, parameter] of Object.entries(byPlace(parameters))) {
          const expected = reviewed[`${at} ${place}`] ?? {
            ...parameter,
            name: current[place]?.name ?? parameter.name,
            required: parameter.required ?? false,
          };
          gaps.push(...missing(expected, current[place], `${at} ${place}`));
        }
        for (const [status, response] of Object.entries(responses as Json))
          gaps.push(...missing(response, now.responses[status], `${at} ${status}`));
      }
    }
    for (const [name, schema] of Object.entries(before.components.schemas as Json))
      gaps.push(...missing(schema, doc.components.schemas[name], `components.schemas.${name}`));
    gaps.push(...missing(before.components.securitySchemes, doc.components.securitySchemes, 'components.securitySchemes'));
    gaps.push(...missing(before.info, doc.info, 'info'));
    expect(gaps).toEqual([]);
  });

  it('gives every answer its contract where the hand-written document gave none', async () => {
    const { body: doc } = await s.request('GET', '/openapi.json');
    const plan = doc.paths['/v1/referrals/{id}/plan'].get.responses['200'];
    expect(plan.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/CurrentPlan' });
    expect(doc.paths['/v1/first-contacts'].get.responses['200'].content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/FirstContactList',
    });
    expect(doc.components.schemas.HsdsImportReport.properties.rejected.type).toBe('array');
  });
});
