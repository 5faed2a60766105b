import type { Locale } from './field-errors.js';
import type { InclusionFlag, ReferralReason } from './referral.js';
import type { ReferralStatus } from './referral-status.js';

/**
 * The words people read for the codes of the contracts, Danish first: one place for the journal's widget and the
 * navigators' inbox. Each list is its own export, so a bundle takes only the ones it shows.
 */
type Labels<K extends string> = Record<Locale, Record<K, string>>;

/**
 * What the GP did not confirm, or what the navigator should know, as the referral's flags say it: to the GP in the
 * dialog and the journal note, to the navigator on the course.
 */
export const inclusionFlagLabels: Labels<InclusionFlag> = {
  da: {
    under_18: 'Under 18 år: kan henvises, men der indsamles ikke data',
    not_motivated: 'Motivation ikke bekræftet',
    no_social_need: 'Behov for social støtte ikke bekræftet',
    outside_area: 'Bopæl eller læge i kommunen ikke bekræftet',
    not_reachable: 'Hverken telefon eller e-mail',
  },
  en: {
    under_18: 'Under 18: may be referred, but no data are collected',
    not_motivated: 'Motivation not confirmed',
    no_social_need: 'Need for social support not confirmed',
    outside_area: 'Living in or having a GP in the municipality not confirmed',
    not_reachable: 'Neither phone nor e-mail',
  },
};

export const reasonLabels: Labels<ReferralReason> = {
  da: {
    loneliness: 'Ensomhed',
    inactivity: 'Inaktivitet',
    low_wellbeing: 'Lav trivsel',
    grief_or_loss: 'Sorg eller tab',
    life_change: 'Livsændring',
    mental_strain: 'Psykisk belastning',
    other: 'Andet',
  },
  en: {
    loneliness: 'Loneliness',
    inactivity: 'Inactivity',
    low_wellbeing: 'Low well-being',
    grief_or_loss: 'Grief or loss',
    life_change: 'Life change',
    mental_strain: 'Mental strain',
    other: 'Other',
  },
};

/** The status as the practice reads it in the journal. */
export const statusLabels: Labels<ReferralStatus> = {
  da: {
    sent: 'Sendt',
    received: 'Modtaget af socialnavigatør',
    accepted: 'Socialnavigatør tildelt',
    contacted: 'Borgeren er kontaktet',
    plan_made: 'Plan lagt',
    linked: 'Koblet til tilbud',
    closed: 'Afsluttet',
    rejected: 'Afvist',
    cancelled: 'Annulleret',
  },
  en: {
    sent: 'Sent',
    received: 'Received by social navigator',
    accepted: 'Social navigator assigned',
    contacted: 'Citizen contacted',
    plan_made: 'Plan made',
    linked: 'Linked to an offer',
    closed: 'Closed',
    rejected: 'Rejected',
    cancelled: 'Cancelled',
  },
};
