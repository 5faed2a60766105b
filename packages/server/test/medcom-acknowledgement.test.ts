import { MedComAcknowledgement, parseContract } from '@henvis/contracts';
import { describe, expect, it } from 'vitest';
import { exampleAcknowledgement } from '../src/medcom/acknowledgement-example.js';
import { parseAcknowledgement } from '../src/medcom/acknowledgement.js';
import type { UntypedJson } from './harness.js';

// MedCom Acknowledgement's own examples (medcomdk/dk-medcom-acknowledgement, MedComAcknowledgementMessage.fsh and
// its instances: "ok", "fatal-error", "transient-error"), compiled from their FSH by hand as SUSHI would.
const MC = 'http://medcomfhir.dk/ig';
const BASE = 'https://medcomfhir.dk/ig/acknowledgement';
const SENDER = 'd7056980-a8b2-42aa-8a0e-c1fc85d1f40d';
const RECEIVER = '74cdf292-abf3-4f5f-80ea-60a48013ff6d';
const organization = (id: string, sor: string, gln: string, name: string) => ({
  resourceType: 'Organization',
  id,
  identifier: [
    { system: 'urn:oid:1.2.208.176.1.1', value: sor },
    { system: 'https://www.gs1.org/gln', value: gln },
  ],
  name,
});
const provenance = (id: string, target: string, activity: string, agent: string, revision?: string) => ({
  resourceType: 'Provenance',
  id,
  target: [{ reference: `MessageHeader/${target}` }],
  occurredDateTime: '2022-09-01T12:01:20+02:00',
  recorded: '2022-09-01T12:01:20Z',
  activity: { coding: [{ system: `${MC}/terminology/CodeSystem/medcom-messaging-activityCodes`, code: activity }] },
  agent: [{ who: { reference: `Organization/${agent}` } }],
  ...(revision ? { entity: [{ role: 'revision', what: { reference: `MessageHeader/${revision}` } }] } : {}),
});
function medcomExample(header: string, code: string, acknowledged: string, ackProvenance: string, outcome?: UntypedJson): UntypedJson {
  const entries = [
    {
      resourceType: 'MessageHeader',
      id: header,
      eventCoding: { system: `${MC}/terminology/CodeSystem/medcom-messaging-eventCodes`, code: 'acknowledgement-message' },
      destination: [
        {
          extension: [
            {
              url: `${MC}/messaging/StructureDefinition/medcom-messaging-destinationUseExtension`,
              valueCoding: { system: `${MC}/terminology/CodeSystem/medcom-messaging-destinationUse`, code: 'primary' },
            },
          ],
          endpoint: 'https://sor2.sum.dsdn.dk/#id=265161000016000',
          receiver: { reference: `Organization/${RECEIVER}` },
        },
      ],
      sender: { reference: `Organization/${SENDER}` },
      source: { endpoint: 'https://sor2.sum.dsdn.dk/#id=953741000016009' },
      response: { identifier: acknowledged, code, ...(outcome ? { details: { reference: `OperationOutcome/${outcome.id}` } } : {}) },
    },
    provenance('4c284936-5454-4116-95fc-3c8eeeed2400', '42cb9200-f421-4d08-8391-7d51a2503cb4', 'new-message', SENDER),
    provenance(ackProvenance, header, 'acknowledgement', RECEIVER, '42cb9200-f421-4d08-8391-7d51a2503cb4'),
    organization(SENDER, '123456789012345', '5790001382445', 'Sender Organization'),
    organization(RECEIVER, '543210987654321', '5790000121526', 'Receiver Organization'),
    ...(outcome ? [outcome] : []),
  ];
  return {
    resourceType: 'Bundle',
    id: `${header}-bundle`,
    type: 'message',
    timestamp: '2022-09-01T12:01:00Z',
    entry: entries.map((resource) => ({ fullUrl: `${BASE}/${resource.resourceType}/${resource.id}`, resource })),
  };
}
const outcome = (id: string, issueCode: string, detail: string) => ({
  resourceType: 'OperationOutcome',
  id,
  issue: [
    {
      severity: 'error',
      code: issueCode,
      details: { coding: [{ system: `${MC}/terminology/CodeSystem/medcom-acknowledgement-error-codes`, code: detail }] },
    },
  ],
});

const ok = medcomExample(
  'aba2d9bf-2c6c-47e8-bce4-7928bcd51019',
  'ok',
  '42cb9200-f421-4d08-8391-7d51a2503cb4',
  '69dab277-dd4b-4055-9fda-a10a65cb4412',
);
const fatal = medcomExample(
  'b879c81e-0607-4ccb-b358-24a72208e30d',
  'fatal-error',
  '53128d9b-cede-4c7f-8904-809eab322d7d',
  '9c56ba88-9645-11ec-b909-0242ac120002',
  outcome('becb2a8e-3a68-4083-910e-811296affd43', 'structure', 'MSG_VALUESET_VALUE_UNKNOWN'),
);
const transient = medcomExample(
  'c9a0b728-0807-11ed-861d-0242ac120002',
  'transient-error',
  '53128d9b-cede-4c7f-8904-809eab322d7d',
  '9b56aa88-9745-12ec-b919-0242ac122002',
  outcome('c0055484-2a56-4da2-81b8-a9d5087d865c', 'value', 'MSG_Mailbox_Out_Of_Operation'),
);

