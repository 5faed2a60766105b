import { isPracticeRole, type DialoguePart } from '@henvis/contracts';
import { medcomId, urnUuid } from './ids.js';
import { narrative, narrativeWithTexts } from './narrative.js';
import {
  organizationId,
  organizationRef,
  organizationResource,
  patientResource,
  practitionerResource,
  practitionerRoleId,
  practitionerRoleRef,
  practitionerRoleResource,
  roleLabel,
  type DialogueAuthor,
  type FhirResource,
  type MedComParty,
} from './parties.js';
import { CARE_COMMUNICATION_DEFINITION, CATEGORY, CODE_SYSTEM, EVENT, EXTENSION, FULL_URL_BASE, PROFILE, sorEndpoint } from './terms.js';

/** One part of a referral's dialogue, in the order written: the referral, a message, the course's end. */
export interface DialogueEntry {
  part: DialoguePart;
  /** The referral's, the message's or the closing event's id. */
  id: string;
  at: Date;
  author: DialogueAuthor;
  text: string;
}

/** A referral's dialogue, with the MedCom address of each organisation in it. */
export interface Dialogue {
  referralId: string;
  patient: { cpr: string; name: string };
  practice: MedComParty;
  /** The navigator organisation the practice writes to. */
  navigatorOrg: MedComParty;
  /** Every organisation an entry was written in, by Henvis id (the practice and the navigator organisation at least). */
  parties: ReadonlyMap<string, MedComParty>;
  /** The referral first. */
  entries: readonly DialogueEntry[];
}

/** A CareCommunication message (a Bundle of type message) and what it carries. */
export interface CareCommunicationMessage {
  bundle: { resourceType: 'Bundle'; id: string; meta: { profile: string[] }; type: 'message'; timestamp: string; entry: FhirEntry[] };
  messageHeaderId: string;
  part: DialoguePart;
  sourceId: string;
  /** The organisation that sends it, and the one it goes to (which sends its Acknowledgement back). */
  sender: MedComParty;
  receiver: MedComParty;
}

interface FhirEntry {
  fullUrl: string;
  resource: FhirResource;
}

const instant = (at: Date) => at.toISOString();
const localTime = new Intl.DateTimeFormat('da-DK', { timeZone: 'Europe/Copenhagen', dateStyle: 'short', timeStyle: 'short' });
const entryOf = (resource: FhirResource): FhirEntry => ({ fullUrl: `${FULL_URL_BASE}/${resource.resourceType}/${resource.id}`, resource });
const partyOf = (d: Dialogue, orgId: string): MedComParty => {
  const party = d.parties.get(orgId);
  if (!party) throw new Error('an author of the dialogue has an organisation without a MedCom address'); // the caller checks first
  return party;
};
/** Each side writes to the other: the practice to the navigator organisation, a navigator to the practice. */
const receiverOf = (d: Dialogue, e: DialogueEntry) => (isPracticeRole(e.author.role) ? d.navigatorOrg : d.practice);

const ids = (d: Dialogue, e: DialogueEntry) => ({
  bundle: medcomId(d.referralId, 'bundle', e.id),
  header: medcomId(d.referralId, 'messageheader', e.id),
  communication: medcomId(d.referralId, 'communication', e.id),
  provenance: medcomId(d.referralId, 'provenance', e.id),
  payload: medcomId(d.referralId, 'payload', e.id),
});

/** The text of an entry as a payload (message segment) with MedCom's four extensions. */
function payloadOf(d: Dialogue, e: DialogueEntry) {
  const sender = partyOf(d, e.author.orgId);
  return {
    extension: [
      { url: EXTENSION.dateTime, valueDateTime: instant(e.at) },
      {
        url: EXTENSION.identifier,
        valueIdentifier: { value: urnUuid(ids(d, e).payload), assigner: organizationRef(d.referralId, sender) },
      },
      { url: EXTENSION.author, valueReference: practitionerRoleRef(d.referralId, e.author) },
      { url: EXTENSION.authorContact, valueContactPoint: { system: 'phone', value: sender.phone.replace(/\s/g, '') } },
    ],
    contentString: e.text,
  };
}

function provenanceOf(d: Dialogue, e: DialogueEntry, before: DialogueEntry | undefined): FhirResource {
  const { provenance: id, header, payload } = ids(d, e);
  const previous = before && ids(d, before).header;
  const sender = partyOf(d, e.author.orgId);
  const activity = previous ? 'reply-message' : 'new-message';
  return {
    resourceType: 'Provenance',
    id,
    meta: { profile: [PROFILE.provenance] },
    text: narrative(`Proveniens: ${activity}`, [
      ['Id', id],
      ['Mål', `MessageHeader/${header}`],
      ['Tidspunkt', `${instant(e.at)} (${localTime.format(e.at)})`],
      ['Aktivitet', activity],
      ['Aktør', `${sender.name} (Organization/${organizationId(d.referralId, sender)})`],
      ...(previous ? ([['revision', `MessageHeader/${previous}`]] as const) : []),
      ['source', urnUuid(payload)],
    ]),
    target: [{ reference: `MessageHeader/${header}` }],
    occurredDateTime: instant(e.at),
    recorded: instant(e.at),
    activity: { coding: [{ system: CODE_SYSTEM.activityCodes, code: activity }] },
    agent: [{ who: organizationRef(d.referralId, sender) }],
    entity: [
      ...(previous ? [{ role: 'revision', what: { reference: `MessageHeader/${previous}` } }] : []),
      { role: 'source', what: { identifier: { value: urnUuid(payload) } } },
    ],
  };
}

