import { danishDate, startOfDanishDay, terminalStatuses, type Plan, type Referral } from '@henvis/contracts';
import { formatInstant, textsOf } from '../locale.js';
import { courseTexts } from './course-texts.js';

const t = textsOf(courseTexts);

/** Whole Danish calendar days from today to `day` (negative once it is past). */
export function daysUntil(day: string, now = new Date()): number {
  return Math.round((startOfDanishDay(day).getTime() - startOfDanishDay(danishDate(now)).getTime()) / 86_400_000);
}

/**
 * What comes next in the course, always in view: the plan's next step and its day (today, in some days, or how many
 * days late), what to do before there is a plan, and the plan to print for the citizen.
 */
export function NextStep({ referral, plan }: { referral: Referral; plan: Plan | null }) {
  const tx = t.value;
  if (terminalStatuses.includes(referral.status)) return null;
  const waiting = referral.status === 'sent' || referral.status === 'received';
  const days = plan ? daysUntil(plan.nextStepDate) : undefined;
  return (
    <section class="next-step" aria-labelledby="next-step-title" data-overdue={days !== undefined && days < 0}>
      <h2 id="next-step-title">{tx.nextStepTitle}</h2>
      {waiting ? (
        <p>{tx.takeFirst}</p>
      ) : plan && days !== undefined ? (
        <>
          <p class="next-step-what">{plan.nextStep}</p>
          <p class="next-step-when">
            <span>
              <strong>{formatInstant(`${plan.nextStepDate}T12:00:00Z`, 'date')}</strong> · {tx.relativeDay(days)}
            </span>
            <a href={`#/referrals/${referral.id}/plan`}>{tx.printPlan}</a>
          </p>
        </>
      ) : (
        <p>{tx.noPlanYet}</p>
      )}
    </section>
  );
}
