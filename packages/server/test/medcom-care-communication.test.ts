import { exampleNewReferral, type Actor, type ReferralEvent } from '@henvis/contracts';
import { describe, expect, it } from 'vitest';
import { careCommunicationExport, careCommunicationMessages, type Dialogue } from '../src/medcom/care-communication.js';
import { dialogueOf, type DialogueSource } from '../src/medcom/dialogue.js';
import { demoMedComDirectory, directoryById } from '../src/medcom/directory.js';
import { validateFhir } from './fhir-validate.js';
import { medcomFirstMessage, medcomThirdMessage } from './medcom-ig-examples.js';
import { careCommunicationErrors, threadOfMessagesErrors } from './medcom-rules.js';
import type { UntypedJson } from './harness.js';

const REFERRAL = '6b0f2d8e-1c3a-4e5f-9a7b-2c4d6e8f0a1b';
const sofie: Actor = { id: 'demo-navigator', name: 'Sofie Kjær', role: 'navigator', orgId: 'norddjurs-navigatorer' };
const anders: Actor = { id: 'demo-nurse', name: 'Anders Lund', role: 'nurse', orgId: '045678' };
const message = (id: string, author: Actor, body: string, at: string) => ({ id, referralId: REFERRAL, author, body, at });
const closing: ReferralEvent = {
  id: '9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b',
  referralId: REFERRAL,
  type: 'status_changed',
  from: 'linked',
  to: 'closed',
  reason: 'joined_community',
  note: 'Karen går fast i gåklubben to gange om ugen og har fået en veninde der.',
  actor: sofie,
  at: '2026-06-20T12:00:00.000Z',
};

/** A whole course: the referral, the navigator's question, the nurse's answer, the navigator's news, the closing. */
const source = (over: Partial<DialogueSource> = {}): DialogueSource => ({
  referral: {
    id: REFERRAL,
    createdAt: new Date('2026-05-01T08:00:00.000Z'),
    practice: { id: '045678', name: 'Lægehuset Grenaa', ydernummer: '045678', sorCode: '481471000016004' },
    referrer: { id: 'demo-doctor', name: 'Mette Holm', role: 'doctor', authorisationId: '0C4F1' },
    content: exampleNewReferral,
    ownerOrgId: 'norddjurs-navigatorer',
  },
  messages: [
    message(
      '1f2e3d4c-5b6a-4978-8a9b-0c1d2e3f4a5b',
      sofie,
      'Karen vil gerne i gåklubben. Må jeg ringe til hende om formiddagen?',
      '2026-05-04T09:00:00.000Z',
    ),
    message(
      '2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d',
      anders,
      'Ja, formiddag passer hende bedst. <Hun> er "glad" for det & spændt.',
      '2026-05-04T11:30:00.000Z',
    ),
    message(
      '3b4c5d6e-7f8a-4b9c-8d0e-2f3a4b5c6d7e',
      sofie,
      'Karen er startet i "Gåture for alle".\nHun har været med to gange.',
      '2026-05-20T14:00:00.000Z',
    ),
  ],
  events: [closing],
  servingOrgs: ['norddjurs-navigatorer'],
  ...over,
});

function dialogue(over: Partial<DialogueSource> = {}): Dialogue {
  const result = dialogueOf(source(over), directoryById(demoMedComDirectory));
  if (!result.ok) throw new Error(result.detail);
  return result.dialogue;
}

const resources = (bundle: UntypedJson, type: string): UntypedJson[] =>
  bundle.entry.map((e: UntypedJson) => e.resource).filter((r: UntypedJson) => r.resourceType === type);
const one = (bundle: UntypedJson, type: string): UntypedJson => resources(bundle, type)[0];
const byRef = (bundle: UntypedJson, reference: string): UntypedJson =>
  bundle.entry.find((e: UntypedJson) => e.fullUrl.endsWith(`/${reference}`))?.resource;

