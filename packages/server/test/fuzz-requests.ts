import type { Random } from '../src/pilot-history/random.js';
import type { UntypedJson } from './harness.js';

// Bad requests generated from the API's own OpenAPI document, so that a new operation is fuzzed without editing
// the fuzz. Each request carries personal data (valid-looking, fictitious) where a client might put it, and at
// least one fault the API must refuse: a write with a valid token always gets one that no handler may accept.

/** Fictitious but valid-looking personal data: the store holds none of it, so wherever it shows up it was echoed. */
export const PERSONAL = {
  cpr: '120383-4417',
  name: 'Gunhild Fuglsang',
  phone: '+45 61 72 83 94',
  note: 'Drikker for meget siden skilsmissen',
};
/** What to look for: each datum, a part of it that identifies, and the CPR and phone numbers as bare digits. */
export const PERSONAL_TRACES = [PERSONAL.cpr, '1203834417', PERSONAL.name, 'Fuglsang', PERSONAL.phone, '61728394', 'skilsmissen'];

type Schema = Record<string, UntypedJson>;

export interface Operation {
  id: string;
  method: string;
  /** The OpenAPI path, `{name}` for each path parameter. */
  path: string;
  pathParams: string[];
  query: { name: string; schema: Schema }[];
  idempotencyKey: boolean;
  /** The JSON body it takes: its schema (references resolved on demand) and the document's example. */
  body?: { schema: Schema; example: unknown };
}

export interface FuzzRequest {
  operation: string;
  method: string;
  /** Path and query, encoded as sent. */
  url: string;
  headers: Record<string, string>;
  body?: string | Uint8Array;
  /** What is wrong with it, for the report of a failure. */
  faults: string[];
}

export interface FuzzContext {
  /** Tokens the API accepts, of several roles and organisations (one bound to the fuzz's CPR number). */
  validTokens: string[];
  /** Authorization headers the API must refuse (undefined: none sent), by what is wrong with them. */
  badAuthorizations: [string, string | undefined][];
  /** Real ids for path parameters, by the operation's path prefix and parameter name (`/v1/offers {id}`). */
  idFor(path: string, param: string): string;
}

/** Every operation of the document, with what the fuzz needs of it. */
export function operationsOf(document: UntypedJson): Operation[] {
  const operations: Operation[] = [];
  for (const [path, methods] of Object.entries<UntypedJson>(document.paths)) {
    for (const [method, operation] of Object.entries<UntypedJson>(methods)) {
      const parameters = (operation.parameters ?? []) as { in: string; name: string; schema: Schema }[];
      const json = operation.requestBody?.content?.['application/json'];
      operations.push({
        id: operation.operationId ?? `${method} ${path}`,
        method: method.toUpperCase(),
        path,
        pathParams: parameters.filter((p) => p.in === 'path').map((p) => p.name),
        query: parameters.filter((p) => p.in === 'query').map(({ name, schema }) => ({ name, schema })),
        idempotencyKey: parameters.some((p) => p.in === 'header' && p.name.toLowerCase() === 'idempotency-key'),
        ...(json ? { body: { schema: json.schema as Schema, example: json.example ?? json.examples?.[0] ?? {} } } : {}),
      });
    }
  }
  return operations;
}

type Path = (string | number)[];
interface Slot {
  path: Path;
  schema: Schema;
  value: unknown;
  /** Listed in its object's `required`. */
  required: boolean;
}

/** A fault: what it does to the request, and whether every handler must refuse the request it makes. */
interface Fault {
  name: string;
  certain: boolean;
  apply(request: Draft): void;
}

interface Draft {
  method: string;
  params: Record<string, string>;
  query: [string, string][];
  headers: Record<string, string>;
  body: unknown;
  /** The body as sent, where it is not `body` as JSON. */
  raw?: string | Uint8Array;
  contentType?: string;
}

const clone = <T>(value: T): T => structuredClone(value);

function get(value: unknown, path: Path): unknown {
  return path.reduce<unknown>(
    (at, key) => (typeof at === 'object' && at !== null ? (at as Record<string | number, unknown>)[key] : undefined),
    value,
  );
}

const isContainer = (value: unknown): value is Record<string | number, unknown> => typeof value === 'object' && value !== null;