const parse = (bundle: UntypedJson) => {
  const shape = parseContract(MedComAcknowledgement, bundle);
  if (!shape.ok) throw new Error(JSON.stringify(shape.errors));
  return parseAcknowledgement(shape.value);
};

describe('reading a MedCom Acknowledgement', () => {
  it("reads MedCom's ok example: whose message, the code, and who acknowledges it", () => {
    expect(parse(ok)).toEqual({
      ok: true,
      acknowledgement: {
        id: 'aba2d9bf-2c6c-47e8-bce4-7928bcd51019',
        acknowledgedId: '42cb9200-f421-4d08-8391-7d51a2503cb4',
        code: 'ok',
        issues: [],
        sentAt: new Date('2022-09-01T12:01:00Z'),
        sender: { sorCode: '123456789012345', name: 'Sender Organization' },
        receiverSorCode: '543210987654321',
      },
    });
  });

  it("reads MedCom's fatal-error and transient-error examples with their OperationOutcome, by response.identifier", () => {
    // Their Provenance names the 1st message as its revision while response.identifier names another: the response decides
    expect(parse(fatal)).toMatchObject({
      ok: true,
      acknowledgement: {
        acknowledgedId: '53128d9b-cede-4c7f-8904-809eab322d7d',
        code: 'fatal-error',
        issues: [
          {
            severity: 'error',
            code: 'structure',
            details: { system: `${MC}/terminology/CodeSystem/medcom-acknowledgement-error-codes`, code: 'MSG_VALUESET_VALUE_UNKNOWN' },
          },
        ],
      },
    });
    expect(parse(transient)).toMatchObject({
      ok: true,
      acknowledgement: { code: 'transient-error', issues: [{ details: { code: 'MSG_Mailbox_Out_Of_Operation' } }] },
    });
  });

  it("reads the API's own request example", () => {
    expect(parse(exampleAcknowledgement)).toMatchObject({
      ok: true,
      acknowledgement: { code: 'ok', sender: { sorCode: '563561000016007' } },
    });
  });

  it.each([
    [
      'a CareCommunication instead',
      (b: UntypedJson) => (b.entry[0].resource.eventCoding.code = 'care-communication-message'),
      'entry.0.resource.eventCoding',
    ],
    ['another first entry', (b: UntypedJson) => b.entry.reverse(), 'entry.0.resource.resourceType'],
    ['no response', (b: UntypedJson) => delete b.entry[0].resource.response, 'entry.0.resource.response.identifier'],
    ['an unknown response code', (b: UntypedJson) => (b.entry[0].resource.response.code = 'accepted'), 'entry.0.resource.response.code'],
    ['an id that is not a UUID', (b: UntypedJson) => (b.entry[0].resource.id = '0101902345'), 'entry.0.resource.id'],
    [
      'a sender outside the Bundle',
      (b: UntypedJson) => (b.entry[0].resource.sender.reference = 'Organization/x'),
      'entry.0.resource.sender',
    ],
    ['a sender without its SOR code', (b: UntypedJson) => b.entry[3].resource.identifier.shift(), 'entry.0.resource.sender'],
    [
      'no Provenance',
      (b: UntypedJson) => (b.entry = b.entry.filter((e: UntypedJson) => e.resource.resourceType !== 'Provenance')),
      'entry',
    ],
    [
      'an error without its OperationOutcome',
      (b: UntypedJson) => (b.entry[0].resource.response.code = 'fatal-error'),
      'entry.0.resource.response.details',
    ],
    ['a timestamp that is no time', (b: UntypedJson) => (b.timestamp = 'i går'), 'timestamp'],
  ])('refuses %s, naming the element', (_name, fault, path) => {
    const copy = structuredClone(ok);
    fault(copy);
    const result = parse(copy);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors.map((e) => e.path)).toContain(path);
      expect(JSON.stringify(result.errors)).not.toMatch(/0101902345|i går|accepted/);
    }
  });

  it('refuses an OperationOutcome issue without its severity, and an over-long text', () => {
    const copy = structuredClone(transient);
    copy.entry[5].resource.issue[0].severity = 'bad';
    expect(parse(copy)).toMatchObject({ ok: false, errors: [{ path: 'OperationOutcome.issue.0' }] });
    const long = structuredClone(transient);
    long.entry[5].resource.issue[0].details.text = 'x'.repeat(1001);
    expect(parse(long)).toMatchObject({ ok: false, errors: [{ path: 'OperationOutcome.issue.0.details.text' }] });
  });
});
