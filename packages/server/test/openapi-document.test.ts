import SwaggerParser from '@apidevtools/swagger-parser';
import { describe, expect, it } from 'vitest';
import { suiteServer, type UntypedJson } from './harness.js';

// The OpenAPI document is generated from the routes' schemas (@fastify/swagger). `docs/openapi.json` holds it as
// a file snapshot, so every change to what the API promises shows in review as a diff of that file
// (`pnpm vitest run packages/server/test/openapi-document.test.ts -u` writes it anew). The rules below hold for
// every operation, so a route added later is held to them too; openapi-lint.test.ts lints the same file with
// @redocly/cli, and openapi-responses.test.ts checks the API's real answers against it.

type Json = Record<string, UntypedJson>;
interface Operation {
  key: string;
  operation: Json;
}

const operationsOf = (doc: Json): Operation[] =>
  Object.entries(doc.paths as Json).flatMap(([path, methods]) =>
    Object.entries(methods as Json).map(([method, operation]) => ({
      key: `${method.toUpperCase()} ${path}`,
      operation: operation as Json,
    })),
  );

/** Every schema object inside `schema`, with `$ref`s to the document's components followed once. */
function schemasIn(schema: unknown, doc: Json, seen = new Set<unknown>()): Json[] {
  if (!schema || typeof schema !== 'object' || seen.has(schema)) return [];
  seen.add(schema);
  const node = schema as Json;
  const ref = typeof node.$ref === 'string' ? /^#\/components\/schemas\/(.+)$/.exec(node.$ref)?.[1] : undefined;
  const inner = Object.values(node).flatMap((value) =>
    Array.isArray(value) ? value.flatMap((v: unknown) => schemasIn(v, doc, seen)) : schemasIn(value, doc, seen),
  );
  return [node, ...(ref ? schemasIn(doc.components.schemas[ref], doc, seen) : []), ...inner];
}

describe('the generated OpenAPI document', () => {
  const s = suiteServer('pglite');

  it('is valid OpenAPI 3.1 (swagger-parser), with servers, and an id, one described tag and a summary on every operation', async () => {
    const { body: doc } = await s.request('GET', '/openapi.json');
    await expect(SwaggerParser.validate(structuredClone(doc))).resolves.toBeTruthy();
    expect(doc.servers).toEqual([{ url: '/', description: expect.any(String) }]);
    const operations = operationsOf(doc);
    expect(operations.length).toBeGreaterThan(40);
    const ids = operations.map(({ operation }) => operation.operationId);
    expect(operations.filter(({ operation }) => typeof operation.operationId !== 'string').map((o) => o.key)).toEqual([]);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    const tags = new Map((doc.tags as Json[]).map((tag) => [tag.name, tag.description]));
    expect(operations.filter(({ operation }) => operation.tags?.length !== 1 || !tags.get(operation.tags[0])).map((o) => o.key)).toEqual(
      [],
    );
    expect(operations.filter(({ operation }) => !(operation.summary?.trim().length > 0)).map((o) => o.key)).toEqual([]);
  });

  it('says how every operation is secured: the health check open, the API with the bearer token', async () => {
    const { body: doc } = await s.request('GET', '/openapi.json');
    expect(doc.paths['/health'].get.security).toEqual([]);
    const operations = operationsOf(doc);
    expect(operations.filter(({ operation }) => !Array.isArray(operation.security)).map((o) => o.key)).toEqual([]);
    expect(
      operations
        .filter(({ key, operation }) => key.includes(' /v1/') && JSON.stringify(operation.security) !== '[{"bearer":[]}]')
        .map((o) => o.key),
    ).toEqual([]);
  });

  it('gives every 2xx answer a schema for each media type, none of them an open object', async () => {
    const { body: doc } = await s.request('GET', '/openapi.json');
    const problems: string[] = [];
    for (const { key, operation } of operationsOf(doc)) {
      for (const [status, response] of Object.entries(operation.responses as Json)) {
        if (!status.startsWith('2') || status === '204') continue;
        const content = (response as Json).content as Json | undefined;
        if (!content || Object.keys(content).length === 0) problems.push(`${key} ${status}: no content`);
        for (const [media, { schema }] of Object.entries(content ?? {}) as [string, Json][]) {
          if (!schema) problems.push(`${key} ${status} ${media}: no schema`);
          else if (!/json/.test(media) && (schema.type !== 'string' || schema.contentMediaType !== media))
            problems.push(`${key} ${status} ${media}: not described as bytes of ${media}`);
          for (const node of schemasIn(schema, doc)) {
            if (node.additionalProperties === true) problems.push(`${key} ${status}: additionalProperties true`);
            if (node.type === 'object' && !node.properties && !node.additionalProperties && !node.$ref)
              problems.push(`${key} ${status}: an object without properties`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('is the reviewed document in docs/openapi.json', async () => {
    const { body: doc } = await s.request('GET', '/openapi.json');
    await expect(`${JSON.stringify(doc, null, 2)}\n`).toMatchFileSnapshot('../../../docs/openapi.json');
  });

  it('gives every answer its contract', async () => {
    const { body: doc } = await s.request('GET', '/openapi.json');
    const json = (path: string, method: string, status: string) =>
      doc.paths[path][method].responses[status].content['application/json'].schema;
    expect(json('/health', 'get', '200')).toEqual({ $ref: '#/components/schemas/Health' });
    expect(json('/v1/referrals/{id}/plan', 'get', '200')).toEqual({ $ref: '#/components/schemas/CurrentPlan' });
    expect(json('/v1/first-contacts', 'get', '200')).toEqual({ $ref: '#/components/schemas/FirstContactList' });
    expect(json('/v1/referrals/{id}/offer-links', 'get', '200')).toEqual({ $ref: '#/components/schemas/OfferLinkList' });
    expect(json('/v1/offers/export/hsds', 'get', '200')).toEqual({ $ref: '#/components/schemas/HsdsServicePage' });
    expect(json('/v1/offers/import/hsds', 'post', '200')).toEqual({ $ref: '#/components/schemas/HsdsImportReport' });
    expect(json('/v1/offers/import/hsds.zip', 'post', '200')).toEqual({ $ref: '#/components/schemas/HsdsImportReport' });
    expect(doc.paths['/v1/offers/export/hsds.zip'].get.responses['200'].content).toEqual({
      'application/zip': { schema: { type: 'string', contentMediaType: 'application/zip' } },
    });
    expect(doc.components.schemas.HsdsImportReport.properties.rejected.type).toBe('array');
    expect(doc.components.schemas.Health).toMatchObject({ additionalProperties: false, required: ['status', 'storage', 'migrations'] });
  });
});