/** `value` with the value at `path` replaced (where an earlier fault left no object there, `value` as it is). */
function set(value: unknown, path: Path, to: unknown): unknown {
  if (path.length === 0) return to;
  const parent = get(value, path.slice(0, -1));
  if (isContainer(parent)) parent[path.at(-1)!] = to;
  return value;
}

function remove(value: unknown, path: Path): void {
  const parent = get(value, path.slice(0, -1));
  if (Array.isArray(parent)) parent.splice(Number(path.at(-1)), 1);
  else if (isContainer(parent)) Reflect.deleteProperty(parent, path.at(-1)!);
}

/** The schema a `$ref` names in the document, or the schema itself. */
function resolver(document: UntypedJson) {
  return function resolve(schema: Schema | undefined): Schema {
    let current = schema ?? {};
    while (typeof current.$ref === 'string') current = document.components.schemas[current.$ref.split('/').at(-1)!] as Schema;
    return current;
  };
}

/** The one JSON type a schema allows, if it says so plainly. */
const typeOf = (schema: Schema): string | undefined =>
  typeof schema.type === 'string' && !schema.anyOf && !schema.oneOf ? schema.type : undefined;

/** Each value of the body with its schema, walking the example. */
function slotsOf(value: unknown, schema: Schema, resolve: (s: Schema) => Schema, path: Path = [], required = true): Slot[] {
  const resolved = resolve(schema);
  const slots: Slot[] = [{ path, schema: resolved, value, required }];
  if (Array.isArray(value) && resolved.items) {
    value.forEach((item, i) => slots.push(...slotsOf(item, resolved.items as Schema, resolve, [...path, i], false)));
  } else if (value && typeof value === 'object' && resolved.properties) {
    const requiredKeys = new Set<string>((resolved.required as string[] | undefined) ?? []);
    for (const [key, item] of Object.entries(value)) {
      const property = (resolved.properties as Record<string, Schema>)[key];
      if (property) slots.push(...slotsOf(item, property, resolve, [...path, key], requiredKeys.has(key)));
    }
  }
  return slots;
}

/** The example with the fuzz's personal data where a client would put a CPR number, a name, a phone or a note. */
function personalise(value: unknown, key = ''): unknown {
  if (Array.isArray(value)) return value.map((item) => personalise(item));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, personalise(v, k)]));
  if (typeof value !== 'string') return value;
  if (key === 'cpr') return PERSONAL.cpr;
  if (key === 'phone') return PERSONAL.phone;
  if (key === 'name' && /^[A-ZÆØÅ][a-zæøå]+ [A-ZÆØÅ]/.test(value)) return PERSONAL.name;
  if (['note', 'body', 'wishes', 'goals', 'summary', 'nextStep', 'text'].includes(key)) return `${PERSONAL.name}: ${PERSONAL.note}`;
  return value;
}

const WRONG_TYPES: Record<string, unknown[]> = {
  string: [12_345, true, null, {}, [PERSONAL.cpr]],
  number: [PERSONAL.cpr, '12', true, null, []],
  integer: [PERSONAL.phone, '7', false, null, {}],
  boolean: ['true', 1, null, PERSONAL.name],
  array: [PERSONAL.note, {}, 1, null],
  object: [PERSONAL.cpr, [], 1, null],
};

