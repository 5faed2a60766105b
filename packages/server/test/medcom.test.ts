import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { validateFhir } from './fhir-validate.js';
import { startTestServer, storages, suiteServer, type TestServer, type UntypedJson } from './harness.js';
import { AUNING, GRENAA, NORDDJURS, SYDDJURS, key, referral } from './fixtures.js';
import { careCommunicationErrors, threadOfMessagesErrors } from './medcom-rules.js';

const MC = 'http://medcomfhir.dk/ig';
const resources = (bundle: UntypedJson, type: string): UntypedJson[] =>
  bundle.entry.map((e: UntypedJson) => e.resource).filter((r: UntypedJson) => r.resourceType === type);
const one = (bundle: UntypedJson, type: string): UntypedJson => resources(bundle, type)[0];
const byRef = (bundle: UntypedJson, reference: string): UntypedJson =>
  bundle.entry.find((e: UntypedJson) => e.fullUrl.endsWith(`/${reference}`))?.resource;

/**
 * The MedCom Acknowledgement a receiving system returns for a CareCommunication message: from the message's receiver
 * to its sender, `response` naming its MessageHeader, the OperationOutcome of an error, and the Provenance.
 */
function acknowledgementOf(
  message: UntypedJson,
  { code = 'ok', id = randomUUID(), issue }: { code?: string; id?: string; issue?: UntypedJson } = {},
): UntypedJson {
  const header = one(message, 'MessageHeader');
  const sender = byRef(message, header.destination[0].receiver.reference);
  const receiver = byRef(message, header.sender.reference);
  const outcome = code === 'ok' ? undefined : { resourceType: 'OperationOutcome', id: `${id}-outcome`, issue: [issue] };
  return {
    resourceType: 'Bundle',
    id: `${id}-bundle`,
    type: 'message',
    timestamp: '2026-05-04T09:15:00+02:00',
    entry: [
      {
        fullUrl: `https://receiver.example/fhir/MessageHeader/${id}`,
        resource: {
          resourceType: 'MessageHeader',
          id,
          eventCoding: { system: `${MC}/terminology/CodeSystem/medcom-messaging-eventCodes`, code: 'acknowledgement-message' },
          destination: [
            {
              extension: [
                {
                  url: `${MC}/messaging/StructureDefinition/medcom-messaging-destinationUseExtension`,
                  valueCoding: { system: `${MC}/terminology/CodeSystem/medcom-messaging-destinationUse`, code: 'primary' },
                },
              ],
              endpoint: header.source.endpoint,
              receiver: { reference: `Organization/${receiver.id}` },
            },
          ],
          sender: { reference: `Organization/${sender.id}` },
          source: { endpoint: header.destination[0].endpoint },
          response: { identifier: header.id, code, ...(outcome ? { details: { reference: `OperationOutcome/${outcome.id}` } } : {}) },
        },
      },
      {
        fullUrl: `https://receiver.example/fhir/Provenance/${id}-provenance`,
        resource: {
          resourceType: 'Provenance',
          id: `${id}-provenance`,
          target: [{ reference: `MessageHeader/${id}` }],
          recorded: '2026-05-04T09:15:00+02:00',
          activity: { coding: [{ system: `${MC}/terminology/CodeSystem/medcom-messaging-activityCodes`, code: 'acknowledgement' }] },
          agent: [{ who: { reference: `Organization/${sender.id}` } }],
          entity: [{ role: 'revision', what: { reference: `MessageHeader/${header.id}` } }],
        },
      },
      { fullUrl: `https://receiver.example/fhir/Organization/${sender.id}`, resource: sender },
      { fullUrl: `https://receiver.example/fhir/Organization/${receiver.id}`, resource: receiver },
      ...(outcome ? [{ fullUrl: `https://receiver.example/fhir/OperationOutcome/${outcome.id}`, resource: outcome }] : []),
    ],
  };
}

