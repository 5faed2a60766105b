import * as z from 'zod/mini';
import { Gln, Id, Instant, PhoneNumber, SorCode, requiredText, text } from './identifiers.js';
import { Actor } from './referral.js';

/**
 * MedCom's FHIR messaging (CareCommunication 5.0.4, "korrespondancemeddelelse", and its Acknowledgement,
 * "kvittering"): a referral's dialogue exported as the correspondence messages that travel through the GP's and
 * the municipality's existing message channel (VANS), and the acknowledgements that come back.
 */

/**
 * An organisation's MedCom address (MedCom-adresse): how a CareCommunication names it as sender or receiver. The
 * operator keeps one per practice and navigator organisation (HENVIS_MEDCOM_DIRECTORY), as the SOR register has it.
 */
export const MedComAddress = z.strictObject({
  /** Henvis' id of the organisation: a practice's id (its ydernummer) or a navigator organisation's id. */
  id: requiredText(64),
  /** The name (navn) as the SOR register has it. */
  name: requiredText(200),
  /** SOR code (SOR-kode) of the unit that sends and receives: the message's address. */
  sorCode: SorCode,
  /** GLN/EAN location number (lokationsnummer) of that unit in the VANS network. */
  gln: Gln,
  /** The unit's phone number (as in SOR): the author phone (kontakttelefon) of each text it sends. */
  phone: PhoneNumber,
});
export type MedComAddress = z.infer<typeof MedComAddress>;

/** The MedCom addresses of the organisations a server exchanges messages for, each id once. */
export const MedComDirectory = z
  .array(MedComAddress)
  .check(z.refine((entries) => new Set(entries.map((e) => e.id)).size === entries.length, { error: 'duplicate_items' }));
export type MedComDirectory = z.infer<typeof MedComDirectory>;

/** A FHIR resource as a message carries it: typed by what Henvis reads, the rest kept as sent. */
const FhirResource = z.looseObject({ resourceType: z.string().check(z.maxLength(64)), id: z.optional(z.string().check(z.maxLength(64))) });

/**
 * A MedCom Acknowledgement message (kvittering) as a receiving system sends it back: a Bundle of type `message`
 * whose first entry is its MessageHeader (event `acknowledgement-message`, `response` naming the acknowledged
 * MessageHeader and `ok`, `transient-error` or `fatal-error`), with its Provenance, the two Organizations and, on an
 * error, the OperationOutcome. Only the shape is checked here; the server checks the profile's rules.
 */
export const MedComAcknowledgement = z.looseObject({
  resourceType: z.literal('Bundle'),
  id: z.optional(z.string().check(z.maxLength(64))),
  type: z.literal('message'),
  timestamp: z.optional(z.string().check(z.maxLength(40))),
  entry: z
    .array(z.looseObject({ fullUrl: z.optional(z.string().check(z.maxLength(500))), resource: FhirResource }))
    .check(z.minLength(1), z.maxLength(50)),
});
export type MedComAcknowledgement = z.infer<typeof MedComAcknowledgement>;

/** What an Acknowledgement says of the message (MessageHeader.response.code). */
export const acknowledgementCodes = ['ok', 'transient-error', 'fatal-error'] as const;
export type AcknowledgementCode = (typeof acknowledgementCodes)[number];

/** One issue of an Acknowledgement's OperationOutcome: why the receiver could not take the message. */
export const AcknowledgementIssue = z.strictObject({
  severity: z.enum(['fatal', 'error', 'warning', 'information']),
  /** FHIR's issue type (e.g. `structure`, `value`). */
  code: z.string(),
  /** MedCom's error code (e.g. `MSG_Receiver_Identifier_UNKNOWN`) and its CodeSystem. */
  details: z.optional(z.strictObject({ system: z.optional(z.string()), code: z.optional(z.string()), text: z.optional(text(1000)) })),
});
export type AcknowledgementIssue = z.infer<typeof AcknowledgementIssue>;

/** Which part of the dialogue a CareCommunication message carries: the referral, a message, or the course's end. */
export const dialogueParts = ['referral', 'message', 'closing'] as const;
export type DialoguePart = (typeof dialogueParts)[number];

/** A recorded Acknowledgement (modtaget kvittering) of one exported CareCommunication message. */
export const MedComAcknowledgementRecord = z.strictObject({
  /** The Acknowledgement's own MessageHeader id: the same Acknowledgement sent twice is recorded once. */
  id: Id,
  /** The acknowledged CareCommunication's MessageHeader id. */
  messageHeaderId: Id,
  /** What that message carried: the referral, a message (by its id) or the closing (by its event id). */
  about: z.strictObject({ part: z.enum(dialogueParts), id: Id }),
  code: z.enum(acknowledgementCodes),
  issues: z.array(AcknowledgementIssue),
  /** The Acknowledgement Bundle's timestamp: when the receiver sent it. */
  sentAt: z.optional(Instant),
  /** The receiving organisation that sent it, by its SOR code. */
  sender: z.strictObject({ sorCode: z.optional(z.string()), name: z.optional(z.string()) }),
  receivedAt: Instant,
  /** Who handed it to Henvis. */
  recordedBy: Actor,
});
export type MedComAcknowledgementRecord = z.infer<typeof MedComAcknowledgementRecord>;

/** The Acknowledgements recorded for a referral's exported messages, oldest first. */
export const MedComAcknowledgementList = z.strictObject({ items: z.array(MedComAcknowledgementRecord) });
export type MedComAcknowledgementList = z.infer<typeof MedComAcknowledgementList>;

/** A resource of a CareCommunication message, as exported: every one with its profile and narrative. */
const ExportedResource = z.looseObject({
  resourceType: z.enum(['MessageHeader', 'Patient', 'Communication', 'Organization', 'Practitioner', 'PractitionerRole', 'Provenance']),
  id: Id,
  meta: z.strictObject({ profile: z.array(z.string()) }),
  text: z.strictObject({ status: z.literal('generated'), div: z.string() }),
});

/** One CareCommunication message (MedComCareCommunicationMessage): a Bundle of type `message`. */
export const CareCommunicationMessage = z.strictObject({
  resourceType: z.literal('Bundle'),
  id: Id,
  meta: z.strictObject({ profile: z.array(z.string()) }),
  type: z.literal('message'),
  timestamp: z.string(),
  entry: z.array(z.strictObject({ fullUrl: z.string(), resource: ExportedResource })),
});

/**
 * A referral's dialogue as CareCommunication messages, one per message in the order they were written, threaded by
 * their Provenance: a FHIR Bundle of type `collection` whose entries are the message Bundles.
 */
export const CareCommunicationExport = z.strictObject({
  resourceType: z.literal('Bundle'),
  id: Id,
  type: z.literal('collection'),
  timestamp: z.string(),
  entry: z.array(z.strictObject({ fullUrl: z.string(), resource: CareCommunicationMessage })),
});
export type CareCommunicationExport = z.infer<typeof CareCommunicationExport>;
