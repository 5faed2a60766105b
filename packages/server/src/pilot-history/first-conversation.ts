import {
  CONSENT_TEXT_VERSION,
  collectsEvaluationData,
  newConsentRecord,
  who5FollowUpLate,
  who5FollowUpWindow,
  who5Refusal,
  type ConsentKind,
  type ContactKind,
  type Who5Answers,
} from '@henvis/contracts';
import { DAY, MINUTE, dateOf, daysAfter, shiftDate, sometimeOn, workingDayFrom } from './clock.js';
import {
  person,
  type Actor,
  type ConsentRecord,
  type CourseInput,
  type CourseWriter,
  type Person,
  type Who5Record,
} from './course-writer.js';
import type { Random } from './random.js';

/**
 * The first conversation with an adult: the navigator informs, and most give both consents (a few decline, a few
 * withdraw one later); with the well-being consent, the WHO-5 baseline, and its follow-up in the window 6-8 months
 * later where the window has opened.
 */
export function firstConversation(
  input: CourseInput,
  w: CourseWriter,
  { at, kind, by, owner }: { at: number; kind: ContactKind; by: Actor; owner: Actor },
): void {
  const { r } = input;
  if (!collectsEvaluationData(input.content.patient.cpr, new Date(at))) return;
  const choice = r.next();
  if (choice >= 0.94) return; // not asked at the first conversation
  const method = kind === 'phone' ? 'paper_noted' : 'signed_on_screen';
  const locale = r.chance(0.03) ? 'en' : 'da';
  const decidedAt = at + r.int(5, 15) * MINUTE;
  const decide = (consentKind: ConsentKind, decision: 'given' | 'declined'): ConsentRecord => {
    const made = newConsentRecord(
      {
        kind: consentKind,
        decision,
        method,
        textVersion: CONSENT_TEXT_VERSION,
        locale,
        textHash: input.hashes[`${consentKind}:${locale}`],
      },
      { referralId: input.id, informedBy: person(by), at: new Date(decidedAt) },
    );
    const consent: ConsentRecord = {
      kind: consentKind,
      decision,
      decidedAt,
      ...(made.expiresAt ? { expiresAt: Date.parse(made.expiresAt) } : {}),
      record: {
        method: made.method,
        setting: made.setting,
        textVersion: made.textVersion,
        locale: made.locale,
        textHash: made.textHash,
        informedBy: made.informedBy,
      },
    };
    w.course.consents.push(consent);
    return consent;
  };
  const journal = decide('journal_data', choice < 0.84 ? 'given' : 'declined');
  const wellbeing = decide('wellbeing_data', choice < 0.88 ? 'given' : 'declined');
  if (journal.decision === 'given' && r.chance(0.03)) {
    journal.withdrawnAt = daysAfter(r, decidedAt, 10, 200);
    journal.withdrawnBy = person(owner);
  }
  if (wellbeing.decision === 'given') who5(input, w, wellbeing, decidedAt + r.int(5, 15) * MINUTE, person(by), person(owner));
}

/** Five answers of 0-5 that add up to `raw` (0-25). */
function answersFor(r: Random, raw: number): Who5Answers {
  const answers = [0, 0, 0, 0, 0];
  for (let left = Math.max(0, Math.min(25, raw)); left > 0;) {
    const i = r.int(0, 4);
    const value = answers[i] ?? 5;
    if (value < 5) {
      answers[i] = value + 1;
      left--;
    }
  }
  const [a = 0, b = 0, c = 0, d = 0, e = 0] = answers;
  return [a, b, c, d, e];
}

/**
 * The baseline, and the follow-up where its window has opened: mostly a little better (about +10 points), some
 * worse, a few late. A citizen who withdrew the consent before the window has none, and so is not reminded of.
 */
function who5(input: CourseInput, w: CourseWriter, consent: ConsentRecord, baselineAt: number, by: Person, owner: Person): void {
  const { r, now } = input;
  const record = (kind: Who5Record['kind'], takenAt: number, raw: number) => {
    const refusal = who5Refusal(kind, {
      cpr: input.content.patient.cpr,
      wellbeingConsent: { kind: 'wellbeing_data', decision: 'given', decidedAt: new Date(consent.decidedAt).toISOString() },
      earlier: w.course.who5.map((x) => ({ kind: x.kind, takenAt: new Date(x.takenAt).toISOString() })),
      at: new Date(takenAt),
    });
    if (refusal) throw new Error(`the history's WHO-5 would be refused: ${refusal}`);
    const late = kind === 'follow_up' && who5FollowUpLate(new Date(baselineAt), new Date(takenAt));
    w.course.who5.push({ kind, answers: answersFor(r, raw), takenAt, late, recordedBy: kind === 'baseline' ? by : owner });
  };
  const baselineRaw = Math.max(1, Math.min(22, Math.round(r.normal(10.4, 3.6))));
  record('baseline', baselineAt, baselineRaw);
  const { dueAt, overdueAt } = who5FollowUpWindow(new Date(baselineAt));
  if (r.chance(0.05)) {
    consent.withdrawnAt = Math.min(daysAfter(r, baselineAt, 14, 150), dueAt.getTime() - DAY);
    consent.withdrawnBy = owner;
    return;
  }
  if (dueAt.getTime() > now) return;
  const followUpRaw = Math.round(baselineRaw + r.normal(2.6, 3.7));
  if (r.chance(0.09) && overdueAt.getTime() + 40 * DAY <= now) {
    record('follow_up', daysAfter(r, overdueAt.getTime(), 1, 35), followUpRaw);
    return;
  }
  // In the window, and by now: the demo has no follow-up waiting to be taken.
  const limit = Math.min(overdueAt.getTime(), now) - MINUTE;
  const span = Math.max(0, Math.floor((limit - dueAt.getTime()) / DAY));
  let takenAt = sometimeOn(r, workingDayFrom(shiftDate(dateOf(dueAt.getTime()), Math.floor(r.next() ** 1.6 * span))));
  if (takenAt < dueAt.getTime() || takenAt > limit) takenAt = dueAt.getTime() + Math.floor(r.next() * (limit - dueAt.getTime()));
  record('follow_up', takenAt, followUpRaw);
}