/** Dates no record can have: the year 0000, before 1900, past year 9999, or no date at all. */
const BAD_DATES = ['0000-01-01T10:00:00Z', '1899-12-31T23:59:59Z', '0000-01-01', '+275760-09-13T00:00:00Z', '2026-13-45T99:99:99Z'];
/** Text PostgreSQL cannot store, around personal data. */
const UNSTORABLE = [`${PERSONAL.name}\u0000`, `\ud800${PERSONAL.cpr}`, `${PERSONAL.note}\udc00`, '\u0000'];
/** Path ids that are no resource's, some of them personal data or no URL at all. */
const BAD_IDS = [
  PERSONAL.cpr,
  encodeURIComponent(PERSONAL.name),
  encodeURIComponent(PERSONAL.phone),
  'abc',
  '%00',
  `${PERSONAL.cpr}%00`,
  '%E0%A4%A',
  '%ED%A0%80',
  '..%2F..%2Fhealth',
  '%20',
  '%F0%9F%98%80',
  `${PERSONAL.cpr}${'x'.repeat(120)}`,
  '00000000-0000-0000-0000-000000000000',
];
const WRONG_CONTENT_TYPES = [
  'text/plain',
  'application/xml',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'text/json',
  'application/jsonx',
];
const BAD_QUERY_VALUES = [
  encodeURIComponent(PERSONAL.name),
  PERSONAL.cpr,
  '%00',
  '-1',
  '1e309',
  '0000-01-01',
  'x'.repeat(3000),
  '',
  '%E0%A4%A',
  'true,false',
];
const PERSONAL_HEADERS: Record<string, string>[] = [
  { 'x-patient-cpr': PERSONAL.cpr },
  { referer: `http://journal.test/patient?cpr=${PERSONAL.cpr}` },
  { cookie: `patient=${PERSONAL.cpr}; name=${encodeURIComponent(PERSONAL.name)}` },
  { 'user-agent': `Journal for ${PERSONAL.name}` },
  { 'x-forwarded-for': PERSONAL.cpr },
  { 'last-event-id': PERSONAL.cpr },
];

