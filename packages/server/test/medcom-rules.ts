// The rules of MedCom CareCommunication 5.0.4 (and the MedCom Messaging 4.0.2, MedCom Core 3.0.1 and DK Core 3.4.0
// profiles it builds on) that can be checked here, written out as explicit checks of one message Bundle and of a
// thread of them: cardinalities, fixed values, code systems, identifier systems, references inside the Bundle and
// the Provenance threading. The HL7 validator with the IG packages cannot run on these machines; this is what
// stands in for the profiles. Each error names its rule: the IG's invariant key where it has one.
//
// Written from the FSH in ../shared/standards/medcom-carecommunication/fsh and the pinned IGs' profiles, not from
// Henvis' builder: the constants below are typed in again on purpose, so a wrong constant there is caught here.

type Json = Record<string, unknown>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- FHIR JSON read untyped; every access is checked
type Any = any;

const MC = 'http://medcomfhir.dk/ig';
const PROFILES = {
  messageHeader: `${MC}/carecommunication/StructureDefinition/medcom-careCommunication-messageHeader`,
  provenance: `${MC}/carecommunication/StructureDefinition/medcom-careCommunication-provenance`,
};
const EVENT_CODES = `${MC}/terminology/CodeSystem/medcom-messaging-eventCodes`;
const DESTINATION_USE_EXT = `${MC}/messaging/StructureDefinition/medcom-messaging-destinationUseExtension`;
const DESTINATION_USE = `${MC}/terminology/CodeSystem/medcom-messaging-destinationUse`;
const CATEGORY_CODES = `${MC}/terminology/CodeSystem/medcom-careCommunication-categoryCodes`;
const ACTIVITY_CODES = `${MC}/terminology/CodeSystem/medcom-messaging-activityCodes`;
const EXT = {
  date: `${MC}/core/StructureDefinition/medcom-core-datetime-extension`,
  identifier: `${MC}/core/StructureDefinition/medcom-core-identifier-extension`,
  author: `${MC}/core/StructureDefinition/medcom-core-practitioner-extension`,
  contact: `${MC}/core/StructureDefinition/medcom-core-contact-extension`,
  sender: `${MC}/core/StructureDefinition/medcom-core-sender-extension`,
};
const SOR = 'urn:oid:1.2.208.176.1.1';
const GLN = 'https://www.gs1.org/gln';
const CPR = 'urn:oid:1.2.208.176.1.2';
/** MedCom Terminology 2.0.1's medcom-careCommunication-categoryCodes. */
const CATEGORIES = [
  'alcohol-and-drug-treatment', 'assistive-devices', 'carecoordination', 'decease', 'discharge', 'examination-results',
  'healthcare', 'home-care-assessment', 'medicine', 'nursing', 'outpatient', 'psychiatry-social-disability',
  'regarding-referral', 'telemedicine', 'training', 'acute-ambulant', 'extended-care-responsibility', 'other',
]; // prettier-ignore
const ACTIVITIES = ['new-message', 'reply-message', 'forward-message'];
const DEFINITION =
  /^http:\/\/medcomfhir\.dk\/ig\/messagedefinitions\/MessageDefinition\/MedComCareCommunicationMessageDefinition[|]5[.][0-9]{1,2}$/;
const URN_UUID = /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** DK Core's cpr invariant: a real day of a real month, then six digits. */
const CPR_VALUE =
  /^(((0[1-9]|[12][0-9]|3[01])(01|03|05|07|08|10|12))|((0[1-9]|[12][0-9]|30)(04|06|09|11))|((0[1-9]|[12][0-9])02))[0-9]{6}$/;
const AUTHORISATION_ID = /^[b-df-hj-np-tv-zB-DF-HJ-NP-TV-Z0-9]{5}$/;

/** GS1's check: from the right, the check digit, then weights 3, 1, 3, … make a multiple of 10. */
function gs1Valid(value: string): boolean {
  if (!/^[0-9]{13}$/.test(value)) return false;
  const digits = Array.from({ length: 13 }, (_, i) => Number(value.charAt(12 - i)));
  const sum = digits.reduce((total, d, i) => total + (i === 0 ? d : d * (i % 2 === 1 ? 3 : 1)), 0);
  return sum % 10 === 0;
}

const arr = (v: unknown): Any[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);
const ext = (element: Any, url: string): Any[] => arr(element?.extension).filter((e: Any) => e?.url === url);
const profiled = (r: Any, profile: string) => arr(r?.meta?.profile).some((p: string) => typeof p === 'string' && p.startsWith(profile));

