import { describe, expect, it } from 'vitest';
import { fhirJsErrors, invariantErrors, schemaErrors, validateFhir } from './fhir-validate.js';

// The validators the FHIR tests rely on, shown to pass a valid resource and to catch a planted fault each, so a
// green FHIR test means something.

const div = '<div xmlns="http://www.w3.org/1999/xhtml"><p>Henvisning til social ordination</p></div>';
const valid = {
  resourceType: 'ServiceRequest',
  id: 'sr-1',
  text: { status: 'generated', div },
  status: 'active',
  intent: 'order',
  code: { coding: [{ system: 'http://snomed.info/sct', code: '871731000000106' }] },
  subject: { reference: 'Patient/p-1' },
  occurrencePeriod: { start: '2026-01-02', end: '2026-02-01' },
};

describe('the FHIR validators of the test suite', () => {
  it('find nothing wrong with a valid ServiceRequest, alone and in a Bundle', async () => {
    expect(await validateFhir(valid)).toEqual([]);
    const bundle = {
      resourceType: 'Bundle',
      id: 'b-1',
      type: 'collection',
      entry: [{ fullUrl: 'urn:uuid:0b7f4c1e-6a43-4b8e-9a51-0d3c2f1e9a10', resource: valid }],
    };
    expect(await validateFhir(bundle)).toEqual([]);
  });

  it('the R4 JSON schema catches an unknown element and a wrong type', () => {
    expect(schemaErrors({ ...valid, colour: 'red' })).toEqual(['schema: ServiceRequest must NOT have additional properties: colour']);
    expect(schemaErrors({ ...valid, authoredOn: 20260102 }).join()).toMatch(/authoredOn must be string/);
    // Inside a Bundle, the entry's own type names the fault, without the noise of every other resource type.
    const bundle = { resourceType: 'Bundle', type: 'collection', entry: [{ resource: { ...valid, colour: 'red' } }] };
    expect(schemaErrors(bundle)).toEqual(['schema: ServiceRequest must NOT have additional properties: colour']);
  });

  it('FHIR.js catches a code outside its required value set and a missing required element', () => {
    expect(fhirJsErrors({ ...valid, intent: 'wish' }).join()).toMatch(/ServiceRequest\.intent: Code "wish" not found/);
    const { subject: _subject, ...noSubject } = valid;
    expect(fhirJsErrors(noSubject).join()).toMatch(/subject/);
  });

  it('the R4 invariants catch a broken rule of the resource, of a datatype, and of a resource inside a Bundle', () => {
    expect(invariantErrors({ ...valid, code: undefined, orderDetail: [{ text: 'x' }] })).toContain(
      'invariants: prr-1 at ServiceRequest: orderDetail SHALL only be present if code is present',
    );
    expect(invariantErrors({ ...valid, occurrencePeriod: { start: '2026-03-01', end: '2026-02-01' } })).toEqual([
      'invariants: per-1 at a Period: If present, start SHALL have a lower value than end',
    ]);
    const noCode = { ...valid, code: undefined, orderDetail: [{ text: 'x' }] };
    expect(invariantErrors({ resourceType: 'Bundle', type: 'collection', entry: [{ resource: noCode }] })).toEqual([
      'invariants: prr-1 at ServiceRequest: orderDetail SHALL only be present if code is present',
    ]);
    // bdl-7: a fullUrl twice in one Bundle.
    const twice = { fullUrl: 'urn:uuid:0b7f4c1e-6a43-4b8e-9a51-0d3c2f1e9a10', resource: valid };
    expect(invariantErrors({ resourceType: 'Bundle', type: 'collection', entry: [twice, twice] }).join()).toMatch(/bdl-7/);
  });
});