/** The faults that fit `operation`, each applied to the draft of one request. */
function faultsOf(operation: Operation, random: Random, resolve: (s: Schema) => Schema): Fault[] {
  const faults: Fault[] = [];
  const add = (name: string, certain: boolean, apply: (draft: Draft) => void) => faults.push({ name, certain, apply });

  for (const param of operation.pathParams) {
    add(`path ${param}`, true, (d) => {
      d.params[param] = random.chance(0.3) ? random.uuid() : random.pick(BAD_IDS);
    });
  }
  // No operation of the API takes PATCH or DELETE: 405 (now and then, or it would crowd out the rest).
  if (random.chance(0.1)) {
    add('method', true, (d) => {
      d.method = random.pick(['PATCH', 'DELETE']);
    });
  }

  if (operation.idempotencyKey) {
    add('idempotency key', true, (d) => {
      const key = random.pick(['(none)', '', 'short', 'k'.repeat(300), PERSONAL.name, `${PERSONAL.cpr} ${PERSONAL.phone}`]);
      if (key === '(none)') delete d.headers['idempotency-key'];
      else d.headers['idempotency-key'] = key;
    });
  }

  for (const { name, schema } of operation.query) {
    add(`query ${name}`, false, (d) => d.query.push([name, random.pick(BAD_QUERY_VALUES)]));
    add(`query ${name} unstorable`, true, (d) => d.query.push([name, random.pick(['%00', `${PERSONAL.cpr}%00`])]));
    if (schema.enum) add(`query ${name} not in enum`, false, (d) => d.query.push([name, encodeURIComponent(PERSONAL.name)]));
  }
  if (operation.method === 'GET') {
    add('query with personal data', false, (d) => d.query.push([random.pick(['cpr', 'text', 'q', 'name']), PERSONAL.cpr]));
  }

  if (operation.method !== 'GET') {
    // A body in a type no route reads (a route taking zip files is no JSON route either).
    add('content type', true, (d) => {
      d.contentType = random.pick(WRONG_CONTENT_TYPES);
      d.raw = JSON.stringify(d.body ?? { cpr: PERSONAL.cpr, name: PERSONAL.name });
    });
    add('deeply nested body', true, (d) => {
      const depth = random.int(100, 9_000);
      d.contentType = 'application/json';
      d.raw = `${'{"cpr":'.repeat(depth)}"${PERSONAL.cpr}"${'}'.repeat(depth)}`;
    });
    add('body over 64 KiB', true, (d) => {
      d.raw = JSON.stringify({ note: `${PERSONAL.note} `.repeat(2_500), cpr: PERSONAL.cpr });
      d.contentType = 'application/json';
    });
    add('malformed JSON', true, (d) => {
      const text = JSON.stringify(d.body ?? { patient: { cpr: PERSONAL.cpr, name: PERSONAL.name } });
      d.contentType = 'application/json';
      d.raw = random.pick([
        text.slice(0, random.int(0, Math.max(0, text.length - 1))),
        `${text} ${PERSONAL.cpr}`,
        `{"__proto__":{"isAdmin":true},"cpr":"${PERSONAL.cpr}"}`,
        `{"constructor":{"prototype":{"cpr":"${PERSONAL.cpr}"}}}`,
        `{'cpr': '${PERSONAL.cpr}'}`,
        `{"cpr":"${PERSONAL.cpr}",}`,
        `\uFEFF{"cpr":"${PERSONAL.cpr}"`,
      ]);
    });
  }

  if (!operation.body) {
    if (operation.method !== 'GET') {
      // Routes without a declared body read none, or one of their own (an HSDS import): junk, not certainly refused.
      add('junk body', false, (d) => {
        d.contentType = 'application/json';
        d.body = random.pick([
          { cpr: PERSONAL.cpr, name: `${PERSONAL.name}\u0000`, contents: [{ name: `\ud800${PERSONAL.name}` }] },
          [PERSONAL.note],
          { contents: [{ id: PERSONAL.cpr, name: PERSONAL.name, organization: { name: '\u0000' } }] },
        ]);
      });
    }
    return faults;
  }

  const schema = resolve(operation.body.schema);
  const slots = () => slotsOf(operation.body!.example, schema, resolve);
  const slotFault = (name: string, fits: (slot: Slot) => boolean, certain: (slot: Slot) => boolean, to: (slot: Slot) => unknown) => {
    const fitting = slots().filter(fits);
    if (fitting.length === 0) return;
    const slot = random.pick(fitting);
    add(`${name} at ${slot.path.join('.') || '(body)'}`, certain(slot), (d) => {
      d.body = set(d.body, slot.path, to(slot));
    });
  };

  slotFault(
    'wrong type',
    (s) => !!typeOf(s.schema) && s.path.length > 0,
    () => true,
    (s) => random.pick(WRONG_TYPES[typeOf(s.schema)!] ?? [null]),
  );
  slotFault(
    'unstorable text',
    (s) => typeof s.value === 'string',
    () => true,
    () => random.pick(UNSTORABLE),
  );
  slotFault(
    'too long',
    (s) => typeof s.schema.maxLength === 'number',
    () => true,
    (s) => `${PERSONAL.note} ${'x'.repeat(s.schema.maxLength as number)}`.slice(0, (s.schema.maxLength as number) + 40),
  );
  slotFault(
    'bad date',
    (s) => s.schema.format === 'date-time' || s.schema.format === 'date',
    () => true,
    () => random.pick(BAD_DATES),
  );
  slotFault(
    'number out of range',
    (s) => typeOf(s.schema) === 'integer' || typeof s.schema.minimum === 'number' || typeof s.schema.maximum === 'number',
    () => true,
    (s) => {
      const { minimum, maximum } = s.schema as { minimum?: number; maximum?: number };
      const choices = [
        ...(typeof minimum === 'number' ? [minimum - 1, -1e300] : []),
        ...(typeof maximum === 'number' ? [maximum + 1, 1e300] : []),
        ...(typeOf(s.schema) === 'integer' ? [1.5, Number.MAX_SAFE_INTEGER + 2] : []),
      ];
      return random.pick(choices.length > 0 ? choices : [1.5]);
    },
  );
  slotFault(
    'not in enum',
    (s) => Array.isArray(s.schema.enum),
    () => true,
    () => random.pick([PERSONAL.name, PERSONAL.cpr, '']),
  );
  // A string its pattern refuses, where one of these is (text patterns refuse only control characters).
  const patternBreaker = (pattern: string) =>
    [`${PERSONAL.name}!`, `${PERSONAL.cpr}x`, '', `${PERSONAL.name}\u0007`, `\u001b${PERSONAL.note}`].find(
      (candidate) => !new RegExp(pattern, 'u').test(candidate),
    );
  slotFault(
    'pattern',
    (s) => typeof s.schema.pattern === 'string' && typeof s.value === 'string' && patternBreaker(s.schema.pattern) !== undefined,
    () => true,
    (s) => patternBreaker(s.schema.pattern as string),
  );
  const requiredSlots = slots().filter((s) => s.required && s.path.length > 0 && typeof s.path.at(-1) === 'string');
  if (requiredSlots.length > 0) {
    const slot = random.pick(requiredSlots);
    add(`missing ${slot.path.join('.')}`, true, (d) => remove(d.body, slot.path));
  }
  const closed = slots().filter(
    (s) => s.schema.additionalProperties === false && s.value && typeof s.value === 'object' && !Array.isArray(s.value),
  );
  if (closed.length > 0) {
    const slot = random.pick(closed);
    // A key the object does not have: one it has would only change a value, perhaps to a valid one.
    const keys = [PERSONAL.cpr, 'cpr', 'patientName', PERSONAL.name, 'isAdmin'].filter((k) => !(k in (slot.schema.properties ?? {})));
    add(`extra field in ${slot.path.join('.') || '(body)'}`, true, (d) => {
      const target = get(d.body, slot.path);
      if (isContainer(target)) target[random.pick(keys)] = random.pick([PERSONAL.cpr, PERSONAL.name, true]);
    });
  }
  if (typeOf(schema) === 'object') {
    add('body not an object', true, (d) => {
      d.body = random.pick([[PERSONAL.cpr], PERSONAL.name, 42, null, true]);
    });
  }
  add('empty body', true, (d) => {
    d.contentType = 'application/json';
    d.raw = '';
  });
  return faults;
}

