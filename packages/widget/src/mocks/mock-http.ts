import { HttpResponse } from 'msw';
import { problem } from '@henvis/contracts';

/** The API address the stories and component tests use. */
export const MOCK_API = 'http://henvis.test';

/** A problem+json answer with the API's stable code, as the real API sends it. */
export const problemResponse = (code: Parameters<typeof problem>[0], errors?: Parameters<typeof problem>[2]) => {
  const body = problem(code, undefined, errors);
  return HttpResponse.json(body, { status: body.status, headers: { 'content-type': 'application/problem+json' } });
};
