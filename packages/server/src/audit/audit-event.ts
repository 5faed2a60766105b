import type { Queryable } from '../db/database.js';
import { ROW_COLUMNS, fromStored, type ChainedRow } from './chain.js';
import { REFERRAL_LIST, namesCitizen, parseListed } from './referral-list.js';

/**
 * The audit log as FHIR R4 AuditEvent, in the shapes of IHE's Basic Audit Log Patterns (BALP): a patient's data
 * read, created, updated or queried, and record data disclosed for the evaluation. The patient is named by the
 * pseudonym only (the audit log holds nothing else), the user by the identity provider's subject, the client by
 * its address. A successful event with a patient claims its BALP profile; a refusal has the same shape without the
 * claim (BALP's profiles are for successes: "failures are recorded differently"). A list or a search, kept as one line
 * naming every referral it showed (referral-list.ts), becomes one PatientQuery per citizen it showed, as BALP asks
 * ("one AuditEvent is created for every Patient identified in the resulting search set"), each naming that citizen's
 * referrals it listed.
 */

const BALP = 'https://profiles.ihe.net/ITI/BALP/StructureDefinition';
const DCM = 'http://dicom.nema.org/resources/ontology/DCM';
const ENTITY_TYPE = 'http://terminology.hl7.org/CodeSystem/audit-entity-type';
const OBJECT_ROLE = 'http://terminology.hl7.org/CodeSystem/object-role';
/** Pseudonyms of CPR numbers (HMAC with the installation's key): linkable only by whoever holds the key. */
export const PSEUDONYM_SYSTEM = 'urn:henvis:pseudonym';

type Coding = { system: string; code: string; display?: string };
type Interaction = 'read' | 'create' | 'update' | 'search-type' | 'disclose' | 'other';

export interface AuditEvent {
  resourceType: 'AuditEvent';
  id: string;
  meta?: { profile: string[] };
  text: { status: 'generated'; div: string };
  type: Coding;
  subtype?: Coding[];
  action: 'C' | 'R' | 'U' | 'D' | 'E';
  recorded: string;
  outcome: '0' | '4' | '8' | '12';
  outcomeDesc?: string;
  purposeOfEvent?: { coding: Coding[] }[];
  agent: {
    type: { coding: Coding[] };
    who: { identifier?: { system: string; value: string }; display?: string };
    requestor: boolean;
    role?: { text: string }[];
    network?: { address: string; type: '2' | '5' };
  }[];
  source: { site?: string; observer: { display: string }; type: Coding[] };
  entity?: {
    what: { identifier?: { system: string; value: string }; reference?: string; display?: string };
    type: Coding;
    role: Coding;
  }[];
}

const VERBS: [RegExp, Interaction][] = [
  [/^(disclose|export)$/, 'disclose'],
  [/^(read|fhir)$/, 'read'],
  [/^(create|record|import|created|recorded)$/, 'create'],
  [/^(list|search|query|summary|stream|check)$/, 'search-type'],
  [/^(update|write|withdraw|withdrawn|reassign|retire|transition|accept|close)$/, 'update'],
];

/** What an action string of the log (`referral.read`, `consent.withdraw.journal_data`, …) did, by its verb. */
export function interactionOf(action: string): Interaction {
  const segments = action.split(/[. ]/).reverse();
  for (const segment of segments) {
    for (const [pattern, interaction] of VERBS) if (pattern.test(segment)) return interaction;
  }
  return 'other';
}

