import { addMonths, startOfDanishDay, type closeReasons } from '@henvis/contracts';
import { DAY, MINUTE, dateOf, daysAfter, shiftDate, sometimeOn, workingDayFrom } from './clock.js';
import type { Actor, CourseInput, CourseWriter, LinkRecord } from './course-writer.js';
import type { Random } from './random.js';
import { endCriteria, nextSteps, planGoals } from './texts.js';

export type CloseReason = (typeof closeReasons)[number];

/** Offers by name that suit a referral's first reason; one of those in the catalogue is linked, mostly. */
const offersFor: Record<string, readonly string[]> = {
  loneliness: ['Fællesspisning', 'Strikkecafé', 'Syng med i koret', 'Gåture for alle'],
  inactivity: ['Gåture for alle', 'Motion for seniorer'],
  low_wellbeing: ['Gåture for alle', 'Strikkecafé', 'Syng med i koret'],
  grief_or_loss: ['Fællesspisning', 'Gåture for alle'],
  life_change: ['Bliv frivillig', 'Fællesspisning'],
  mental_strain: ['Gåture for alle', 'Strikkecafé'],
  other: ['Bliv frivillig', 'Fællesspisning'],
};

export interface CourseEnd {
  /** When the course would close, and why. */
  end: number;
  reason: CloseReason;
  /** The offer the citizen last started, for the closing note. */
  started?: string;
  /** Contacts that reached the citizen so far. */
  reached: number;
}

export function closeAfterOffer(r: Random): CloseReason {
  return r.weighted([
    ['joined_community', 58],
    ['goal_reached', 36],
    ['moved', 3],
    ['other', 3],
  ] as const);
}

export function closeAfterNoOffer(r: Random): CloseReason {
  return r.weighted([
    ['goal_reached', 28],
    ['declined', 26],
    ['needs_other_help', 19],
    ['not_reachable', 12],
    ['moved', 6],
    ['other', 9],
  ] as const);
}

/** The day an offer started 3 months ago may be marked "attending at 3 months". */
const threeMonthsOn = (startedAt: number) => startOfDanishDay(addMonths(dateOf(startedAt), 3)).getTime();

/**
 * The plan, made at the next conversation with the offer agreed on it proposed; then, for most, the offer started
 * within 3 months of the referral (the referral becomes linked), and mostly still attended 3 months on; some stop
 * and try another, some start late, some never.
 */
export function planAndOffers(
  input: CourseInput,
  w: CourseWriter,
  { firstAt, owner, who }: { firstAt: number; owner: Actor; who: () => Actor },
): CourseEnd {
  const { r, content } = input;
  const planAt = daysAfter(r, firstAt, 6, 35);
  const planBy = who();
  w.contact(r.chance(0.8) ? 'meeting' : 'home_visit', 'reached', planAt, planBy, 'Plan lagt sammen med borgeren.');
  let reached = 2;
  const linkAt = planAt + r.int(20, 40) * MINUTE;
  const names = offersFor[content.reasons[0] ?? 'other'] ?? [];
  const wanted = input.offers.filter((o) => names.includes(o.name));
  const offer = wanted.length > 0 && r.chance(0.85) ? r.pick(wanted) : r.pick(input.offers);
  w.course.plan = {
    content: {
      goals: r.pick(planGoals),
      bridgeBuilder: r.chance(0.15),
      companion: content.companion === 'yes' || r.chance(0.1),
      nextStep: r.pick(nextSteps),
      nextStepDate: dateOf(daysAfter(r, planAt, 3, 14)),
      endCriterion: r.pick(endCriteria),
    },
    savedAt: planAt + r.int(10, 20) * MINUTE,
    savedBy: planBy,
  };
  w.move('plan_made', w.course.plan.savedAt, planBy);

  const threeMonths = startOfDanishDay(addMonths(dateOf(input.createdAt), 3)).getTime();
  const startsInTime = r.chance(0.69);
  const startsLate = !startsInTime && r.chance(0.3);
  const link: LinkRecord = { offerId: offer.id, offerName: offer.name, history: [{ state: 'proposed', at: linkAt, by: planBy }] };
  w.course.links.push(link);
  if (!startsInTime && !startsLate) {
    if (r.chance(0.35)) w.changeLink(link, 'stopped', daysAfter(r, linkAt, 7, 30), owner);
    return { end: daysAfter(r, planAt, 45, 150), reason: closeAfterNoOffer(r), reached };
  }

  let startAt = startsInTime ? daysAfter(r, linkAt, 3, 40) : daysAfter(r, threeMonths, 5, 60);
  if (startsInTime && startAt > threeMonths - DAY) startAt = sometimeOn(r, workingDayFrom(shiftDate(dateOf(threeMonths), -12)));
  const startBy = who();
  startAt = w.changeLink(link, 'started', startAt, startBy);
  w.contact('meeting', 'reached', startAt, startBy, 'Fulgt til første gang.');
  reached++;
  w.move('linked', startAt, startBy);
  if (!r.chance(0.28)) {
    const attendingAt = w.changeLink(link, 'attending_3_months', daysAfter(r, threeMonthsOn(startAt), 0, 20), owner);
    if (r.chance(0.12)) w.changeLink(link, 'stopped', daysAfter(r, attendingAt, 20, 90), owner);
    return { end: daysAfter(r, attendingAt, 0, 45), reason: closeAfterOffer(r), started: offer.name, reached };
  }

  const stoppedAt = w.changeLink(link, 'stopped', daysAfter(r, startAt, 10, 70), owner);
  const end = daysAfter(r, stoppedAt, 7, 45);
  const reason = closeAfterNoOffer(r);
  if (!r.chance(0.5)) return { end, reason, started: offer.name, reached };
  const others = input.offers.filter((o) => o.id !== offer.id);
  const second = others.length > 0 ? r.pick(others) : offer;
  const again: LinkRecord = {
    offerId: second.id,
    offerName: second.name,
    history: [{ state: 'proposed', at: daysAfter(r, stoppedAt, 3, 14), by: owner }],
  };
  w.course.links.push(again);
  const againAt = w.changeLink(again, 'started', daysAfter(r, again.history[0]?.at ?? stoppedAt, 3, 20), owner);
  const attendingAt = w.changeLink(again, 'attending_3_months', daysAfter(r, threeMonthsOn(againAt), 0, 20), owner);
  return { end: daysAfter(r, attendingAt, 0, 45), reason: closeAfterOffer(r), started: second.name, reached };
}
