import {
  addMonths,
  inclusionFlagsFor,
  type ConsentKind,
  type Category,
  type NewReferral,
  type Practice,
  type Practitioner,
  type ReferralStatus,
  type Role,
} from '@henvis/contracts';
import { demoNavigatorAccounts, demoNavigatorOrgs, demoPractices, demoUsers } from '../auth/demo-directory.js';
import { DAY, atTime, dateOf, daysAfter, isWorkingDay, shiftDate } from './clock.js';
import { newCitizen, referralContent } from './citizens.js';
import type { Actor, Course } from './course-writer.js';
import { simulateCourse } from './course.js';
import { seededRandom, streamOf, type Random } from './random.js';
import { unmetNeedNotes } from './texts.js';

// Two years of the Norddjurs pilot as the demo shows it: about 600 referrals from the two practices the Norddjurs
// navigators serve, fewer in the first months and in the summer holidays, none in the last 3 weeks.

export const HISTORY_ORG = 'norddjurs-navigatorer';
const SEED = 0x4e6f7264;
const MONTHS = 24;
/** Referrals a month once the pilot is under way. */
const FULL_MONTH = 31;
/** Nothing in the last 3 weeks: the demo's new referrals and worklists stay what the demo makes. */
const QUIET_DAYS = 21;

const GRENAA = '045678';
const AUNING = '045679';
/** The Auning demo journal's GP (scripts/demo-journal.mjs). */
const auningGp: Practitioner = { id: 'gp-peter-dahl', name: 'Peter Dahl', role: 'doctor', authorisationId: '3F8P4' };

/**
 * Unmet needs by category and area, in the practice whose citizens live there. None is 'community' in Allingåbro:
 * the end-to-end loop records that one and expects to find it once.
 */
const unmetNeedQuota: readonly (readonly [Category, string, number, string])[] = [
  ['peer_support', 'Grenaa', 7, GRENAA],
  ['creative', 'Allingåbro', 6, AUNING],
  ['physical_activity', 'Glesborg', 5, GRENAA],
  ['practical_help', 'Auning', 5, AUNING],
  ['community', 'Glesborg', 4, GRENAA],
  ['nature', 'Ørsted', 3, AUNING],
  ['learning', 'Grenaa', 3, GRENAA],
  ['volunteering', 'Auning', 2, AUNING],
  ['community', 'Ørsted', 2, AUNING],
];

/** Fewer referrals in July (summer holidays), August, December and around Easter. */
const season: Record<string, number> = { '02': 0.95, '04': 0.92, '07': 0.55, '08': 0.9, '12': 0.8 };

export interface HistoryReferral {
  id: string;
  practice: Practice;
  referrer: Practitioner;
  patientKey: string;
  content: NewReferral;
  flags: string[];
  createdAt: number;
  status: ReferralStatus;
  updatedAt: number;
  course: Course;
}

export interface UnmetNeedRecord {
  referralId: string;
  practiceId: string;
  category: Category;
  area: string;
  note: string;
  recordedAt: number;
  recordedBy: Actor;
}

export interface PilotHistory {
  referrals: HistoryReferral[];
  unmetNeeds: UnmetNeedRecord[];
}

export interface HistoryInput {
  now: Date;
  /** The active offers of the Norddjurs catalogue. */
  offers: readonly { id: string; name: string }[];
  hashes: Record<`${ConsentKind}:${'da' | 'en'}`, string>;
  /** The keyed pseudonym of a CPR number, as the API stores it. */
  pseudonym(cpr: string): string;
  /** The id of the first referral, by which a seeded history is known. */
  markerId: string;
}

function practitioner(role: Role): Practitioner {
  const { id, name, authorisationId } = demoUsers[role];
  return { id, name, role, ...(authorisationId ? { authorisationId } : {}) };
}

function navigatorActors(): [Actor, Actor] {
  const [first, second] = demoNavigatorAccounts
    .filter((a) => a.role === 'navigator' && a.org.id === HISTORY_ORG)
    .map((a): Actor => ({ id: a.sub, name: a.name, role: a.role, orgId: a.org.id }));
  if (!first || !second) throw new Error(`the pilot history needs two demo navigators of ${HISTORY_ORG}`);
  return [first, second];
}

/** The working days of each of the 24 months before the quiet weeks, the last month cut where they begin. */
function monthsBefore(now: Date): { month: string; days: string[]; full: number }[] {
  const lastDay = shiftDate(dateOf(now.getTime() - QUIET_DAYS * DAY), -1);
  // A last month of a few days only would be a small cell of its own: end with the month before it then.
  const end = Number(lastDay.slice(8)) < 10 ? shiftDate(`${lastDay.slice(0, 7)}-01`, -1) : lastDay;
  return Array.from({ length: MONTHS }, (_, k) => {
    const month = addMonths(`${end.slice(0, 7)}-01`, k - MONTHS + 1).slice(0, 7);
    const working: string[] = [];
    for (let d = `${month}-01`; d.startsWith(month); d = shiftDate(d, 1)) if (isWorkingDay(d)) working.push(d);
    return { month, days: working.filter((d) => d <= end), full: working.length };
  });
}

