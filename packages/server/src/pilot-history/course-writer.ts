import {
  canMoveOfferLink,
  checkTransition,
  type ConsentKind,
  type ContactKind,
  type ContactOutcome,
  type NewPlan,
  type NewReferral,
  type OfferLinkState,
  type ReferralStatus,
  type Role,
  type Who5Answers,
} from '@henvis/contracts';
import { MINUTE } from './clock.js';
import type { Random } from './random.js';

// What a course of the pilot history leaves behind, and the writer that records it step by step as the API would:
// a status move only where the status graph allows it, an offer link's change only where its rules do.

export interface Actor {
  id: string;
  name: string;
  role: Role;
  orgId: string;
}
export type Person = Omit<Actor, 'orgId'>;
export const person = ({ id, name, role }: Actor): Person => ({ id, name, role });

export interface EventRecord {
  type: 'created' | 'status_changed';
  from?: ReferralStatus;
  to: ReferralStatus;
  reason?: string;
  note?: string;
  actor: Actor;
  at: number;
}
export interface ContactRecord {
  kind: ContactKind;
  outcome: ContactOutcome;
  at: number;
  durationMinutes: number;
  note?: string;
  by: Actor;
}
export interface LinkRecord {
  offerId: string;
  offerName: string;
  history: { state: OfferLinkState; at: number; by: Actor }[];
}
export interface ConsentRecord {
  kind: ConsentKind;
  decision: 'given' | 'declined';
  decidedAt: number;
  expiresAt?: number;
  withdrawnAt?: number;
  withdrawnBy?: Person;
  /** How it was obtained, as the consents table keeps it. */
  record: Record<string, unknown>;
}
export interface Who5Record {
  kind: 'baseline' | 'follow_up';
  answers: Who5Answers;
  takenAt: number;
  late: boolean;
  recordedBy: Person;
}

/** Everything a course left behind by `now`. */
export interface Course {
  events: EventRecord[];
  contacts: ContactRecord[];
  plan?: { content: NewPlan; savedAt: number; savedBy: Actor };
  links: LinkRecord[];
  consents: ConsentRecord[];
  who5: Who5Record[];
  /** The navigator who accepted the referral. */
  owner?: Actor;
  closeAt?: number;
}

export interface CourseInput {
  r: Random;
  id: string;
  createdAt: number;
  content: NewReferral;
  flags: string[];
  createdBy: Actor;
  navigators: readonly [Actor, Actor];
  offers: readonly { id: string; name: string }[];
  /** SHA-256 of each consent text (kind and locale). */
  hashes: Record<`${ConsentKind}:${'da' | 'en'}`, string>;
  now: number;
}

const durations: Record<ContactKind, [number, number]> = {
  phone: [8, 30],
  meeting: [30, 75],
  home_visit: [45, 90],
  email: [5, 10],
  sms: [2, 5],
};
const iso = (h: LinkRecord['history'][number]) => ({ ...h, at: new Date(h.at).toISOString() });

export class CourseWriter {
  readonly course: Course = { events: [], contacts: [], links: [], consents: [], who5: [] };
  status: ReferralStatus = 'sent';
  /** When the last status change was. */
  last: number;

  constructor(
    private readonly r: Random,
    createdAt: number,
    createdBy: Actor,
  ) {
    this.last = createdAt;
    this.course.events.push({ type: 'created', to: 'sent', actor: createdBy, at: createdAt });
  }

  /** Changes the status at `at` (or just after the last change), as `checkTransition` allows; returns when. */
  move(to: ReferralStatus, at: number, actor: Actor, details: { reason?: string; note?: string } = {}): number {
    const check = checkTransition(this.status, to, actor.role);
    if (!check.ok) throw new Error(`the history moved a referral ${this.status} → ${to}: ${check.code}`);
    this.last = Math.max(at, this.last + MINUTE);
    this.course.events.push({ type: 'status_changed', from: this.status, to, ...details, actor, at: this.last });
    this.status = to;
    return this.last;
  }

  contact(kind: ContactKind, outcome: ContactOutcome, at: number, by: Actor, note?: string): void {
    const [min, max] = durations[kind];
    const durationMinutes = outcome === 'reached' ? this.r.int(min, max) : this.r.int(1, 3);
    this.course.contacts.push({ kind, outcome, at, durationMinutes, by, ...(note ? { note } : {}) });
  }

  /** Moves an offer link at `at` (or just after its last change), as `canMoveOfferLink` allows; returns when. */
  changeLink(link: LinkRecord, state: OfferLinkState, at: number, by: Actor): number {
    const previous = link.history.at(-1);
    if (!previous) throw new Error('an offer link without history');
    const when = Math.max(at, previous.at + MINUTE);
    if (!canMoveOfferLink({ state: previous.state, history: link.history.map(iso) }, state, new Date(when))) {
      throw new Error(`the history moved an offer link ${previous.state} → ${state}`);
    }
    link.history.push({ state, at: when, by });
    return when;
  }

  /** What had happened by `now`: later steps are left out, and a link's state is its last change. */
  until(now: number): Course {
    const { plan, closeAt, ...course } = this.course;
    return {
      ...course,
      events: course.events.filter((e) => e.at <= now),
      contacts: course.contacts.filter((c) => c.at <= now).sort((a, b) => a.at - b.at),
      ...(plan && plan.savedAt <= now ? { plan } : {}),
      links: course.links.map((l) => ({ ...l, history: l.history.filter((h) => h.at <= now) })).filter((l) => l.history.length > 0),
      consents: course.consents
        .filter((c) => c.decidedAt <= now)
        .map(({ withdrawnAt, withdrawnBy, ...c }) =>
          withdrawnAt !== undefined && withdrawnBy && withdrawnAt <= now ? { ...c, withdrawnAt, withdrawnBy } : c,
        ),
      who5: course.who5.filter((w) => w.takenAt <= now),
      ...(closeAt !== undefined && closeAt <= now ? { closeAt } : {}),
    };
  }
}
