import * as z from 'zod/mini';
import { addMonths, danishDate, startOfDanishDay } from './danish-time.js';
import { Id, Instant } from './identifiers.js';
import { Actor } from './referral.js';

/**
 * An offer linked to a citizen's course (koblet tilbud), and how it went: proposed, started, stopped, or still
 * attending at 3 months, the pilot's measure of a lasting link (seed 004).
 */
export const offerLinkStates = ['proposed', 'started', 'stopped', 'attending_3_months'] as const;
export type OfferLinkState = (typeof offerLinkStates)[number];

export const NewOfferLink = z.strictObject({ offerId: Id });
export type NewOfferLink = z.infer<typeof NewOfferLink>;

export const OfferLinkChange = z.strictObject({ state: z.enum(offerLinkStates) });
export type OfferLinkChange = z.infer<typeof OfferLinkChange>;

export const OfferLink = z.strictObject({
  id: Id,
  referralId: Id,
  offerId: Id,
  /** The service's name when it was linked, so the course reads well even if the offer is retired. */
  offerName: z.string(),
  state: z.enum(offerLinkStates),
  history: z.array(z.strictObject({ state: z.enum(offerLinkStates), at: Instant, by: Actor })),
});
export type OfferLink = z.infer<typeof OfferLink>;

export const OfferLinkList = z.strictObject({ items: z.array(OfferLink) });
export type OfferLinkList = z.infer<typeof OfferLinkList>;

const next: Record<OfferLinkState, readonly OfferLinkState[]> = {
  proposed: ['started', 'stopped'],
  started: ['stopped', 'attending_3_months'],
  attending_3_months: ['stopped'],
  stopped: [],
};

/**
 * Whether a link may move to `to` at `at`: along proposed → started → attending at 3 months, or to stopped from
 * any of them; "attending at 3 months" from the start of the Danish day 3 months after it started.
 */
export function canMoveOfferLink(link: Pick<OfferLink, 'state' | 'history'>, to: OfferLinkState, at: Date): boolean {
  if (!next[link.state].includes(to)) return false;
  if (to !== 'attending_3_months') return true;
  const started = link.history.find((h) => h.state === 'started');
  return !!started && at >= startOfDanishDay(addMonths(danishDate(new Date(started.at)), 3));
}

/** The offers agreed in the citizen's plan: the linked offers that have not stopped, in the order they were linked. */
export const agreedOfferLinks = <T extends Pick<OfferLink, 'state'>>(links: readonly T[]): T[] =>
  links.filter((link) => link.state !== 'stopped');