const ACTION: Record<Interaction, AuditEvent['action']> = {
  read: 'R',
  create: 'C',
  update: 'U',
  'search-type': 'E',
  disclose: 'R',
  other: 'E',
};
const PROFILE: Partial<Record<Interaction, string>> = {
  read: `${BALP}/IHE.BasicAudit.PatientRead`,
  create: `${BALP}/IHE.BasicAudit.PatientCreate`,
  update: `${BALP}/IHE.BasicAudit.PatientUpdate`,
  'search-type': `${BALP}/IHE.BasicAudit.PatientQuery`,
  disclose: `${BALP}/IHE.BasicAudit.PrivacyDisclosure.Source`,
};
const OUTCOME: Record<string, AuditEvent['outcome']> = { ok: '0', denied: '4', refused: '4', failed: '8' };

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
const escapeHtml = (text: string) => text.replace(/[&<>"]/g, (c) => ENTITIES[c] ?? c);

/** A line of the log as AuditEvents: one, or for a list that showed several citizens one per citizen. */
export function toAuditEvents(row: ChainedRow, server: { url: string }): AuditEvent[] {
  if (row.resource_type !== REFERRAL_LIST) return [toAuditEvent(row, server)];
  const byCitizen = new Map<string, string[]>();
  for (const { referralId, patientKey } of parseListed(row.detail))
    byCitizen.set(patientKey, [...(byCitizen.get(patientKey) ?? []), referralId]);
  // A search that found no one is still about the citizen searched for (patient_key), or about no one.
  if (byCitizen.size === 0) return [toAuditEvent(row, server, [])];
  const events = [...byCitizen].map(([patientKey, referrals]) => toAuditEvent({ ...row, patient_key: patientKey }, server, referrals));
  return events.length === 1 ? events : events.map((e, i) => ({ ...e, id: `${e.id}-${i + 1}` }));
}

/**
 * One line of the log as an AuditEvent. `listed`: the line is a list's (resource_type 'referral_list'), and these are
 * the referrals of `row.patient_key` it showed.
 */
export function toAuditEvent(row: ChainedRow, server: { url: string }, listed?: string[]): AuditEvent {
  const interaction = interactionOf(row.action);
  // A list's detail names what it showed (see toAuditEvents); it is no outcome and no text.
  const detail = listed ? null : row.detail;
  const disclosure = interaction === 'disclose';
  // The data flow names the roles (BALP, after DICOM): a read sends data to the client, a write from it.
  const clientReceives = interaction === 'read' || interaction === 'search-type' || disclosure || interaction === 'other';
  const client = {
    system: DCM,
    code: clientReceives ? '110152' : '110153',
    display: clientReceives ? 'Destination Role ID' : 'Source Role ID',
  };
  const server_ = {
    system: DCM,
    code: clientReceives ? '110153' : '110152',
    display: clientReceives ? 'Source Role ID' : 'Destination Role ID',
  };
  const outcome = OUTCOME[row.outcome] ?? '8';
  const profile = outcome === '0' && row.patient_key ? PROFILE[interaction] : undefined;

  const agent: AuditEvent['agent'] = [];
  if (row.actor_sub) {
    agent.push({
      type: {
        coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType', code: 'IRCP', display: 'information recipient' }],
      },
      who: {
        identifier: { system: row.issuer ?? 'urn:henvis:unknown-issuer', value: row.actor_sub },
        ...(row.actor_org ? { display: `${row.actor_role ?? 'user'}, ${row.actor_org}` } : {}),
      },
      requestor: true,
      ...(row.actor_role ? { role: [{ text: row.actor_role }] } : {}),
    });
  }
  agent.push(
    {
      type: { coding: [client] },
      who: { display: row.actor_sub ? 'client of the user' : 'client (no valid token)' },
      requestor: !row.actor_sub,
      ...(row.client_ip ? { network: { address: row.client_ip, type: '2' as const } } : {}),
    },
    { type: { coding: [server_] }, who: { display: 'Henvis API' }, requestor: false, network: { address: server.url, type: '5' } },
  );

  const entity: NonNullable<AuditEvent['entity']> = [];
  if (row.patient_key) {
    entity.push({
      what: { identifier: { system: PSEUDONYM_SYSTEM, value: row.patient_key } },
      type: { system: ENTITY_TYPE, code: '1', display: 'Person' },
      role: { system: OBJECT_ROLE, code: '1', display: 'Patient' },
    });
  }
  for (const referralId of listed ?? []) {
    entity.push({
      what: { identifier: { system: 'urn:henvis:referral', value: referralId } },
      type: { system: ENTITY_TYPE, code: '2', display: 'System Object' },
      role: { system: OBJECT_ROLE, code: '4', display: 'Domain Resource' },
    });
  }
  entity.push(
    interaction === 'search-type'
      ? {
          what: { display: row.action },
          type: { system: ENTITY_TYPE, code: '2', display: 'System Object' },
          role: { system: OBJECT_ROLE, code: '24', display: 'Query' },
        }
      : {
          what:
            row.resource_type && row.resource_id
              ? { identifier: { system: `urn:henvis:${row.resource_type}`, value: row.resource_id } }
              : { display: row.action },
          type: { system: ENTITY_TYPE, code: '2', display: 'System Object' },
          role: disclosure
            ? { system: OBJECT_ROLE, code: '3', display: 'Report' }
            : { system: OBJECT_ROLE, code: '4', display: 'Domain Resource' },
        },
  );

  const outcomeText = { '0': 'success', '4': 'refused', '8': 'failed', '12': 'failed' }[outcome];
  return {
    resourceType: 'AuditEvent',
    id: `audit-${row.seq}`,
    ...(profile ? { meta: { profile: [profile] } } : {}),
    text: {
      status: 'generated',
      div: `<div xmlns="http://www.w3.org/1999/xhtml"><p>${escapeHtml(`${row.action}: ${outcomeText}${detail ? ` (${detail})` : ''}${listed ? `, ${listed.length} listed` : ''}, ${row.at}`)}</p></div>`,
    },
    type: disclosure
      ? { system: DCM, code: '110106', display: 'Export' }
      : interaction === 'other'
        ? { system: DCM, code: '110100', display: 'Application Activity' }
        : { system: 'http://terminology.hl7.org/CodeSystem/audit-event-type', code: 'rest', display: 'Restful Operation' },
    ...(interaction === 'other'
      ? {}
      : {
          subtype: disclosure
            ? [
                {
                  system: 'http://terminology.hl7.org/CodeSystem/iso-21089-lifecycle',
                  code: 'disclose',
                  display: 'Disclose Record Lifecycle Event',
                },
                { system: 'http://hl7.org/fhir/restful-interaction', code: 'read', display: 'read' },
              ]
            : [{ system: 'http://hl7.org/fhir/restful-interaction', code: interaction, display: interaction }],
        }),
    action: ACTION[interaction],
    recorded: row.at,
    outcome,
    ...(detail ? { outcomeDesc: detail } : {}),
    ...(disclosure
      ? {
          purposeOfEvent: [
            { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActReason', code: 'HRESCH', display: 'healthcare research' }] },
          ],
        }
      : {}),
    agent,
    source: {
      site: server.url,
      observer: { display: 'Henvis API' },
      type: [{ system: 'http://terminology.hl7.org/CodeSystem/security-source-type', code: '4', display: 'Application Server' }],
    },
    entity,
  };
}

/** The AuditEvents of a period [from, to), streamed from the log in position order, a page at a time. */
export async function* auditEvents(
  db: Queryable,
  period: { from: Date; to: Date },
  server: { url: string },
  page = 5_000,
): AsyncGenerator<AuditEvent> {
  for (let last = 0; ;) {
    const rows = await db.query<Parameters<typeof fromStored>[0]>(
      `select ${ROW_COLUMNS} from audit_log where seq > $1 and at >= $2 and at < $3 order by audit_log.seq limit $4`,
      [last, period.from.toISOString(), period.to.toISOString(), page],
    );
    for (const stored of rows) {
      const events = toAuditEvents(fromStored(stored), server);
      last = Number(stored.seq);
      yield* events;
    }
    if (rows.length < page) return;
  }
}

/**
 * "Who saw this citizen": the AuditEvents about the citizen with the pseudonym `patientKey` (what was read, written,
 * listed or searched of theirs, by whom, when), in position order, a page at a time. The lists that showed them are
 * found by their detail (migration 026's audit_log_listed), beside the lines that name them in patient_key.
 */
export async function* auditEventsOfCitizen(
  db: Queryable,
  patientKey: string,
  server: { url: string },
  page = 5_000,
): AsyncGenerator<AuditEvent> {
  for (let last = 0; ;) {
    const rows = await db.query<Parameters<typeof fromStored>[0]>(
      `select ${ROW_COLUMNS} from audit_log where seq > $1 and ${namesCitizen('$2')} order by audit_log.seq limit $3`,
      [last, patientKey, page],
    );
    for (const stored of rows) {
      last = Number(stored.seq);
      const key = { system: PSEUDONYM_SYSTEM, value: patientKey };
      yield* toAuditEvents(fromStored(stored), server).filter((e) =>
        e.entity?.some((x) => x.what.identifier?.system === key.system && x.what.identifier.value === key.value),
      );
    }
    if (rows.length < page) return;
  }
}
