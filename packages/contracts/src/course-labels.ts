import type { ContactKind } from './contact.js';
import type { Locale } from './field-errors.js';
import type { OfferLinkState } from './offer-link.js';
import type { closeReasons, rejectReasons } from './referral-status.js';

/**
 * The words for the codes of a course (closing and rejecting, contacts, offer links; categories are in category-taxonomy.ts), Danish first. Apart from
 * labels.ts so that the widget's first chunk, which needs only statuses and reasons, does not carry them.
 */
type Labels<K extends string> = Record<Locale, Record<K, string>>;

export const closeReasonLabels: Labels<(typeof closeReasons)[number]> = {
  da: {
    goal_reached: 'Målet er nået',
    joined_community: 'En del af et fællesskab',
    declined: 'Borgeren takkede nej',
    not_reachable: 'Borgeren kunne ikke kontaktes',
    moved: 'Borgeren er flyttet',
    needs_other_help: 'Har brug for anden faglig hjælp',
    other: 'Andet',
  },
  en: {
    goal_reached: 'Goal reached',
    joined_community: 'Part of a community',
    declined: 'The citizen declined',
    not_reachable: 'The citizen could not be reached',
    moved: 'The citizen moved',
    needs_other_help: 'Needs other professional help',
    other: 'Other',
  },
};

export const rejectReasonLabels: Labels<(typeof rejectReasons)[number]> = {
  da: {
    outside_target_group: 'Uden for målgruppen',
    outside_area: 'Bor uden for kommunen',
    not_motivated: 'Borgeren er ikke motiveret',
    duplicate: 'Dobbelt henvisning',
    other: 'Andet',
  },
  en: {
    outside_target_group: 'Outside the target group',
    outside_area: 'Lives outside the municipality',
    not_motivated: 'The citizen is not motivated',
    duplicate: 'Duplicate referral',
    other: 'Other',
  },
};

export const contactKindLabels: Labels<ContactKind> = {
  da: { phone: 'Telefon', meeting: 'Møde', home_visit: 'Hjemmebesøg', email: 'E-mail', sms: 'SMS' },
  en: { phone: 'Phone', meeting: 'Meeting', home_visit: 'Home visit', email: 'E-mail', sms: 'SMS' },
};

export const offerLinkStateLabels: Labels<OfferLinkState> = {
  da: { proposed: 'Foreslået', started: 'Startet', stopped: 'Stoppet', attending_3_months: 'Deltager stadig efter 3 måneder' },
  en: { proposed: 'Proposed', started: 'Started', stopped: 'Stopped', attending_3_months: 'Still attending at 3 months' },
};
