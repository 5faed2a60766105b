import type { rejectReasons } from '@henvis/contracts';
import { DAY, MINUTE, dateOf, daysAfter, shiftDate, soonAfter, sometimeOn, workingDayFrom, workingDaysAfter } from './clock.js';
import { CourseWriter, type Course, type CourseInput } from './course-writer.js';
import { firstConversation } from './first-conversation.js';
import { planAndOffers, type CourseEnd } from './plan-and-offers.js';
import { cancelNotes, closeNotes, contactNotes, rejectNotes } from './texts.js';

// One citizen's course through the pilot, as the API would have recorded it step by step, dated in the
// navigators' working hours. Everything planned after `now` is left out, so a recent course is still open.

type RejectReason = (typeof rejectReasons)[number];

export function simulateCourse(input: CourseInput): Course {
  const { r, createdAt, createdBy, navigators, now } = input;
  const w = new CourseWriter(r, createdAt, createdBy);

  // The practice takes a few back at once: sent in error, or the citizen changed their mind.
  if (r.chance(0.03)) {
    const reason = r.weighted([
      ['citizen_declined', 60],
      ['entered_in_error', 28],
      ['other', 12],
    ] as const);
    if (r.chance(0.4)) w.move('received', soonAfter(r, createdAt, 20, 240), r.pick(navigators));
    w.move('cancelled', soonAfter(r, w.last, 30, 1200), createdBy, { reason, note: cancelNotes[reason] });
    return w.until(now);
  }

  // A referral that misses an inclusion criterion is often rejected; a few others are, after a word with the GP
  // or the first conversation.
  const received = w.move('received', soonAfter(r, createdAt, 15, 300), r.pick(navigators));
  const rejection = rejectionOf(input);
  if (rejection && (rejection === 'outside_area' || r.chance(0.5))) {
    w.move('rejected', soonAfter(r, received, 30, 600), r.pick(navigators), { reason: rejection, note: rejectNotes[rejection] });
    return w.until(now);
  }

  const owner = r.chance(0.55) ? navigators[0] : navigators[1];
  const colleague = owner === navigators[0] ? navigators[1] : navigators[0];
  const who = () => (r.chance(0.9) ? owner : colleague);
  w.course.owner = owner;
  const accepted = w.move('accepted', soonAfter(r, received, 2, 90), owner);

  // The first contact that reached the citizen, mostly within 2 working days; calls nobody answered before it.
  const delay = r.weighted([
    [0, 34],
    [1, 40],
    [2, 14],
    [3, 6],
    [4, 3],
    [6, 3],
  ] as const);
  let firstAt = sometimeOn(r, workingDaysAfter(dateOf(createdAt), delay), 9 * 60, 15 * 60 + 30);
  if (firstAt <= accepted + 15 * MINUTE) firstAt = soonAfter(r, accepted, 15, 90);
  const attempts =
    delay >= 3
      ? r.int(1, 3)
      : r.weighted([
          [0, 64],
          [1, 26],
          [2, 10],
        ] as const);
  for (let i = 0, at = accepted; i < attempts; i++) {
    at = soonAfter(r, at, 10, 150);
    if (at >= firstAt) break;
    const outcome = r.chance(0.55) ? 'not_reached' : 'left_message';
    w.contact('phone', outcome, at, owner, r.pick(outcome === 'not_reached' ? contactNotes.notReached : contactNotes.leftMessage));
  }
  const firstKind = r.weighted([
    ['phone', 58],
    ['meeting', 32],
    ['home_visit', 10],
  ] as const);
  const firstBy = who();
  w.contact(firstKind, 'reached', firstAt, firstBy, r.pick(contactNotes.first));
  w.move('contacted', firstAt, firstBy);
  if (rejection) {
    w.move('rejected', soonAfter(r, firstAt, 30, 240), firstBy, { reason: rejection, note: rejectNotes[rejection] });
    return w.until(now);
  }
  firstConversation(input, w, { at: firstAt, kind: firstKind, by: firstBy, owner });

  const planned = r.chance(0.88);
  const course: CourseEnd = planned
    ? planAndOffers(input, w, { firstAt, owner, who })
    : {
        end: daysAfter(r, firstAt, 14, 60),
        reason: r.weighted([
          ['declined', 35],
          ['needs_other_help', 30],
          ['moved', 10],
          ['not_reachable', 10],
          ['other', 15],
        ] as const),
        reached: 1,
      };
  let { end } = course;
  // Some courses go on for long: the navigator keeps in touch while the citizen finds their feet. And a course
  // ends after the last change to its offers.
  if (r.chance(course.started ? 0.36 : 0.5)) end = daysAfter(r, end, 120, 360);
  const lastChange = Math.max(...w.course.links.flatMap((l) => l.history.map((h) => h.at)), 0);
  if (lastChange >= end) end = daysAfter(r, lastChange, 1, 14);

  // The contacts in between: 3-14 that reached the citizen in a closed course (about 7), a few calls not answered.
  const total = planned ? Math.max(3, Math.min(14, Math.round(r.normal(7.2, 2.6)))) : r.int(3, 5);
  const from = Math.max(...w.course.contacts.map((c) => c.at));
  for (let i = course.reached; i < total; i++) {
    const at = sometimeOn(r, workingDayFrom(shiftDate(dateOf(from), Math.floor(r.next() * Math.max(1, (end - from) / DAY - 1)))));
    if (at <= from || at >= end) continue;
    if (r.chance(0.1))
      w.contact('phone', r.chance(0.5) ? 'not_reached' : 'left_message', Math.max(from + MINUTE, at - r.int(30, 90) * MINUTE), who());
    const kind = r.weighted([
      ['phone', 45],
      ['meeting', 40],
      ['home_visit', 8],
      ['sms', 4],
      ['email', 3],
    ] as const);
    w.contact(kind, 'reached', at, who(), r.chance(0.7) ? r.pick(contactNotes.later) : undefined);
  }
  if (course.reason === 'not_reachable') {
    for (let i = 3; i > 0; i--) {
      const at = sometimeOn(r, workingDayFrom(shiftDate(dateOf(end), -4 * i)));
      if (at > from && at < end) w.contact('phone', i === 1 ? 'left_message' : 'not_reached', at, owner);
    }
  }
  const lastContact = Math.max(...w.course.contacts.map((c) => c.at));
  end = Math.max(end, soonAfter(r, lastContact, 30, 120));
  const note =
    course.started && course.reason === 'joined_community' ? `Går fast i "${course.started}" og kommer selv.` : closeNotes[course.reason];
  w.course.closeAt = w.move('closed', end, owner, { reason: course.reason, note });
  return w.until(now);
}

/** Whether the navigators reject a referral, and why: mostly one that misses an inclusion criterion. */
function rejectionOf({ r, flags }: CourseInput): RejectReason | undefined {
  if (flags.includes('outside_area')) return r.chance(0.7) ? 'outside_area' : undefined;
  if (flags.includes('not_motivated')) return r.chance(0.5) ? 'not_motivated' : undefined;
  if (flags.includes('under_18') || flags.includes('no_social_need')) return r.chance(0.35) ? 'outside_target_group' : undefined;
  if (!r.chance(0.025)) return undefined;
  return r.weighted([
    ['outside_target_group', 55],
    ['not_motivated', 35],
    ['outside_area', 10],
  ] as const);
}
