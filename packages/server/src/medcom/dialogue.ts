import {
  closeReasonLabels,
  isPracticeRole,
  reasonLabels,
  rejectReasonLabels,
  type MedComAddress,
  type Message,
  type NewReferral,
  type Practice,
  type Practitioner,
  type ReferralEvent,
} from '@henvis/contracts';
import type { Dialogue, DialogueEntry } from './care-communication.js';
import type { MedComParty } from './parties.js';

/** What the dialogue is made of, as the stores keep it. */
export interface DialogueSource {
  referral: { id: string; createdAt: Date; practice: Practice; referrer: Practitioner; content: NewReferral; ownerOrgId?: string };
  messages: readonly Message[];
  events: readonly ReferralEvent[];
  /** The navigator organisations that serve the practice. */
  servingOrgs: readonly string[];
}

export type DialogueResult = { ok: true; dialogue: Dialogue } | { ok: false; detail: string };

const companionText = { yes: 'Ja', no: 'Nej', unknown: 'Ved ikke' } as const;

/** The referral as the text of the dialogue's first message, in Danish as the navigator reads it. */
export function referralText(content: NewReferral): string {
  const contact = content.contact;
  const reach = [
    contact.phone ? `telefon ${contact.phone}${contact.sms ? ' (SMS er i orden)' : ''}` : undefined,
    contact.email ? `e-mail ${contact.email}` : undefined,
    contact.bestTime ? `bedst: ${contact.bestTime}` : undefined,
  ].filter(Boolean);
  return [
    'Social henvisning til socialnavigatør.',
    `Årsager: ${content.reasons.map((r) => reasonLabels.da[r]).join(', ')}.`,
    content.note ? `Henviserens bemærkning: ${content.note}` : undefined,
    content.wishes ? `Borgerens ønsker og interesser: ${content.wishes}` : undefined,
    `Behov for følgeskab: ${companionText[content.companion]}.`,
    `Kontakt: ${reach.length > 0 ? reach.join(', ') : 'ingen telefon eller e-mail oplyst'}.`,
  ]
    .filter(Boolean)
    .join('\n');
}

/** The end of the course as the text of the dialogue's last message: closed, rejected or cancelled, and why. */
export function endText(event: ReferralEvent): string | undefined {
  const note = event.note ? `\n${event.note}` : '';
  if (event.to === 'closed') {
    const reason =
      event.reason && event.reason in closeReasonLabels.da
        ? closeReasonLabels.da[event.reason as keyof typeof closeReasonLabels.da]
        : event.reason;
    return `Forløbet er afsluttet. Årsag: ${reason ?? 'ikke angivet'}.${note}`;
  }
  if (event.to === 'rejected') {
    const reason =
      event.reason && event.reason in rejectReasonLabels.da
        ? rejectReasonLabels.da[event.reason as keyof typeof rejectReasonLabels.da]
        : event.reason;
    return `Henvisningen er afvist. Årsag: ${reason ?? 'ikke angivet'}.${note}`;
  }
  if (event.to === 'cancelled') return `Henvisningen er annulleret af praksis.${note}`;
  return undefined;
}

/**
 * The navigator organisation the practice writes to: the one whose navigator took the citizen, else the first whose
 * navigator wrote or moved the referral, else the only one serving the practice.
 */
function navigatorOrgOf(source: DialogueSource): string | undefined {
  if (source.referral.ownerOrgId) return source.referral.ownerOrgId;
  const acted = [
    ...source.events.map((e) => ({ at: e.at, actor: e.actor })),
    ...source.messages.map((m) => ({ at: m.at, actor: m.author })),
  ]
    .filter((a) => !isPracticeRole(a.actor.role))
    .sort((a, b) => a.at.localeCompare(b.at))[0];
  if (acted) return acted.actor.orgId;
  return source.servingOrgs.length === 1 ? source.servingOrgs[0] : undefined;
}

/**
 * The dialogue of a referral (its text, the messages both ways in the order written, and the course's end) with the
 * MedCom address of each organisation from the directory, or what is missing for it.
 */
export function dialogueOf(source: DialogueSource, directory: ReadonlyMap<string, MedComAddress>): DialogueResult {
  const { referral } = source;
  const navigatorOrgId = navigatorOrgOf(source);
  if (!navigatorOrgId)
    return { ok: false, detail: 'No navigator organisation has the referral yet, and more than one (or none) serves the practice.' };
  const entries: DialogueEntry[] = [
    {
      part: 'referral',
      id: referral.id,
      at: referral.createdAt,
      author: { ...referral.referrer, orgId: referral.practice.id },
      text: referralText(referral.content),
    },
    ...source.messages.map((m): DialogueEntry => ({ part: 'message', id: m.id, at: new Date(m.at), author: m.author, text: m.body })),
  ];
  for (const event of source.events) {
    const text = event.type === 'status_changed' ? endText(event) : undefined;
    if (text) entries.push({ part: 'closing', id: event.id, at: new Date(event.at), author: event.actor, text });
  }
  entries.sort((a, b) => (a.part === 'referral' ? -1 : b.part === 'referral' ? 1 : a.at.getTime() - b.at.getTime()));

  const orgIds = [...new Set([referral.practice.id, navigatorOrgId, ...entries.map((e) => e.author.orgId)])];
  const parties = new Map<string, MedComParty>();
  for (const [id, address] of directory) {
    if (!orgIds.includes(id)) continue;
    const ydernummer = id === referral.practice.id ? referral.practice.ydernummer : undefined;
    parties.set(id, ydernummer ? { ...address, ydernummer } : address);
  }
  const practice = parties.get(referral.practice.id);
  const navigatorOrg = parties.get(navigatorOrgId);
  const missing = orgIds.filter((id) => !parties.has(id));
  if (!practice || !navigatorOrg || missing.length > 0)
    return { ok: false, detail: `No MedCom address is configured for ${missing.join(', ')}.` };
  return {
    ok: true,
    dialogue: {
      referralId: referral.id,
      patient: { cpr: referral.content.patient.cpr, name: referral.content.patient.name },
      practice,
      navigatorOrg,
      parties,
      entries,
    },
  };
}