/** The errors of one CareCommunication message Bundle; empty when it keeps every rule checked here. */
export function careCommunicationErrors(bundle: Any): string[] {
  const errors: string[] = [];
  const err = (rule: string, text: string) => errors.push(`medcom: ${rule}: ${text}`);
  const entries: Any[] = arr(bundle?.entry);
  const resources: Json[] = entries.map((e) => e?.resource).filter(Boolean);
  const resolve = (reference: unknown, type?: string): Any => {
    if (typeof reference !== 'string') return undefined;
    const entry = entries.find((e) => e?.fullUrl === reference || (typeof e?.fullUrl === 'string' && e.fullUrl.endsWith(`/${reference}`)));
    const r = entry?.resource;
    return r && (!type || r.resourceType === type) ? r : undefined;
  };
  const mustResolve = (where: string, ref: Any, type: string): Any => {
    const r = resolve(ref?.reference, type);
    if (!r) err('bundled', `${where} must reference a ${type} inside the Bundle`);
    return r;
  };

  // MedComMessagingMessage, MedComCareCommunicationMessage
  if (bundle?.resourceType !== 'Bundle' || bundle.type !== 'message') err('message', 'a Bundle of type message');
  if (!bundle?.id) err('message', 'Bundle.id 1..1');
  if (!bundle?.timestamp) err('message', 'Bundle.timestamp 1..1');
  if (entries.some((e) => !e?.resource)) err('message', 'entry.resource 1..1');
  if (entries.some((e) => typeof e?.fullUrl !== 'string')) err('message', 'every entry has a fullUrl');
  const header: Any = resources[0];
  if (header?.resourceType !== 'MessageHeader' || !profiled(header, PROFILES.messageHeader))
    err('medcom-careCommunication-1', 'entry[0] is the medcom-careCommunication-messageHeader');
  if (resources.filter((r) => r.resourceType === 'Patient').length !== 1) err('medcom-careCommunication-2', 'exactly one Patient');
  const provenances = resources.filter((r) => r.resourceType === 'Provenance') as Any[];
  if (provenances.length === 0) err('medcom-messaging-2', 'at least one Provenance');
  if (!provenances.every((p) => profiled(p, PROFILES.provenance))) err('medcom-careCommunication-3', 'every Provenance claims its profile');
  if (resources.some((r) => r.resourceType === 'Encounter')) err('medcom-careCommunication-15', 'no Encounter is exported');
  for (const r of resources as Any[]) {
    if (!r.id) err('id', `${r.resourceType}.id 1..1`);
    if (r.text?.status !== 'generated' || !String(r.text?.div ?? '').startsWith('<div xmlns="http://www.w3.org/1999/xhtml">'))
      err('narrative', `${r.resourceType}/${r.id} carries text.status and an XHTML text.div`);
  }

  // MedComCareCommunicationMessageHeader
  if (header?.resourceType === 'MessageHeader') {
    if (header.eventCoding?.system !== EVENT_CODES || header.eventCoding?.code !== 'care-communication-message')
      err('messageHeader.eventCoding', `${EVENT_CODES}#care-communication-message`);
    const destinations = arr(header.destination);
    if (destinations.length !== 1) err('messageHeader.destination', 'exactly one destination (primary 1..1, cc 0..0)');
    for (const d of destinations) {
      const use = ext(d, DESTINATION_USE_EXT);
      if (use.length !== 1 || use[0].valueCoding?.system !== DESTINATION_USE || use[0].valueCoding?.code !== 'primary')
        err('messageHeader.destination', 'the destination-use extension, primary');
      if (!d?.endpoint) err('messageHeader.destination', 'destination.endpoint');
      mustResolve('destination.receiver', d?.receiver, 'Organization');
    }
    mustResolve('MessageHeader.sender', header.sender, 'Organization');
    if (!header.source?.endpoint) err('messageHeader.source', 'source.endpoint, where the Acknowledgement goes');
    if (arr(header.focus).length !== 1) err('messageHeader.focus', 'focus 1..1');
    mustResolve('MessageHeader.focus', arr(header.focus)[0], 'Communication');
    if (typeof header.definition !== 'string' || !DEFINITION.test(header.definition))
      err('medcom-carecommunication-definition-url', 'definition');
  }

  const communication: Any = resources.find((r) => r.resourceType === 'Communication');
  if (!communication) err('communication', 'the Communication');
  else {
    if (communication.status !== 'unknown') err('communication.status', 'fixed to unknown');
    const identifiers = arr(communication.identifier);
    if (identifiers.length !== 1 || !URN_UUID.test(String(identifiers[0]?.value)))
      err('medcom-uuidv4', 'Communication.identifier 1..1, a urn:uuid');
    const categories = arr(communication.category);
    const codings = arr(categories[0]?.coding);
    if (categories.length !== 1 || codings.length !== 1) err('communication.category', 'category 1..1 with coding 1..1');
    const category = codings[0];
    if (category?.system !== CATEGORY_CODES || !CATEGORIES.includes(category?.code))
      err('communication.category', 'a code of medcom-careCommunication-categoryCodes');
    if (category?.code !== 'regarding-referral' && communication.priority !== undefined)
      err('medcom-careCommunication-5', 'priority only with regarding-referral');
    if (category?.code === 'other' && !communication.topic?.text) err('medcom-careCommunication-6', 'a topic when the category is other');
    if (communication.topic && !communication.topic.text) err('communication.topic', 'topic.text 1..1');
    mustResolve('Communication.subject', communication.subject, 'Patient');
    if (communication.encounter) err('medcom-careCommunication-15', 'no encounter without an Encounter');
    const payloads = arr(communication.payload);
    if (!payloads.some((p) => typeof p?.contentString === 'string')) err('communication.payload', 'at least one text payload');
    payloads.forEach((p, i) => {
      const at = `payload[${i}]`;
      // The string slice needs all four extensions; the attachment slice its date and identifier, author and phone 0..1.
      const text = typeof p?.contentString === 'string';
      if (!text && !p?.contentAttachment?.title) err('payload.attachment', `${at} a text, or an attachment with its title`);
      const [date, identifier, author, contact] = [EXT.date, EXT.identifier, EXT.author, EXT.contact].map((url) => ext(p, url));
      if (date?.length !== 1 || typeof date[0].valueDateTime !== 'string') err('payload.date', `${at} 1..1 datetime extension`);
      if (identifier?.length !== 1 || !URN_UUID.test(String(identifier[0].valueIdentifier?.value)))
        err('medcom-uuidv4', `${at} 1..1 identifier extension, a urn:uuid`);
      else mustResolve(`${at} identifier.assigner`, identifier[0].valueIdentifier.assigner, 'Organization');
      if (author?.length !== 1) {
        if (text || (author?.length ?? 0) > 1) err('payload.author', `${at} 1..1 author (practitioner) extension`);
      } else {
        const role = mustResolve(`${at} author`, author[0].valueReference, 'PractitionerRole');
        const code = arr(role?.code);
        if (role && !code.every((c: Any) => arr(c?.coding).some((k: Any) => k?.code) !== !!c?.text))
          err('medcom-careCommunication-7', `${at} author's role has a code or a text`);
        if (role && !arr(resolve(role.practitioner?.reference, 'Practitioner')?.name).length)
          err('medcom-careCommunication-8', `${at} author's Practitioner has a name`);
      }
      const phone = contact?.[0]?.valueContactPoint;
      if ((text || contact?.length) && (contact?.length !== 1 || phone?.system !== 'phone' || !/^\+?[0-9-]+$/.test(String(phone?.value))))
        err('medcom-core-contact', `${at} 1..1 author contact, a phone number`);
    });
    const sender = ext(communication, EXT.sender);
    if (sender.length > 1) err('communication.sender', 'sender extension 0..1');
    if (sender.length === 1) {
      const role = mustResolve('sender extension', sender[0].valueReference, 'PractitionerRole');
      if (role && header && role.organization?.reference !== header.sender?.reference)
        err('medcom-careCommunication-11', "the specific sender's organisation is MessageHeader.sender");
    }
  }

  for (const r of resources as Any[]) {
    if (r.resourceType === 'Organization') organizationErrors(r, err);
    if (r.resourceType === 'Patient') patientErrors(r, err);
    // The invariant's text asks for a given and a family name, its expression for a name: a family name, as MedCom Core has it.
    if (r.resourceType === 'Practitioner' && !arr(r.name).some((n: Any) => n?.family))
      err('medcom-careCommunication-4', `Practitioner/${r.id} has a name with its family name`);
    for (const q of arr(r.resourceType === 'Practitioner' ? r.qualification : undefined))
      for (const id of arr(q?.identifier))
        if (id?.system === 'https://autregweb.sst.dk' && !AUTHORISATION_ID.test(String(id.value)))
          err('authorization-id-format', 'authorisation ID');
    if (r.resourceType === 'PractitionerRole') {
      if (!r.practitioner?.reference) err('medcom-careCommunication-13', `PractitionerRole/${r.id} references its Practitioner`);
      else mustResolve('PractitionerRole.practitioner', r.practitioner, 'Practitioner');
      if (r.organization) mustResolve('PractitionerRole.organization', r.organization, 'Organization');
      for (const c of arr(r.code))
        if (arr(c?.coding).some((k: Any) => !k?.system || !k?.code)) err('medcom-core-practitionerrole', 'code.coding has system and code');
    }
  }
  for (const p of provenances) provenanceErrors(p, header, err, resolve);
  threadErrors(communication, provenances, header, err);
  return errors;
}