describe('a referral dialogue as MedCom CareCommunication messages', () => {
  const messages = careCommunicationMessages(dialogue());
  const bundles = messages.map((m) => m.bundle as UntypedJson);

  it("keeps every CareCommunication rule checked here, each message and the thread, and the R4 validators' rules", async () => {
    expect(bundles).toHaveLength(5);
    for (const bundle of bundles) expect(careCommunicationErrors(bundle)).toEqual([]);
    expect(threadOfMessagesErrors(bundles)).toEqual([]);
    for (const bundle of bundles) expect(await validateFhir(bundle)).toEqual([]);
    expect(await validateFhir(careCommunicationExport(dialogue(), new Date('2026-06-21T08:00:00Z')))).toEqual([]);
  }, 120_000);

  it('sends the referral from the practice to the navigator organisation, and each message to the other side', () => {
    const parties = bundles.map((b) => {
      const header = one(b, 'MessageHeader');
      const sor = (ref: string) => byRef(b, ref).identifier.find((i: UntypedJson) => i.system === 'urn:oid:1.2.208.176.1.1').value;
      return [
        sor(header.sender.reference),
        sor(header.destination[0].receiver.reference),
        header.destination[0].endpoint,
        header.source.endpoint,
      ];
    });
    const grenaa = '481471000016004';
    const norddjurs = '563561000016007';
    const at = (sor: string) => `https://sor2.sum.dsdn.dk/#id=${sor}`;
    expect(parties).toEqual([
      [grenaa, norddjurs, at(norddjurs), at(grenaa)],
      [norddjurs, grenaa, at(grenaa), at(norddjurs)],
      [grenaa, norddjurs, at(norddjurs), at(grenaa)],
      [norddjurs, grenaa, at(grenaa), at(norddjurs)],
      [norddjurs, grenaa, at(grenaa), at(norddjurs)],
    ]);
    expect(messages.map((m) => m.part)).toEqual(['referral', 'message', 'message', 'message', 'closing']);
  });

  it('names the organisations by SOR code and GLN, the practice also by ydernummer, and the citizen by CPR number', () => {
    const first = bundles[0];
    const orgs = resources(first, 'Organization').map((o) => o.identifier);
    expect(orgs).toContainEqual([
      { use: 'official', system: 'urn:oid:1.2.208.176.1.1', value: '481471000016004' },
      { use: 'official', system: 'https://www.gs1.org/gln', value: '5790001910013' },
      { system: 'urn:oid:1.2.208.176.1.4', value: '045678' },
    ]);
    expect(orgs).toContainEqual([
      { use: 'official', system: 'urn:oid:1.2.208.176.1.1', value: '563561000016007' },
      { use: 'official', system: 'https://www.gs1.org/gln', value: '5790001911010' },
    ]);
    expect(one(first, 'Patient')).toMatchObject({
      identifier: [{ use: 'official', system: 'urn:oid:1.2.208.176.1.2', value: '0101902345' }],
      name: [{ use: 'official', family: 'Jensen', given: ['Karen'] }],
    });
  });

  it('carries the thread: every earlier payload with its date, identifier, author and phone, and the newest last', () => {
    const last = one(bundles[4], 'Communication');
    expect(last.payload.map((p: UntypedJson) => p.contentString)).toEqual([
      expect.stringContaining('Årsager: Ensomhed, Inaktivitet.'),
      'Karen vil gerne i gåklubben. Må jeg ringe til hende om formiddagen?',
      'Ja, formiddag passer hende bedst. <Hun> er "glad" for det & spændt.',
      'Karen er startet i "Gåture for alle".\nHun har været med to gange.',
      'Forløbet er afsluttet. Årsag: En del af et fællesskab.\nKaren går fast i gåklubben to gange om ugen og har fået en veninde der.',
    ]);
    expect(bundles.map((b) => one(b, 'Communication').payload.length)).toEqual([1, 2, 3, 4, 5]);
    const dates = last.payload.map((p: UntypedJson) => p.extension[0].valueDateTime);
    expect(dates).toEqual([
      '2026-05-01T08:00:00.000Z',
      '2026-05-04T09:00:00.000Z',
      '2026-05-04T11:30:00.000Z',
      '2026-05-20T14:00:00.000Z',
      closing.at,
    ]);
    const phones = last.payload.map((p: UntypedJson) => p.extension[3].valueContactPoint.value);
    expect(phones).toEqual(['+4586300001', '+4589590001', '+4586300001', '+4589590001', '+4589590001']);
    const roles = last.payload.map((p: UntypedJson) => byRef(bundles[4], p.extension[2].valueReference.reference).code[0]);
    expect(roles).toEqual([
      {
        coding: [
          {
            system: 'http://medcomfhir.dk/ig/terminology/CodeSystem/medcom-core-PractitionerRolesAutorisationsregistret',
            code: 'laege',
            display: 'Læge',
          },
        ],
      },
      { text: 'Socialnavigatør' },
      {
        coding: [
          {
            system: 'http://medcomfhir.dk/ig/terminology/CodeSystem/medcom-core-PractitionerRolesSKSadministrativ',
            code: 'sygeplejerske',
            display: 'Sygeplejerske',
          },
        ],
      },
      { text: 'Socialnavigatør' },
      { text: 'Socialnavigatør' },
    ]);
    const doctor = resources(bundles[4], 'Practitioner').find((p) => p.name[0].family === 'Holm');
    expect(doctor.qualification[0].identifier).toEqual([{ system: 'https://autregweb.sst.dk', value: '0C4F1' }]);
  });

  it('threads by Provenance: a new message, then replies whose revision is the MessageHeader before', () => {
    const headers = bundles.map((b) => one(b, 'MessageHeader').id);
    const current = bundles.map((b, i) => resources(b, 'Provenance').find((p) => p.target[0].reference === `MessageHeader/${headers[i]}`));
    expect(current.map((p) => p.activity.coding[0].code)).toEqual([
      'new-message',
      'reply-message',
      'reply-message',
      'reply-message',
      'reply-message',
    ]);
    expect(current[0].entity).toEqual([
      { role: 'source', what: { identifier: { value: one(bundles[0], 'Communication').payload[0].extension[1].valueIdentifier.value } } },
    ]);
    for (let i = 1; i < bundles.length; i++)
      expect(current[i].entity[0]).toEqual({ role: 'revision', what: { reference: `MessageHeader/${headers[i - 1]}` } });
    expect(bundles.map((b) => resources(b, 'Provenance').length)).toEqual([1, 2, 3, 4, 5]);
  });

  it('gives every resource a narrative of what the profiles put in it, escaped as XHTML', () => {
    for (const bundle of bundles)
      for (const { resource } of bundle.entry)
        expect(resource.text.div).toMatch(/^<div xmlns="http:\/\/www\.w3\.org\/1999\/xhtml">.*<\/div>$/s);
    const communication = one(bundles[2], 'Communication').text.div;
    expect(communication).toContain('&lt;Hun&gt; er &quot;glad&quot; for det &amp; spændt.');
    expect(communication).not.toContain('<Hun>');
    expect(communication).toContain('regarding-referral');
    const organization = resources(bundles[0], 'Organization')[0].text.div;
    expect(organization).toMatch(/SOR-kode.*481471000016004.*5790001910013/s);
    expect(one(bundles[0], 'Patient').text.div).toContain('0101902345');
    expect(one(bundles[3], 'MessageHeader').text.div).toContain('https://sor2.sum.dsdn.dk/#id=481471000016004');
  });

  it('gives a message the same ids every time it is exported, also after the dialogue has grown', () => {
    const shorter = careCommunicationMessages(dialogue({ messages: source().messages.slice(0, 1), events: [] }));
    expect(shorter.map((m) => m.bundle)).toEqual(messages.slice(0, 2).map((m) => m.bundle));
    expect(careCommunicationMessages(dialogue())).toEqual(messages);
    const ids = bundles.flatMap((b) => b.entry.map((e: UntypedJson) => e.resource.id));
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const other = careCommunicationMessages(dialogue({ referral: { ...source().referral, id: '7c1e3f9a-2b4d-4c6e-8f0a-1b3c5d7e9f2a' } }));
    expect(other[0]!.messageHeaderId).not.toBe(messages[0]!.messageHeaderId);
  });
});

