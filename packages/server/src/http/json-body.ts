import type { FastifyInstance } from 'fastify';
import { HttpProblem } from '../http-problem.js';

/** Far deeper than any contract nests (a handful of levels), far shallower than what recursion cannot walk (thousands). */
export const MAX_JSON_DEPTH = 64;

/** Whether the arrays and objects of a JSON text nest deeper than `limit`, read without parsing it. */
export function nestsDeeperThan(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > limit) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}

/**
 * JSON bodies as Fastify parses them (`__proto__` and `constructor.prototype` refused), but not nested deeper than
 * MAX_JSON_DEPTH: 64 KiB of `{"a":` is valid JSON whose walk (the idempotency hash, the check for unstorable text)
 * would overflow the stack, a 500 for what is the client's error.
 */
export function parseJsonBodies(app: FastifyInstance): void {
  app.removeContentTypeParser('application/json');
  parseJsonBodiesOf(app, 'application/json');
}

/** Parses bodies of another JSON media type (`application/fhir+json`) the same way, where a plugin takes them. */
export function parseJsonBodiesOf(app: FastifyInstance, mediaType: string): void {
  const parse = app.getDefaultJsonParser('error', 'error');
  app.addContentTypeParser(mediaType, { parseAs: 'string' }, (request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (nestsDeeperThan(text, MAX_JSON_DEPTH)) {
      const error = { path: '', code: 'too_deep', message: `Nested deeper than ${MAX_JSON_DEPTH} levels.` };
      done(new HttpProblem('validation_failed', undefined, [error]), undefined);
      return;
    }
    void parse(request, text, done);
  });
}