/** A referral from Grenaa that Norddjurs took, a message each way and the closing. */
async function course(s: TestServer): Promise<string> {
  const doctor = s.token('doctor', GRENAA);
  const navigator = s.token('navigator', NORDDJURS);
  const created = await s.request('POST', '/v1/referrals', { token: doctor, body: referral(), headers: { 'idempotency-key': key() } });
  const id: string = created.body.id;
  for (const to of ['received', 'accepted']) await s.request('POST', `/v1/referrals/${id}/transitions`, { token: navigator, body: { to } });
  const question = await s.request('POST', `/v1/referrals/${id}/messages`, {
    token: navigator,
    body: { body: 'Må jeg ringe til Karen om formiddagen?' },
  });
  await s.request('POST', `/v1/referrals/${id}/messages`, {
    token: doctor,
    body: { body: 'Ja, formiddag passer bedst.', inReplyTo: question.body.id },
  });
  const closed = await s.request('POST', `/v1/referrals/${id}/transitions`, {
    token: navigator,
    body: { to: 'closed', reason: 'joined_community', note: 'Karen går i gåklubben hver uge.' },
  });
  expect(closed.status).toBe(200);
  return id;
}

const exportOf = (s: TestServer, id: string, token: string) => s.request('GET', `/v1/referrals/${id}/care-communications`, { token });
const post = (s: TestServer, id: string, token: string, body: unknown, type = 'application/fhir+json') =>
  s.request('POST', `/v1/referrals/${id}/care-communications/acknowledgements`, {
    token,
    raw: JSON.stringify(body),
    headers: { 'content-type': type },
  });
const audit = (s: TestServer, action: string) =>
  s.db.query<{ outcome: string; detail: string | null; resource_id: string | null; patient_key: string | null }>(
    'select outcome, detail, resource_id, patient_key from audit_log where action = $1 order by id',
    [action],
  );