/**
 * The message that carries entry `e`, the last of `thread`: its text as the newest payload after every earlier one of the thread,
 * sent by its author's organisation to the other side; a reply's Provenance points at the previous message's
 * MessageHeader, and the Provenance of every earlier message travels with it (CareCommunication's threading).
 */
function messageOf(d: Dialogue, thread: readonly DialogueEntry[], e: DialogueEntry): CareCommunicationMessage {
  const id = ids(d, e);
  const sender = partyOf(d, e.author.orgId);
  const receiver = receiverOf(d, e);
  const patient = patientResource(d.referralId, d.patient);

  const authors = [...new Map(thread.map((t) => [practitionerRoleId(d.referralId, t.author), t.author])).values()];
  const organisations = [...new Map([...thread.map((t) => partyOf(d, t.author.orgId)), receiver].map((p) => [p.id, p])).values()];

  const header: FhirResource = {
    resourceType: 'MessageHeader',
    id: id.header,
    meta: { profile: [PROFILE.messageHeader] },
    text: narrative('Korrespondancemeddelelse (MedCom CareCommunication)', [
      ['Id', id.header],
      ['Hændelse', EVENT.careCommunication],
      ['Afsender', `${sender.name}, SOR ${sender.sorCode}`],
      ['Kvitteringer til (source.endpoint)', sorEndpoint(sender.sorCode)],
      ['Modtager (primary)', `${receiver.name}, SOR ${receiver.sorCode}`],
      ['Modtagers adresse (destination.endpoint)', sorEndpoint(receiver.sorCode)],
    ]),
    eventCoding: { system: CODE_SYSTEM.eventCodes, code: EVENT.careCommunication },
    destination: [
      {
        extension: [{ url: EXTENSION.destinationUse, valueCoding: { system: CODE_SYSTEM.destinationUse, code: 'primary' } }],
        endpoint: sorEndpoint(receiver.sorCode),
        receiver: organizationRef(d.referralId, receiver),
      },
    ],
    sender: organizationRef(d.referralId, sender),
    source: { endpoint: sorEndpoint(sender.sorCode) },
    focus: [{ reference: `Communication/${id.communication}` }],
    definition: CARE_COMMUNICATION_DEFINITION,
  };

  const communication: FhirResource = {
    resourceType: 'Communication',
    id: id.communication,
    meta: { profile: [PROFILE.communication] },
    text: narrativeWithTexts(
      `Korrespondance: ${CATEGORY.topic}`,
      [
        ['Id', id.communication],
        ['Status', 'unknown'],
        ['Kategori', `${CATEGORY.code} (Vedrørende henvisning)`],
        ['Emne', CATEGORY.topic],
        ['Borger', `${d.patient.name}, CPR ${d.patient.cpr.replace('-', '')}`],
        ['Afsender', `${e.author.name}, ${roleLabel(e.author.role)}, ${sender.name}`],
      ],
      thread.map((t) => {
        const from = partyOf(d, t.author.orgId);
        return {
          label: `${localTime.format(t.at)}: ${t.author.name}, ${roleLabel(t.author.role)}, ${from.name}, tlf. ${from.phone}`,
          text: t.text,
        };
      }),
    ),
    extension: [{ url: EXTENSION.sender, valueReference: practitionerRoleRef(d.referralId, e.author) }],
    identifier: [{ value: urnUuid(medcomId(d.referralId, 'thread')) }],
    status: 'unknown',
    category: [{ coding: [{ system: CODE_SYSTEM.categoryCodes, code: CATEGORY.code }] }],
    subject: { reference: `Patient/${patient.id}` },
    topic: { text: CATEGORY.topic },
    payload: thread.map((t) => payloadOf(d, t)),
  };

  const resources: FhirResource[] = [
    header,
    patient,
    communication,
    ...authors.map((a) => practitionerRoleResource(d.referralId, a, partyOf(d, a.orgId))),
    ...authors.map((a) => practitionerResource(d.referralId, a)),
    ...organisations.map((o) => organizationResource(d.referralId, o)),
    ...thread.map((t, i) => provenanceOf(d, t, thread[i - 1])),
  ];
  return {
    bundle: {
      resourceType: 'Bundle',
      id: id.bundle,
      meta: { profile: [PROFILE.message] },
      type: 'message',
      timestamp: instant(e.at),
      entry: resources.map(entryOf),
    },
    messageHeaderId: id.header,
    part: e.part,
    sourceId: e.id,
    sender,
    receiver,
  };
}

/** Every entry of the dialogue as its CareCommunication message, oldest first. */
export const careCommunicationMessages = (d: Dialogue): CareCommunicationMessage[] =>
  d.entries.map((e, i) => messageOf(d, d.entries.slice(0, i + 1), e));

/** The export: the messages as the entries of one Bundle of type collection, made at `now`. */
export function careCommunicationExport(d: Dialogue, now: Date) {
  const messages = careCommunicationMessages(d);
  const last = messages.at(-1);
  return {
    resourceType: 'Bundle' as const,
    id: medcomId(d.referralId, 'export', last?.sourceId ?? ''),
    type: 'collection' as const,
    timestamp: instant(now),
    entry: messages.map((m) => ({ fullUrl: `${FULL_URL_BASE}/Bundle/${m.bundle.id}`, resource: m.bundle })),
  };
}