describe("the IG checks on MedCom's own examples", () => {
  it('accept the 1st message (new) and the 3rd (a reply to a reply, with an attachment), and the R4 validators too', async () => {
    for (const example of [medcomFirstMessage, medcomThirdMessage]) {
      expect(careCommunicationErrors(example)).toEqual([]);
      expect(await validateFhir(example)).toEqual([]);
    }
  }, 60_000);

  it("catch a fault planted in one: the 3rd message without the 1st message's Provenance", () => {
    const copy = structuredClone(medcomThirdMessage);
    copy.entry = copy.entry.filter((e) => e.resource.id !== 'af9b0255-1bdd-49c7-9d39-d652a587e4b2');
    expect(careCommunicationErrors(copy)).toContain(
      'medcom: provenance.threading: every earlier message of the thread carries its Provenance',
    );
  });
});

describe('the IG checks catch a planted fault', () => {
  const bundle = careCommunicationMessages(dialogue())[2]!.bundle as UntypedJson;
  const planted = (fault: (b: UntypedJson) => void): string[] => {
    const copy = structuredClone(bundle);
    fault(copy);
    return careCommunicationErrors(copy);
  };
  const org = (b: UntypedJson) => resources(b, 'Organization')[0];

  it.each([
    ['a missing MessageHeader.destination', (b: UntypedJson) => delete one(b, 'MessageHeader').destination, 'messageHeader.destination'],
    [
      'a second destination (cc is 0..0)',
      (b: UntypedJson) => one(b, 'MessageHeader').destination.push(one(b, 'MessageHeader').destination[0]),
      'messageHeader.destination',
    ],
    [
      'a wrong category code',
      (b: UntypedJson) => (one(b, 'Communication').category[0].coding[0].code = 'social-referral'),
      'communication.category',
    ],
    [
      'a category from another code system',
      (b: UntypedJson) => (one(b, 'Communication').category[0].coding[0].system = 'http://example.org/categories'),
      'communication.category',
    ],
    ['a GLN with a wrong check digit', (b: UntypedJson) => (org(b).identifier[1].value = '5790001910014'), 'gln-modulus-10'],
    ['a SOR code of 10 digits', (b: UntypedJson) => (org(b).identifier[0].value = '4814710000'), 'min-digits-sor'],
    ['the EAN identifier under the old system', (b: UntypedJson) => (org(b).identifier[1].system = 'urn:oid:1.3.88'), 'gln-modulus-10'],
    ['a CPR number with a hyphen', (b: UntypedJson) => (one(b, 'Patient').identifier[0].value = '010190-2345'), 'cpr'],
    [
      'no Patient',
      (b: UntypedJson) => (b.entry = b.entry.filter((e: UntypedJson) => e.resource.resourceType !== 'Patient')),
      'medcom-careCommunication-2',
    ],
    [
      'the wrong event',
      (b: UntypedJson) => (one(b, 'MessageHeader').eventCoding.code = 'hospital-notification-message'),
      'messageHeader.eventCoding',
    ],
    [
      'a definition of version 4',
      (b: UntypedJson) => (one(b, 'MessageHeader').definition = one(b, 'MessageHeader').definition.replace('|5.0', '|4.0')),
      'medcom-carecommunication-definition-url',
    ],
    [
      'priority with category other',
      (b: UntypedJson) =>
        Object.assign(one(b, 'Communication'), {
          priority: 'asap',
          category: [{ coding: [{ system: one(b, 'Communication').category[0].coding[0].system, code: 'other' }] }],
        }),
      'medcom-careCommunication-5',
    ],
    [
      'category other without a topic',
      (b: UntypedJson) => {
        const c = one(b, 'Communication');
        c.category[0].coding[0].code = 'other';
        delete c.topic;
      },
      'medcom-careCommunication-6',
    ],
    ['a payload without its author phone', (b: UntypedJson) => one(b, 'Communication').payload[1].extension.pop(), 'medcom-core-contact'],
    [
      'a payload identifier that is not a urn:uuid',
      (b: UntypedJson) => (one(b, 'Communication').payload[0].extension[1].valueIdentifier.value = 'hej'),
      'medcom-uuidv4',
    ],
    [
      'an author outside the Bundle',
      (b: UntypedJson) =>
        (one(b, 'Communication').payload[0].extension[2].valueReference.reference =
          'PractitionerRole/00000000-0000-4000-8000-000000000000'),
      'bundled',
    ],
    [
      'a Provenance that replies to another message',
      (b: UntypedJson) => (resources(b, 'Provenance')[2].entity[0].what.reference = 'MessageHeader/00000000-0000-4000-8000-000000000000'),
      'provenance.threading',
    ],
    [
      "the previous message's Provenance left out",
      (b: UntypedJson) => (b.entry = b.entry.filter((e: UntypedJson) => e.resource.id !== resources(b, 'Provenance')[1].id)),
      'provenance.threading',
    ],
    [
      'a reply marked as a new message',
      (b: UntypedJson) => (resources(b, 'Provenance')[2].activity.coding[0].code = 'new-message'),
      'provenance.threading',
    ],
    [
      'an activity outside the value set',
      (b: UntypedJson) => (resources(b, 'Provenance')[0].activity.coding[0].code = 'retract-message'),
      'provenance.activity',
    ],
    [
      'an entity of another role (the slicing is closed)',
      (b: UntypedJson) => resources(b, 'Provenance')[0].entity.push({ role: 'quotation', what: { reference: 'MessageHeader/x' } }),
      'provenance.entity',
    ],
    ['a resource without narrative', (b: UntypedJson) => delete resources(b, 'PractitionerRole')[0].text, 'narrative'],
    [
      'a PractitionerRole with both a code and a text',
      (b: UntypedJson) => (resources(b, 'PractitionerRole')[0].code[0].text = 'Læge'),
      'medcom-careCommunication-7',
    ],
    [
      'a specific sender of the other organisation',
      (b: UntypedJson) =>
        (one(b, 'Communication').extension[0].valueReference.reference =
          `PractitionerRole/${resources(b, 'PractitionerRole').find((r) => r.organization.reference !== one(b, 'MessageHeader').sender.reference).id}`),
      'medcom-careCommunication-11',
    ],
    [
      'a Communication status other than unknown',
      (b: UntypedJson) => (one(b, 'Communication').status = 'completed'),
      'communication.status',
    ],
  ])('%s', (_name, fault, rule) => {
    const errors = planted(fault);
    expect(errors.some((e) => e.startsWith(`medcom: ${rule}:`))).toBe(true);
  });

  it('catches a thread whose reply points elsewhere, or drops a payload', () => {
    const bundles = careCommunicationMessages(dialogue()).map((m) => structuredClone(m.bundle) as UntypedJson);
    expect(threadOfMessagesErrors(bundles)).toEqual([]);
    const swapped = [bundles[0], bundles[2], bundles[1]];
    expect(threadOfMessagesErrors(swapped).length).toBeGreaterThan(0);
    one(bundles[3], 'Communication').payload.splice(1, 1);
    expect(threadOfMessagesErrors(bundles)).toContain('medcom: thread: message 4 carries the payloads of message 3');
  });

  it('is backed by the R4 validators where R4 itself breaks (a MessageHeader without source.endpoint)', async () => {
    const copy = structuredClone(bundle);
    delete one(copy, 'MessageHeader').source.endpoint;
    const errors = await validateFhir(copy);
    expect(errors).toContain('fhir.js: MessageHeader.source.endpoint: Missing property');
    expect(errors.some((e) => e.startsWith('invariants: ele-1 at MessageHeader.source'))).toBe(true);
    expect(careCommunicationErrors(copy)).toContain('medcom: messageHeader.source: source.endpoint, where the Acknowledgement goes');
  }, 60_000);
});