/** DK Core fixes `use` of its SOR, GLN and CPR identifiers to official (exactly): absent, or official. */
const officialUse = (identifier: Any) => identifier?.use === undefined || identifier.use === 'official';

function organizationErrors(org: Any, err: (rule: string, text: string) => void) {
  const ids = arr(org.identifier);
  const sor = ids.filter((i: Any) => i?.system === SOR);
  const gln = ids.filter((i: Any) => i?.system === GLN);
  if (ids.length < 2) err('medcom-messaging-organization', `Organization/${org.id}: identifier 2..*`);
  if (sor.length !== 1 || !officialUse(sor[0]) || !/^[0-9]{11,}$/.test(String(sor[0].value)))
    err('min-digits-sor', `Organization/${org.id}: one SOR identifier of 11+ digits`);
  if (gln.length !== 1 || !officialUse(gln[0]) || !gs1Valid(String(gln[0].value)))
    err('gln-modulus-10', `Organization/${org.id}: one EAN-ID (GLN) of 13 digits with its check digit`);
  if (!org.name) err('medcom-core-organization', `Organization/${org.id}: name`);
}

function patientErrors(patient: Any, err: (rule: string, text: string) => void) {
  const cpr = arr(patient.identifier).filter((i: Any) => i?.system === CPR);
  if (cpr.length !== 1 || !officialUse(cpr[0]) || !CPR_VALUE.test(String(cpr[0].value))) err('cpr', 'one CPR identifier, 10 digits');
  const official = arr(patient.name).filter((n: Any) => n?.use === 'official');
  if (official.length !== 1 || !official[0].family) err('medcom-core-patient', 'name[official] with its family name');
}

