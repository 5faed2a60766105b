import {
  Id,
  acknowledgementCodes,
  parseContract,
  type AcknowledgementCode,
  type AcknowledgementIssue,
  type FieldError,
  type MedComAcknowledgement,
} from '@henvis/contracts';
import { CODE_SYSTEM, EVENT, IDENTIFIER_SYSTEM } from './terms.js';

/** What Henvis records of a MedCom Acknowledgement (kvittering). */
export interface ParsedAcknowledgement {
  /** The Acknowledgement's own MessageHeader id, a UUID. */
  id: string;
  /** The acknowledged message's MessageHeader id (`response.identifier`). */
  acknowledgedId: string;
  code: AcknowledgementCode;
  issues: AcknowledgementIssue[];
  /** The Bundle's timestamp. */
  sentAt?: Date;
  /** The organisation that acknowledges (MessageHeader.sender), by its SOR code. */
  sender: { sorCode: string; name?: string };
  /** The organisation it is sent to (the acknowledged message's sender), by its SOR code. */
  receiverSorCode?: string;
}

export type AcknowledgementParse = { ok: true; acknowledgement: ParsedAcknowledgement } | { ok: false; errors: FieldError[] };

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const severities = ['fatal', 'error', 'warning', 'information'] as const;
const MAX_TEXT = 1000;

/** A string of at most `max` characters, or undefined. */
const str = (v: unknown, max = 500): string | undefined => (typeof v === 'string' && v.length > 0 && v.length <= max ? v : undefined);

/**
 * Reads a MedCom Acknowledgement message (medcom-messaging-acknowledgement): its first entry the MessageHeader with
 * event `acknowledgement-message` and a `response` (the acknowledged MessageHeader id, `ok`, `transient-error` or
 * `fatal-error`, and on an error the OperationOutcome it references: medcom-acknowledgement-1), its sender an
 * Organization of the Bundle with a SOR code, and at least one Provenance (medcom-messaging-2). Errors name the
 * element, never its value.
 */
