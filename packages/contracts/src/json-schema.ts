import * as z from 'zod/mini';

/** The JSON Schema (2020-12, as OpenAPI 3.1 uses) of a contract, for generated API documents and docs. */
export function jsonSchemaOf(schema: z.ZodMiniType, io: 'input' | 'output' = 'output'): Record<string, unknown> {
  const { $schema: _dialect, ...json } = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' });
  return json;
}
