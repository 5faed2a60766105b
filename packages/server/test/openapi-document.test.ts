import SwaggerParser from '@apidevtools/swagger-parser';
import { describe, expect, it } from 'vitest';
import { suiteServer, type UntypedJson } from './harness.js';

// The OpenAPI document is generated from the routes' schemas (@fastify/swagger). `docs/openapi.json` holds it as
// a file snapshot, so every change to what the API promises shows in review as a diff of that file
// (`pnpm vitest run packages/server/test/openapi-document.test.ts -u` writes it anew).

type Json = Record<string, UntypedJson>;

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

  it('is the reviewed document in docs/openapi.json', async () => {
    const { body: doc } = await s.request('GET', '/openapi.json');
    await expect(`${JSON.stringify(doc, null, 2)}\n`).toMatchFileSnapshot('../../../docs/openapi.json');
  });

  it('gives every answer its contract', async () => {
    const { body: doc } = await s.request('GET', '/openapi.json');
    const plan = doc.paths['/v1/referrals/{id}/plan'].get.responses['200'];
    expect(plan.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/CurrentPlan' });
    expect(doc.paths['/v1/first-contacts'].get.responses['200'].content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/FirstContactList',
    });
    expect(doc.components.schemas.HsdsImportReport.properties.rejected.type).toBe('array');
  });
});
