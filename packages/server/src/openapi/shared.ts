/** The building blocks of the OpenAPI document's paths. */
import { problemStatuses } from '@henvis/contracts';

export const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
export const json = (name: string) => ({ 'application/json': { schema: ref(name) } });
export const problems = (...statuses: number[]) =>
  Object.fromEntries(
    statuses.map((status) => [
      String(status),
      {
        description: Object.entries(problemStatuses)
          .filter(([, s]) => s === status)
          .map(([code]) => `\`${code}\``)
          .join(', '),
        content: { 'application/problem+json': { schema: ref('Problem') } },
      },
    ]),
  );
export const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } };
export const auth = [{ bearer: [] }];
export const consentIdParam = { name: 'consentId', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } };
export const responseIdParam = { name: 'responseId', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } };
export const fhirJson = (resourceType: string) => ({ 'application/json': { schema: { type: 'object', properties: { resourceType: { const: resourceType } } } } });
