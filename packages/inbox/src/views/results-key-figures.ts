import type { Measures } from '@henvis/contracts';
import { textsOf } from '../locale.js';
import {
  countShown,
  formatChange,
  formatCount,
  formatNumber,
  formatShare,
  ratioCounts,
  shareShown,
  shownText,
  statisticShown,
  type Shown,
} from './results-format.js';
import { resultsTexts } from './results-texts.js';

const t = textsOf(resultsTexts);

export type KeyFigureId =
  'referrals' | 'linked' | 'attending' | 'firstContact' | 'withinDeadline' | 'who5Change' | 'who5Completion' | 'contacts';

/** One of the pilot's key figures: what it is, its value, what it rests on, and the goal where the pilot has one. */
export interface KeyFigure {
  id: KeyFigureId;
  label: string;
  value: Shown;
  detail: string;
  goal: string;
  /** Which of the measures' definitions explains it. */
  measure: 'referrals' | 'linked' | 'firstContact' | 'who5' | 'contacts';
}

/** The figures at the top of the dashboard and in the steering group's report, against the pilot's goals. */
export function keyFigures(m: Measures): KeyFigure[] {
  const k = t.value.key;
  const lastPace = m.referrals.byMonth.at(-1)?.pace;
  const { referrals, linked, firstContact, who5, contacts } = m;
  const usual = `${contacts.usual.min}-${contacts.usual.max}`;
  return [
    {
      id: 'referrals',
      measure: 'referrals',
      label: k.referrals,
      value: countShown(referrals.total),
      detail: k.referralsDetail(formatCount(referrals.goal.total), lastPace === undefined ? t.value.shown.dash : formatNumber(lastPace, 0)),
      goal: t.value.goals.referrals(formatCount(referrals.goal.total), referrals.goal.months),
    },
    {
      id: 'linked',
      measure: 'linked',
      label: k.linked,
      value: shareShown(linked.withinThreeMonths),
      detail: k.linkedDetail(ratioCounts(linked.withinThreeMonths), formatShare(linked.goal.share)),
      goal: formatShare(linked.goal.share),
    },
    {
      id: 'attending',
      measure: 'linked',
      label: k.attending,
      value: shareShown(linked.attendingAtThreeMonths),
      detail: k.attendingDetail(ratioCounts(linked.attendingAtThreeMonths)),
      goal: t.value.goals.none,
    },
    {
      id: 'firstContact',
      measure: 'firstContact',
      label: k.firstContact,
      value: statisticShown(firstContact.medianHours, t.value.hours),
      detail: k.firstContactDetail(shownText(statisticShown(firstContact.p90Hours, t.value.hours))),
      goal: t.value.goals.firstContact(firstContact.goal.workingDays),
    },
    {
      id: 'withinDeadline',
      measure: 'firstContact',
      label: k.withinDeadline,
      value: shareShown(firstContact.withinDeadline),
      detail: k.withinDeadlineDetail(ratioCounts(firstContact.withinDeadline)),
      goal: t.value.goals.firstContact(firstContact.goal.workingDays),
    },
    {
      id: 'who5Change',
      measure: 'who5',
      label: k.who5Change,
      value: who5.meanChange === null ? statisticShown(null) : { text: t.value.points(formatChange(who5.meanChange)) },
      detail: k.who5ChangeDetail(formatCount(who5.pairs), shownText(shareShown(who5.improvedBy10))),
      goal: t.value.goals.none,
    },
    {
      id: 'who5Completion',
      measure: 'who5',
      label: k.who5Completion,
      value: shareShown(who5.completion),
      detail: k.who5CompletionDetail(ratioCounts(who5.completion), formatCount(who5.late)),
      goal: t.value.goals.none,
    },
    {
      id: 'contacts',
      measure: 'contacts',
      label: k.contacts,
      value: statisticShown(contacts.median),
      detail: k.contactsDetail(
        contacts.p25 === null || contacts.p75 === null
          ? shownText(statisticShown(null))
          : `${formatNumber(contacts.p25)}–${formatNumber(contacts.p75)}`,
        usual,
        shownText(shareShown(contacts.withinUsual)),
        formatCount(contacts.closedCourses),
      ),
      goal: t.value.goals.contacts(usual),
    },
  ];
}
