import { HttpResponse } from 'msw';
import { problem } from '@henvis/contracts';

/** The API address the stories and component tests use. */
export const MOCK_API = 'http://henvis.test';

/** A problem+json answer with the API's stable code, as the real API sends it. */
export const problemResponse = (code: Parameters<typeof problem>[0], errors?: Parameters<typeof problem>[2]) => {
  const body = problem(code, undefined, errors);
  return HttpResponse.json(body, { status: body.status, headers: { 'content-type': 'application/problem+json' } });
};

/**
 * An unsigned JWT with these claims, as a token the mock API takes: the widget reads who it names (the referrer
 * shown in the dialog) and when it expires, and never verifies it.
 */
export function mockToken(claims: Record<string, unknown>): string {
  const part = (value: unknown) =>
    btoa(String.fromCharCode(...new TextEncoder().encode(JSON.stringify(value))))
      .replace(/=+$/, '')
      .replace(/\+/g, '-')
      .replace(/\//g, '_');
  return `${part({ alg: 'none', typ: 'at+jwt' })}.${part(claims)}.`;
}