function provenanceErrors(p: Any, header: Any, err: (rule: string, text: string) => void, resolve: (ref: unknown, type?: string) => Any) {
  const at = `Provenance/${p.id}`;
  const targets = arr(p.target);
  if (targets.length !== 1 || !/^MessageHeader\/[0-9a-f-]{36}$/.test(String(targets[0]?.reference)))
    err('provenance.target', `${at}: target 1..1, a MessageHeader`);
  if (!p.occurredDateTime) err('provenance.occurred', `${at}: occurredDateTime 1..1`);
  if (!p.recorded) err('provenance.recorded', `${at}: recorded`);
  const codings = arr(p.activity?.coding);
  if (codings.length !== 1 || codings[0]?.system !== ACTIVITY_CODES || !ACTIVITIES.includes(codings[0]?.code))
    err('provenance.activity', `${at}: one code of medcom-careCommunication-messagingActivities`);
  const agents = arr(p.agent);
  if (agents.length === 0 || !agents.every((a: Any) => resolve(a?.who?.reference, 'Organization')))
    err('provenance.agent', `${at}: agent.who, an Organization in the Bundle`);
  const entities = arr(p.entity);
  const revisions = entities.filter((e: Any) => e?.role === 'revision');
  const sources = entities.filter((e: Any) => e?.role === 'source');
  if (sources.length === 0 || revisions.length > 1 || revisions.length + sources.length !== entities.length)
    err('provenance.entity', `${at}: entity slices (closed): payload 1..* (source), preceedingMessage 0..1 (revision)`);
  if (!sources.every((e: Any) => typeof e?.what?.identifier?.value === 'string'))
    err('provenance.entity', `${at}: a source entity names its payload identifier`);
  if (!revisions.every((e: Any) => /^MessageHeader\/[0-9a-f-]{36}$/.test(String(e?.what?.reference))))
    err('provenance.entity', `${at}: the revision entity references the previous MessageHeader`);
  const activity = codings[0]?.code;
  if (activity === 'new-message' && revisions.length > 0) err('provenance.threading', `${at}: a new message has no previous message`);
  if (activity === 'reply-message' && revisions.length !== 1) err('provenance.threading', `${at}: a reply names the message it answers`);
  if (header && targets[0]?.reference === `MessageHeader/${header.id}` && !resolve(targets[0].reference, 'MessageHeader'))
    err('provenance.target', `${at}: the current message's header is in the Bundle`);
}