export function generatePilotHistory(input: HistoryInput): PilotHistory {
  const { now, offers } = input;
  if (offers.length === 0) throw new Error('the pilot history links offers of the Norddjurs catalogue: seed it first');
  const navigators = navigatorActors();
  const practices = new Map(demoPractices.map((p) => [p.id, p]));
  const served = demoNavigatorOrgs.find((o) => o.id === HISTORY_ORG)?.serves ?? [];
  const plan = seededRandom(SEED);

  // When each referral was sent: a ramp-up over the first half year, then a steady flow with the seasons.
  const sentAt: { at: number; practiceId: string }[] = [];
  for (const [k, { month, days, full }] of monthsBefore(now).entries()) {
    const ramp = Math.min(1, 0.3 + (0.7 * k) / 6) * (1 + (0.1 * Math.max(0, k - 12)) / 11);
    const n = Math.max(
      6,
      Math.round(FULL_MONTH * ramp * (season[month.slice(5)] ?? 1) * (days.length / full) * (1 + plan.normal(0, 0.07))),
    );
    for (let i = 0; i < n; i++) {
      const practiceId = plan.chance(0.58) ? GRENAA : AUNING;
      sentAt.push({
        at: atTime(plan.pick(days), plan.int(8 * 60 + 10, 15 * 60 + 20)),
        practiceId: served.includes(practiceId) ? practiceId : GRENAA,
      });
    }
  }
  sentAt.sort((a, b) => a.at - b.at);

  const taken = { cprs: new Set<string>(), names: new Set<string>() };
  const referrals = sentAt.map(({ at, practiceId }, i): HistoryReferral => {
    const r = streamOf(SEED, i);
    const id = i === 0 ? input.markerId : r.uuid();
    const known = practices.get(practiceId);
    if (!known) throw new Error(`no demo practice ${practiceId}`);
    const practice: Practice = { id: known.id, name: known.name, sorCode: known.sorCode, ydernummer: known.ydernummer };
    const citizen = newCitizen(r, at, taken);
    const referrer = referrerOf(r, practiceId, citizen);
    const content = referralContent(r, citizen);
    const flags = inclusionFlagsFor(content, new Date(at));
    const course = simulateCourse({
      r,
      id,
      createdAt: at,
      content,
      flags,
      createdBy: { id: referrer.id, name: referrer.name, role: referrer.role, orgId: practice.id },
      navigators,
      offers,
      hashes: input.hashes,
      now: now.getTime(),
    });
    const last = course.events.at(-1);
    if (!last) throw new Error('a course without its creation');
    return {
      id,
      practice,
      referrer,
      patientKey: input.pseudonym(citizen.cpr),
      content,
      flags,
      createdAt: at,
      status: last.to,
      updatedAt: last.at,
      course,
    };
  });
  return { referrals, unmetNeeds: unmetNeeds(seededRandom(SEED + 1), referrals, now.getTime()) };
}

function referrerOf(r: Random, practiceId: string, citizen: { female: boolean; age: number }): Practitioner {
  if (practiceId === AUNING)
    return citizen.female && citizen.age >= 20 && citizen.age <= 42 && r.chance(0.5) ? practitioner('midwife') : auningGp;
  return r.weighted([
    [practitioner('doctor'), 62],
    [practitioner('nurse'), 28],
    [practitioner('practice_staff'), 10],
  ] as const);
}

function unmetNeeds(r: Random, referrals: HistoryReferral[], now: number): UnmetNeedRecord[] {
  const needs: UnmetNeedRecord[] = [];
  for (const [category, area, count, practiceId] of unmetNeedQuota) {
    const candidates = referrals.filter((ref) => ref.practice.id === practiceId && ref.course.plan);
    for (let n = 0, attempt = 0; n < count && attempt < 200; attempt++) {
      const ref = r.pick(candidates);
      const saved = ref.course.plan;
      if (!saved || needs.some((x) => x.referralId === ref.id && x.category === category)) continue;
      const recordedAt = daysAfter(r, saved.savedAt, 1, 20);
      if (recordedAt > now || (ref.course.closeAt !== undefined && recordedAt >= ref.course.closeAt)) continue;
      needs.push({ referralId: ref.id, practiceId, category, area, note: unmetNeedNotes[category], recordedAt, recordedBy: saved.savedBy });
      n++;
    }
  }
  return needs;
}
