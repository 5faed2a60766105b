import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { UntypedJson } from './harness.js';

// Checks answers the API really gave against what its OpenAPI document promises for that operation and status:
// the status must be one the operation lists, the media type one of that response's, and a JSON body valid against
// its schema (ajv, JSON Schema 2020-12 as OpenAPI 3.1 uses, with formats); a body of another media type must be
// bytes of that type. An answer to a path no operation has is a mismatch too.

/** One answer as a test saw it: the request's method and path (no query), and what came back. */
export interface Answer {
  method: string;
  path: string;
  status: number;
  /** The content-type header without its parameters; '' when there was none. */
  mediaType: string;
  /** Parsed JSON for a JSON media type, else the bytes (or nothing: a stream that was not read). */
  body: unknown;
}

interface Operation {
  method: string;
  template: string;
  pattern: RegExp;
  literalSegments: number;
  /** The operation's security requirements: none (`[]`) for an open one. */
  security: unknown[];
  responses: Record<string, { content?: Record<string, { schema?: UntypedJson }> }>;
}

const isJson = (mediaType: string) => mediaType === 'application/json' || mediaType.endsWith('+json');
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export class OpenApiConformance {
  readonly operations: Operation[];
  private readonly ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(private readonly document: UntypedJson) {
    addFormats(this.ajv);
    this.operations = Object.entries(document.paths as Record<string, Record<string, UntypedJson>>).flatMap(([template, methods]) =>
      Object.entries(methods).map(([method, operation]) => {
        const segments = template.split('/');
        return {
          method: method.toUpperCase(),
          template,
          pattern: new RegExp(`^${segments.map((s) => (/^\{.+\}$/.test(s) ? '[^/]+' : escapeRegExp(s))).join('/')}$`),
          literalSegments: segments.filter((s) => !s.startsWith('{')).length,
          security: (operation.security ?? document.security ?? []) as unknown[],
          responses: operation.responses,
        };
      }),
    );
  }

  /** The operation an answer belongs to: the matching path with the most literal segments (`/referrals/search` over `/referrals/{id}`). */
  operationOf(method: string, path: string): Operation | undefined {
    return this.operations
      .filter((o) => o.method === method && o.pattern.test(path))
      .sort((a, b) => b.literalSegments - a.literalSegments)[0];
  }

  private validator(key: string, schema: UntypedJson): ValidateFunction {
    let validate = this.validators.get(key);
    if (!validate) {
      // The schema's `#/components/schemas/…` references resolve within this wrapper, as they do in the document.
      validate = this.ajv.compile({
        $id: `urn:henvis:answer:${this.validators.size}`,
        components: this.document.components,
        allOf: [schema],
      });
      this.validators.set(key, validate);
    }
    return validate;
  }

  /** What is wrong with an answer, as lines naming the operation and status; none when it is what the document says. */
  mismatches(answer: Answer): string[] {
    const operation = this.operationOf(answer.method, answer.path);
    const at = `${answer.method} ${operation?.template ?? answer.path} → ${answer.status}`;
    if (!operation) return [`${at}: no operation of the document has this path`];
    const statusKey = [String(answer.status), `${String(answer.status).charAt(0)}XX`, 'default'].find((k) => k in operation.responses);
    if (!statusKey) return [`${at}: a status the operation does not document (${Object.keys(operation.responses).join(', ')})`];
    const content = operation.responses[statusKey]!.content;
    if (!content)
      return answer.mediaType === '' || answer.status === 204 ? [] : [`${at}: a ${answer.mediaType} body where none is documented`];
    const media = content[answer.mediaType];
    if (!media) return [`${at}: media type ${answer.mediaType || '(none)'}, not one of ${Object.keys(content).join(', ')}`];
    if (!media.schema) return [`${at}: no schema for ${answer.mediaType}`];
    if (!isJson(answer.mediaType)) {
      const schema = media.schema as { type?: string; contentMediaType?: string };
      if (schema.type !== 'string') return [`${at}: a ${answer.mediaType} body, but the schema is not a string of bytes`];
      if (schema.contentMediaType && schema.contentMediaType !== answer.mediaType)
        return [`${at}: the schema says ${schema.contentMediaType}, the answer is ${answer.mediaType}`];
      return answer.body === undefined || (answer.body instanceof Uint8Array && answer.body.length > 0) ? [] : [`${at}: an empty body`];
    }
    const validate = this.validator(`${operation.method} ${operation.template} ${statusKey} ${answer.mediaType}`, media.schema);
    if (validate(answer.body)) return [];
    return (validate.errors ?? []).map((e) => `${at}: ${e.instancePath || '(body)'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
  }
}