describe('the dialogue of a referral', () => {
  const directory = directoryById(demoMedComDirectory);

  it('goes to the only navigator organisation serving the practice before anyone took it', () => {
    const result = dialogueOf(
      source({ referral: { ...source().referral, ownerOrgId: undefined as never }, messages: [], events: [] }),
      directory,
    );
    expect(result).toMatchObject({ ok: true, dialogue: { navigatorOrg: { id: 'norddjurs-navigatorer' } } });
    const { ownerOrgId: _owner, ...unowned } = source().referral;
    expect(dialogueOf(source({ referral: unowned, messages: [], events: [], servingOrgs: ['a', 'b'] }), directory)).toMatchObject({
      ok: false,
      detail: expect.stringContaining('No navigator organisation'),
    });
  });

  it('names the organisations without a MedCom address, and needs one for every author', () => {
    const withoutPractice = new Map([...directory].filter(([id]) => id !== '045678'));
    expect(dialogueOf(source(), withoutPractice)).toEqual({ ok: false, detail: 'No MedCom address is configured for 045678.' });
    const stranger: Actor = { id: 'x', name: 'Aske Holt', role: 'navigator', orgId: 'ukendt-organisation' };
    const written = source({ messages: [message('4c5d6e7f-8a9b-4c0d-9e1f-3a4b5c6d7e8f', stranger, 'Hej', '2026-05-05T08:00:00.000Z')] });
    expect(dialogueOf(written, directory)).toEqual({ ok: false, detail: 'No MedCom address is configured for ukendt-organisation.' });
  });

  it('ends with a rejection or a cancellation too, in its own words', () => {
    const rejected: ReferralEvent = { ...closing, from: 'received', to: 'rejected', reason: 'outside_area', note: 'Bor i Randers.' };
    const result = dialogueOf(source({ messages: [], events: [rejected] }), directory);
    expect(result.ok && result.dialogue.entries.map((e) => e.text).at(-1)).toBe(
      'Henvisningen er afvist. Årsag: Bor uden for kommunen.\nBor i Randers.',
    );
  });
});