/** The thread inside one message: the Provenances form one chain ending at this message, naming every payload once. */
function threadErrors(communication: Any, provenances: Any[], header: Any, err: (rule: string, text: string) => void) {
  if (!header || !communication) return;
  const current = provenances.filter((p) => arr(p.target)[0]?.reference === `MessageHeader/${header.id}`);
  if (current.length !== 1) {
    err('provenance.threading', "one Provenance of the current message (target this message's MessageHeader)");
    return;
  }
  const byTarget = new Map(provenances.map((p) => [arr(p.target)[0]?.reference as string, p]));
  const chain: Any[] = [];
  for (let p: Any = current[0]; p;) {
    if (chain.includes(p)) break;
    chain.unshift(p);
    const revision = arr(p.entity).find((e: Any) => e?.role === 'revision');
    p = revision ? byTarget.get(revision.what?.reference) : undefined;
    if (revision && !p) err('provenance.threading', 'every earlier message of the thread carries its Provenance');
  }
  if (chain.length !== provenances.length) err('provenance.threading', 'the Provenances form one chain from the new message to this one');
  const named = chain.flatMap((p) =>
    arr(p.entity)
      .filter((e: Any) => e?.role === 'source')
      .map((e: Any) => e.what?.identifier?.value),
  );
  const payloads = arr(communication.payload).map((p: Any) => ext(p, EXT.identifier)[0]?.valueIdentifier?.value);
  // Each payload is named as a source once, by the Provenance of the message that added it (in any order within it).
  if (JSON.stringify([...named].sort()) !== JSON.stringify([...payloads].sort()))
    err('provenance.threading', "the Provenances' source entities name the payloads, each once");
}

/**
 * The rules across a thread of messages, in the order sent: each message after the first replies to the one before
 * (its Provenance's revision is that MessageHeader), carries the Provenances and payloads of the one before
 * unchanged, and keeps its Communication identifier, category and topic.
 */
export function threadOfMessagesErrors(bundles: Any[]): string[] {
  const errors: string[] = [];
  const err = (text: string) => errors.push(`medcom: thread: ${text}`);
  const of = (b: Any, type: string): Any[] =>
    arr(b?.entry)
      .map((e: Any) => e?.resource)
      .filter((r: Any) => r?.resourceType === type);
  bundles.forEach((b, i) => {
    if (i === 0) return;
    const before = bundles[i - 1];
    const header = of(b, 'MessageHeader')[0];
    const previous = of(before, 'MessageHeader')[0];
    const current = of(b, 'Provenance').find((p) => arr(p.target)[0]?.reference === `MessageHeader/${header?.id}`);
    const revision = arr(current?.entity).find((e: Any) => e?.role === 'revision');
    if (revision?.what?.reference !== `MessageHeader/${previous?.id}`) err(`message ${i + 1} replies to message ${i}'s MessageHeader`);
    const kept = JSON.stringify(of(before, 'Provenance'));
    if (JSON.stringify(of(b, 'Provenance').slice(0, of(before, 'Provenance').length)) !== kept)
      err(`message ${i + 1} carries the Provenances of message ${i}`);
    const [c, cb] = [of(b, 'Communication')[0], of(before, 'Communication')[0]];
    if (JSON.stringify(arr(c?.payload).slice(0, arr(cb?.payload).length)) !== JSON.stringify(arr(cb?.payload)))
      err(`message ${i + 1} carries the payloads of message ${i}`);
    for (const element of ['identifier', 'category', 'topic'])
      if (JSON.stringify(c?.[element]) !== JSON.stringify(cb?.[element])) err(`message ${i + 1} keeps the thread's ${element}`);
  });
  return errors;
}