/**
 * Draws bad requests from `random` over `operations`: one fault or a few, a bad token now and then, personal data
 * in the body, the path, the query or a header. Writes with a valid token always carry a fault that is certainly
 * refused; a read may be valid (it changes nothing).
 */
export function fuzzRequests(random: Random, document: UntypedJson, operations: Operation[], context: FuzzContext): () => FuzzRequest {
  const resolve = resolver(document);
  return () => {
    const operation = random.pick(operations);
    const draft: Draft = {
      method: operation.method,
      params: Object.fromEntries(operation.pathParams.map((p) => [p, encodeURIComponent(context.idFor(operation.path, p))])),
      query: [],
      headers: random.chance(0.3) ? { ...random.pick(PERSONAL_HEADERS) } : {},
      body: operation.body ? personalise(clone(operation.body.example)) : undefined,
      ...(operation.body ? { contentType: 'application/json' } : {}),
    };
    if (operation.idempotencyKey) draft.headers['idempotency-key'] = random.chance(0.3) ? PERSONAL.cpr : `fuzz-${random.uuid()}`;

    const faults = faultsOf(operation, random, resolve);
    const chosen = new Set<Fault>();
    const count = random.int(1, 3);
    while (chosen.size < Math.min(count, faults.length)) chosen.add(random.pick(faults));
    const write = operation.method !== 'GET';
    let badToken = random.chance(0.25);
    if (write && ![...chosen].some((f) => f.certain)) {
      const certain = faults.filter((f) => f.certain);
      if (certain.length > 0) chosen.add(random.pick(certain));
      else badToken = true;
    }
    // The certain faults last, so that no other fault undoes them (junk sent as JSON after a wrong content type).
    const names: string[] = [];
    for (const fault of [...chosen].sort((a, b) => Number(a.certain) - Number(b.certain))) {
      fault.apply(draft);
      names.push(fault.name);
    }
    if (badToken) {
      const [name, authorization] = random.pick(context.badAuthorizations);
      names.push(`token: ${name}`);
      if (authorization !== undefined) draft.headers.authorization = authorization;
    } else {
      draft.headers.authorization = `Bearer ${random.pick(context.validTokens)}`;
    }

    const path = operation.path.replace(/\{(\w+)\}/g, (_, name: string) => draft.params[name] ?? '');
    const query = draft.query.map(([name, value]) => `${encodeURIComponent(name)}=${value}`).join('&');
    const sendsBody = draft.method !== 'GET' && (draft.raw !== undefined || draft.body !== undefined);
    if (sendsBody && draft.contentType) draft.headers['content-type'] = draft.contentType;
    return {
      operation: operation.id,
      method: draft.method,
      url: query ? `${path}?${query}` : path,
      headers: draft.headers,
      ...(sendsBody ? { body: draft.raw ?? JSON.stringify(draft.body) } : {}),
      faults: names,
    };
  };
}