export function parseAcknowledgement(bundle: MedComAcknowledgement): AcknowledgementParse {
  const errors: FieldError[] = [];
  const fail = (path: string, message: string, code = 'invalid_value') => void errors.push({ path, code, message });
  const resources = bundle.entry.map((e) => e.resource as Json);
  const resolve = (reference: unknown, type: string): Json | undefined => {
    if (typeof reference !== 'string') return undefined;
    const index = bundle.entry.findIndex(
      (e) =>
        e.resource.resourceType === type &&
        (e.fullUrl === reference || e.fullUrl?.endsWith(`/${reference}`) || reference === `${type}/${e.resource.id ?? ''}`),
    );
    return index >= 0 ? resources[index] : undefined;
  };

  const header = resources[0] ?? {};
  const at = 'entry.0.resource';
  if (header.resourceType !== 'MessageHeader') {
    fail(`${at}.resourceType`, 'The first entry must be the MessageHeader.');
    return { ok: false, errors };
  }
  const id = str(header.id, 64);
  // MedCom's message ids are UUIDs ("a globally unique id"); the id is kept in the audit log, so nothing else is taken.
  if (!id || !parseContract(Id, id).ok)
    fail(`${at}.id`, 'The MessageHeader needs its id, a UUID as MedCom message ids are.', id ? 'invalid_format' : 'required');
  const event = isObject(header.eventCoding) ? header.eventCoding : {};
  if (event.system !== CODE_SYSTEM.eventCodes || event.code !== EVENT.acknowledgement)
    fail(`${at}.eventCoding`, `Must be ${CODE_SYSTEM.eventCodes}#${EVENT.acknowledgement}: this is not an Acknowledgement.`);
  const response = isObject(header.response) ? header.response : undefined;
  const acknowledgedId = str(response?.identifier, 64);
  if (!acknowledgedId) fail(`${at}.response.identifier`, "The response must name the acknowledged message's MessageHeader id.", 'required');
  const code = acknowledgementCodes.find((c) => c === response?.code);
  if (!code) fail(`${at}.response.code`, `Must be one of ${acknowledgementCodes.join(', ')}.`);

  const sender = resolve(isObject(header.sender) ? header.sender.reference : undefined, 'Organization');
  const sorOf = (org: Json | undefined) =>
    Array.isArray(org?.identifier)
      ? str((org.identifier as unknown[]).filter(isObject).find((i) => i.system === IDENTIFIER_SYSTEM.sor)?.value, 18)
      : undefined;
  const senderSor = sorOf(sender);
  if (!sender) fail(`${at}.sender`, 'The sender must reference an Organization in the Bundle.', 'required');
  else if (!senderSor) fail(`${at}.sender`, `The sender Organization needs its SOR identifier (${IDENTIFIER_SYSTEM.sor}).`, 'required');
  const destination = Array.isArray(header.destination) ? (header.destination as unknown[]).find(isObject) : undefined;
  const receiverSor = sorOf(resolve(isObject(destination?.receiver) ? destination.receiver.reference : undefined, 'Organization'));

  const issues: AcknowledgementIssue[] = [];
  if (code && code !== 'ok') {
    const details = isObject(response?.details) ? response.details.reference : undefined;
    const outcome =
      details === undefined ? resources.find((r) => r.resourceType === 'OperationOutcome') : resolve(details, 'OperationOutcome');
    if (!outcome) fail(`${at}.response.details`, 'An error Acknowledgement must carry the OperationOutcome that says why.', 'required');
    const list = Array.isArray(outcome?.issue) ? (outcome.issue as unknown[]) : [];
    if (outcome && list.length === 0) fail('OperationOutcome.issue', 'The OperationOutcome must hold at least one issue.', 'required');
    list.forEach((raw, i) => {
      const issue = isObject(raw) ? raw : {};
      const severity = severities.find((s) => s === issue.severity);
      const type = str(issue.code, 64);
      const coding =
        isObject(issue.details) && Array.isArray(issue.details.coding) ? (issue.details.coding as unknown[]).find(isObject) : undefined;
      const text = isObject(issue.details) ? issue.details.text : undefined;
      if (!severity || !type) {
        fail(`OperationOutcome.issue.${i}`, 'Each issue needs a severity and a code.');
        return;
      }
      if (text !== undefined && !str(text, MAX_TEXT)) {
        fail(`OperationOutcome.issue.${i}.details.text`, `At most ${MAX_TEXT} characters.`);
        return;
      }
      const detail = { system: str(coding?.system), code: str(coding?.code, 100), text: str(text, MAX_TEXT) };
      const present = Object.fromEntries(Object.entries(detail).filter(([, v]) => v !== undefined));
      issues.push({ severity, code: type, ...(Object.keys(present).length > 0 ? { details: present } : {}) });
    });
  }

  const provenances = resources.filter((r) => r.resourceType === 'Provenance');
  if (provenances.length === 0) fail('entry', 'A MedCom message carries at least one Provenance (medcom-messaging-2).', 'required');
  // The Acknowledgement's own Provenance names the acknowledged message as its revision too, but response.identifier
  // is what says which: MedCom's own error examples name another message there, so a mismatch is not refused.
  const timestamp = typeof bundle.timestamp === 'string' ? new Date(bundle.timestamp) : undefined;
  if (timestamp && Number.isNaN(timestamp.getTime())) fail('timestamp', 'Must be an instant with a time zone.', 'invalid_date');

  if (errors.length > 0 || !id || !acknowledgedId || !code || !senderSor) return { ok: false, errors };
  const name = str(sender?.name, 200);
  return {
    ok: true,
    acknowledgement: {
      id,
      acknowledgedId,
      code,
      issues,
      ...(timestamp ? { sentAt: timestamp } : {}),
      sender: { sorCode: senderSor, ...(name ? { name } : {}) },
      ...(receiverSor ? { receiverSorCode: receiverSor } : {}),
    },
  };
}