describe.each(storages)('MedCom CareCommunication export and Acknowledgements on %s', (kind) => {
  const s = suiteServer(kind);

  it("exports the referral's dialogue as CareCommunication messages, to both sides, valid by the IG's rules and R4's", async () => {
    const id = await course(s);
    for (const token of [s.token('doctor', GRENAA), s.token('navigator', NORDDJURS)]) {
      const answer = await exportOf(s, id, token);
      expect(answer.status).toBe(200);
      expect(answer.headers.get('content-type')).toBe('application/fhir+json; charset=utf-8');
      expect(answer.body).toMatchObject({ resourceType: 'Bundle', type: 'collection' });
      const messages = answer.body.entry.map((e: UntypedJson) => e.resource);
      expect(messages.map((m: UntypedJson) => one(m, 'Communication').payload.at(-1).contentString)).toEqual([
        expect.stringContaining('Social henvisning til socialnavigatør.'),
        'Må jeg ringe til Karen om formiddagen?',
        'Ja, formiddag passer bedst.',
        'Forløbet er afsluttet. Årsag: En del af et fællesskab.\nKaren går i gåklubben hver uge.',
      ]);
      for (const m of messages) expect(careCommunicationErrors(m)).toEqual([]);
      expect(threadOfMessagesErrors(messages)).toEqual([]);
      expect(await validateFhir(answer.body)).toEqual([]);
    }
    const lines = await audit(s, 'medcom.export');
    expect(lines.filter((l) => l.resource_id === id)).toEqual([
      expect.objectContaining({ outcome: 'ok', detail: '4 messages', patient_key: expect.any(String) }),
      expect.objectContaining({ outcome: 'ok', detail: '4 messages' }),
    ]);
  }, 120_000);

  it('shows the export to no one else (404, audited as denied) and to no one without a token', async () => {
    const id = await course(s);
    for (const token of [s.token('doctor', AUNING), s.token('navigator', SYDDJURS)])
      expect((await exportOf(s, id, token)).status).toBe(404);
    expect((await s.request('GET', `/v1/referrals/${id}/care-communications`)).status).toBe(401);
    const denied = (await audit(s, 'medcom.export')).filter((l) => l.resource_id === id && l.outcome === 'denied');
    expect(denied).toHaveLength(2);
  });

  it('records an Acknowledgement of a message once, answers a retransmission 200, and lists it', async () => {
    const id = await course(s);
    const doctor = s.token('doctor', GRENAA);
    const messages = (await exportOf(s, id, doctor)).body.entry.map((e: UntypedJson) => e.resource);
    const question = messages[1]; // Norddjurs to Grenaa: Grenaa's system acknowledges it
    const ack = acknowledgementOf(question);
    const first = await post(s, id, doctor, ack);
    expect(first).toMatchObject({
      status: 201,
      body: {
        id: ack.entry[0].resource.id,
        messageHeaderId: one(question, 'MessageHeader').id,
        about: { part: 'message' },
        code: 'ok',
        issues: [],
        sentAt: '2026-05-04T07:15:00.000Z',
        sender: { sorCode: '481471000016004', name: 'Lægehuset Grenaa' },
        recordedBy: { role: 'doctor', orgId: GRENAA },
      },
    });
    const rows = await s.count('medcom_acknowledgements');
    const again = await post(s, id, doctor, ack, 'application/json');
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(await s.count('medcom_acknowledgements')).toBe(rows);
    const list = await s.request('GET', `/v1/referrals/${id}/care-communications/acknowledgements`, {
      token: s.token('navigator', NORDDJURS),
    });
    expect(list).toMatchObject({ status: 200, body: { items: [first.body] } });
    expect((await audit(s, 'medcom.acknowledgement.record')).filter((l) => l.resource_id === ack.entry[0].resource.id)).toEqual([
      expect.objectContaining({ outcome: 'ok', detail: 'ok' }),
      expect.objectContaining({ outcome: 'ok', detail: 'replayed' }),
    ]);
  });

  it('records a fatal error with its OperationOutcome, from the navigator organisation for the referral', async () => {
    const id = await course(s);
    const navigator = s.token('navigator', NORDDJURS);
    const [first] = (await exportOf(s, id, navigator)).body.entry.map((e: UntypedJson) => e.resource);
    const issue = {
      severity: 'error',
      code: 'value',
      details: {
        coding: [{ system: `${MC}/terminology/CodeSystem/medcom-acknowledgement-error-codes`, code: 'MSG_Receiver_Identifier_UNKNOWN' }],
      },
    };
    const recorded = await post(s, id, navigator, acknowledgementOf(first, { code: 'fatal-error', issue }));
    expect(recorded).toMatchObject({
      status: 201,
      body: {
        about: { part: 'referral', id },
        code: 'fatal-error',
        sender: { sorCode: '563561000016007' },
        issues: [{ severity: 'error', code: 'value', details: { code: 'MSG_Receiver_Identifier_UNKNOWN' } }],
      },
    });
    const transient = acknowledgementOf(first, {
      code: 'transient-error',
      issue: { severity: 'error', code: 'transient', details: { text: 'Postkassen er midlertidigt ude af drift.' } },
    });
    expect((await post(s, id, navigator, transient)).body).toMatchObject({
      code: 'transient-error',
      issues: [{ details: { text: 'Postkassen er midlertidigt ude af drift.' } }],
    });
  });

  it('refuses what is not an Acknowledgement of one of its messages, stores nothing, and audits each refusal', async () => {
    const id = await course(s);
    const doctor = s.token('doctor', GRENAA);
    const messages = (await exportOf(s, id, doctor)).body.entry.map((e: UntypedJson) => e.resource);
    const question = messages[1];
    const before = await s.count('medcom_acknowledgements');

    const unknown = acknowledgementOf(question);
    unknown.entry[0].resource.response.identifier = '5d0c1b2a-3e4f-4a5b-8c6d-7e8f9a0b1c2d';
    unknown.entry[1].resource.entity[0].what.reference = 'MessageHeader/5d0c1b2a-3e4f-4a5b-8c6d-7e8f9a0b1c2d';
    expect(await post(s, id, doctor, unknown)).toMatchObject({ status: 422, body: { code: 'acknowledged_message_unknown' } });
    // A message of another referral is unknown to this one
    const other = await course(s);
    const elsewhere = (await exportOf(s, other, doctor)).body.entry[1].resource;
    expect(await post(s, id, doctor, acknowledgementOf(elsewhere))).toMatchObject({
      status: 422,
      body: { code: 'acknowledged_message_unknown' },
    });

    const wrongEvent = acknowledgementOf(question);
    wrongEvent.entry[0].resource.eventCoding.code = 'care-communication-message';
    expect(await post(s, id, doctor, wrongEvent)).toMatchObject({
      status: 422,
      body: { code: 'acknowledgement_invalid', errors: [{ path: 'entry.0.resource.eventCoding' }] },
    });
    const noOutcome = acknowledgementOf(question, { code: 'fatal-error', issue: { severity: 'error', code: 'value' } });
    noOutcome.entry = noOutcome.entry.filter((e: UntypedJson) => e.resource.resourceType !== 'OperationOutcome');
    expect(await post(s, id, doctor, noOutcome)).toMatchObject({
      status: 422,
      body: { code: 'acknowledgement_invalid', errors: [{ path: 'entry.0.resource.response.details' }] },
    });
    const badCode = acknowledgementOf(question);
    badCode.entry[0].resource.response.code = 'accepted';
    expect((await post(s, id, doctor, badCode)).body.errors).toEqual([expect.objectContaining({ path: 'entry.0.resource.response.code' })]);
    // From the sender itself, not from the receiver: its SOR code is the other organisation's
    const fromSender = acknowledgementOf(question);
    const senderOrg = fromSender.entry.find((e: UntypedJson) => e.resource.resourceType === 'Organization').resource;
    senderOrg.identifier[0].value = '563561000016007';
    const refused = await post(s, id, doctor, fromSender);
    expect(refused).toMatchObject({
      status: 422,
      body: { code: 'acknowledgement_invalid', errors: [{ path: 'entry.0.resource.sender' }] },
    });
    expect(JSON.stringify(refused.body)).not.toContain('563561000016007');

    // Its own id must be a UUID, as MedCom's message ids are: nothing else goes into the store or the audit log
    const cprAsId = acknowledgementOf(question, { id: '0101902345' });
    expect(await post(s, id, doctor, cprAsId)).toMatchObject({
      status: 422,
      body: { code: 'acknowledgement_invalid', errors: [{ path: 'entry.0.resource.id', code: 'invalid_format' }] },
    });
    const leaked = await s.db.query("select 1 from audit_log where coalesce(resource_id, '') || coalesce(detail, '') like '%0101902345%'");
    expect(leaked).toHaveLength(0);

    expect(await post(s, id, doctor, { resourceType: 'Patient' })).toMatchObject({ status: 400, body: { code: 'validation_failed' } });
    expect(await post(s, id, doctor, acknowledgementOf(question), 'text/plain')).toMatchObject({
      status: 415,
      body: { code: 'unsupported_media_type' },
    });
    expect(await s.count('medcom_acknowledgements')).toBe(before);
    const refusals = (await audit(s, 'medcom.acknowledgement.record')).filter((l) => l.resource_id === id || l.outcome === 'refused');
    expect(refusals.filter((l) => l.detail === 'acknowledged_message_unknown').length).toBeGreaterThanOrEqual(2);
    expect(refusals.filter((l) => l.detail === 'acknowledgement_invalid').length).toBeGreaterThanOrEqual(4);
  });

  it('refuses the same Acknowledgement id with other content (409), and an Acknowledgement of a referral the caller cannot see (404)', async () => {
    const id = await course(s);
    const doctor = s.token('doctor', GRENAA);
    const question = (await exportOf(s, id, doctor)).body.entry[1].resource;
    const ack = acknowledgementOf(question);
    expect((await post(s, id, doctor, ack)).status).toBe(201);
    const changed = acknowledgementOf(question, {
      id: ack.entry[0].resource.id,
      code: 'fatal-error',
      issue: { severity: 'fatal', code: 'structure' },
    });
    expect(await post(s, id, doctor, changed)).toMatchObject({ status: 409, body: { code: 'acknowledgement_conflict' } });
    const before = await s.count('medcom_acknowledgements');
    expect((await post(s, id, s.token('doctor', AUNING), acknowledgementOf(question))).status).toBe(404);
    expect((await post(s, id, s.token('navigator', SYDDJURS), acknowledgementOf(question))).status).toBe(404);
    expect(await s.count('medcom_acknowledgements')).toBe(before);
  });
});

describe('MedCom addresses', () => {
  it('answers 409 medcom_address_missing, naming the organisation, when the directory lacks one', async () => {
    const s = await startTestServer('pglite', {
      medcomDirectory: [{ id: NORDDJURS, name: 'Norddjurs', sorCode: '563561000016007', gln: '5790001911010', phone: '+45 89 59 00 01' }],
    });
    try {
      const id = await course(s);
      const answer = await exportOf(s, id, s.token('doctor', GRENAA));
      expect(answer).toMatchObject({
        status: 409,
        body: { code: 'medcom_address_missing', detail: `No MedCom address is configured for ${GRENAA}.` },
      });
      expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect((await audit(s, 'medcom.export')).at(-1)).toMatchObject({ outcome: 'refused', detail: 'medcom_address_missing' });
    } finally {
      await s.close();
    }
  });
});
