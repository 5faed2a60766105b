import * as z from 'zod/mini';
import { isPracticeRole, type Role } from './roles.js';
import { requiredText, text } from './identifiers.js';

/**
 * Referral status (henvisningens status): sent (sendt) → received (modtaget) → accepted (taget af socialnavigatør) →
 * contacted (kontakt etableret) → plan_made (plan lagt) → linked (koblet til tilbud) → closed (afsluttet);
 * rejected (afvist) and cancelled (annulleret) from any open step.
 */
export const referralStatuses = [
  'sent',
  'received',
  'accepted',
  'contacted',
  'plan_made',
  'linked',
  'closed',
  'rejected',
  'cancelled',
] as const;
export type ReferralStatus = (typeof referralStatuses)[number];
export const ReferralStatus = z.enum(referralStatuses);

export const terminalStatuses: readonly ReferralStatus[] = ['closed', 'rejected', 'cancelled'];

/** Why a course was closed (afslutningsårsag). */
export const closeReasons = [
  'goal_reached',
  'joined_community',
  'declined',
  'not_reachable',
  'moved',
  'needs_other_help',
  'other',
] as const;
/** Why a navigator rejected a referral (afvisningsårsag). */
export const rejectReasons = ['outside_target_group', 'outside_area', 'not_motivated', 'duplicate', 'other'] as const;
/** Why the practice cancelled a referral (annulleringsårsag). */
export const cancelReasons = ['entered_in_error', 'citizen_declined', 'duplicate', 'other'] as const;

const progressTargets = ['received', 'accepted', 'contacted', 'plan_made', 'linked'] as const;

/** A requested status change. Closing, rejecting and cancelling need a reason from its list and a free text. */
export const TransitionRequest = z.discriminatedUnion('to', [
  z.strictObject({ to: z.enum(progressTargets), note: z.optional(text(2000)) }),
  z.strictObject({ to: z.literal('closed'), reason: z.enum(closeReasons), note: requiredText(2000) }),
  z.strictObject({ to: z.literal('rejected'), reason: z.enum(rejectReasons), note: requiredText(2000) }),
  z.strictObject({ to: z.literal('cancelled'), reason: z.enum(cancelReasons), note: requiredText(2000) }),
]);
export type TransitionRequest = z.infer<typeof TransitionRequest>;

const forward: Partial<Record<ReferralStatus, ReferralStatus>> = {
  sent: 'received',
  received: 'accepted',
  accepted: 'contacted',
  contacted: 'plan_made',
  plan_made: 'linked',
};
const closable: readonly ReferralStatus[] = ['accepted', 'contacted', 'plan_made', 'linked'];

/** Whether the status graph allows `from` → `to`, whoever asks. */
export function isAllowedTransition(from: ReferralStatus, to: ReferralStatus): boolean {
  if (terminalStatuses.includes(from)) return false;
  if (to === 'rejected' || to === 'cancelled') return true;
  if (to === 'closed') return closable.includes(from);
  return forward[from] === to;
}

/** The statuses reachable from `from` in one step. */
export function nextStatuses(from: ReferralStatus): ReferralStatus[] {
  return referralStatuses.filter((to) => isAllowedTransition(from, to));
}

/** Whether a role may make a change to `to`: the practice cancels, the navigators do the rest. */
export function mayTransition(role: Role, to: ReferralStatus): boolean {
  return to === 'cancelled' ? isPracticeRole(role) : !isPracticeRole(role);
}

export type TransitionCheck = { ok: true } | { ok: false; code: 'invalid_transition' | 'transition_forbidden_for_role' };

/** The full rule for a status change: the graph, then the role. */
export function checkTransition(from: ReferralStatus, to: ReferralStatus, role: Role): TransitionCheck {
  if (!isAllowedTransition(from, to)) return { ok: false, code: 'invalid_transition' };
  if (!mayTransition(role, to)) return { ok: false, code: 'transition_forbidden_for_role' };
  return { ok: true };
}

/**
 * Whether the navigators may work the course of a referral in this status (log a contact, save the plan, link an
 * offer): not before it is accepted (`referral_not_accepted`), and not once it has ended (`invalid_transition`).
 */
export function courseRefusal(status: ReferralStatus): 'referral_not_accepted' | 'invalid_transition' | undefined {
  if (status === 'sent' || status === 'received') return 'referral_not_accepted';
  if (terminalStatuses.includes(status)) return 'invalid_transition';
  return undefined;
}
