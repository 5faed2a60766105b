import { who5FollowUpWindow, type Locale, type Who5List, type Who5Response } from '@henvis/contracts';
import { formatDate } from '../i18n.js';
import { who5Texts } from './who5-texts.js';

type FollowUpState = NonNullable<Who5List['followUp']>['state'];

/** The follow-up is overdue from the start of a day; the last day it is merely due is the day before. */
const dayBefore = (instant: Date) => new Date(instant.getTime() - 1).toISOString();

/**
 * When the follow-up falls due (6 months after the baseline) and is overdue (8 months), and where it stands.
 * Before there is a baseline it says only that the follow-up comes 6-8 months after it.
 */
export function Who5FollowUp({
  baseline,
  state,
  locale,
}: {
  baseline?: Who5Response | undefined;
  state?: FollowUpState | undefined;
  locale: Locale;
}) {
  const t = who5Texts[locale];
  if (!baseline) return <p class="follow-up">{t.followUpAfterBaseline}</p>;
  const { dueAt, overdueAt } = who5FollowUpWindow(new Date(baseline.takenAt));
  return (
    <p class="follow-up">
      {t.followUp(formatDate(dueAt.toISOString(), locale), formatDate(dayBefore(overdueAt), locale))}
      {state && (
        <span class="pill" data-state={state}>
          {t.followUpState[state]}
        </span>
      )}
    </p>
  );
}
