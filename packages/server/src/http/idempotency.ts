import { IdempotencyKey, jsonSchemaOf } from '@henvis/contracts';
import type { preValidationHookHandler } from 'fastify';
import { createHash } from 'node:crypto';
import { HttpProblem } from '../http-problem.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The create's Idempotency-Key and the hash of its body as sent, set by `requireIdempotencyKey`. */
    idempotency: { key: string; hash: string };
  }
}

/**
 * A `preValidation` hook for creates: the Idempotency-Key must be there (400 `idempotency_key_missing`) and well
 * formed (400 `idempotency_key_invalid`), and the body is hashed as it came, before validation, so a retry with
 * the same key is recognised as the same request.
 */
export const requireIdempotencyKey: preValidationHookHandler = (request, _reply, done) => {
  const header = request.headers['idempotency-key'];
  if (header === undefined || header === '') {
    done(new HttpProblem('idempotency_key_missing'));
  } else if (Array.isArray(header) || !IdempotencyKey.safeParse(header).success) {
    done(new HttpProblem('idempotency_key_invalid'));
  } else {
    request.idempotency = { key: header, hash: requestHash(request.body) };
    done();
  }
};

/** The Idempotency-Key header of the OpenAPI document. */
export const idempotencyKeyHeader = {
  type: 'object',
  properties: { 'Idempotency-Key': jsonSchemaOf(IdempotencyKey, 'input') },
  required: ['Idempotency-Key'],
};

/** A hash of the request body that ignores key order and white space. */
export function requestHash(body: unknown): string {
  return createHash('sha256').update(canonicalJson(body)).digest('hex');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
