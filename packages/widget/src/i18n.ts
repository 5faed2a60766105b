import type { Locale, ReferralReason, ReferralStatus } from '@henvis/contracts';

/** Texts of the launcher and the status list. The dialog's texts live in its own chunk (dialog-texts.ts). */
const da = {
  launcher: 'Social henvisning',
  queuedBadge: (n: number) => (n === 1 ? '1 henvisning venter på at blive sendt' : `${n} henvisninger venter på at blive sendt`),
  reason: {
    loneliness: 'Ensomhed',
    inactivity: 'Inaktivitet',
    low_wellbeing: 'Lav trivsel',
    grief_or_loss: 'Sorg eller tab',
    life_change: 'Livsændring',
    mental_strain: 'Psykisk belastning',
    other: 'Andet',
  } satisfies Record<ReferralReason, string>,
  statusTitle: 'Sociale henvisninger',
  statusEmpty: 'Ingen sociale henvisninger for denne borger.',
  statusLoading: 'Henter henvisninger…',
  statusError: 'Henvisningerne kunne ikke hentes.',
  retry: 'Prøv igen',
  sentOn: (date: string) => `Sendt ${date}`,
  status: {
    sent: 'Sendt',
    received: 'Modtaget af navigatør',
    accepted: 'Navigatør tildelt',
    contacted: 'Borgeren er kontaktet',
    plan_made: 'Plan lagt',
    linked: 'Koblet til tilbud',
    closed: 'Afsluttet',
    rejected: 'Afvist',
    cancelled: 'Annulleret',
  } satisfies Record<ReferralStatus, string>,
  flagged: 'Markeret',
  by: (name: string) => `af ${name}`,
};

export type Texts = typeof da;

const en: Texts = {
  launcher: 'Social prescribing',
  queuedBadge: (n) => (n === 1 ? '1 referral waiting to be sent' : `${n} referrals waiting to be sent`),
  reason: {
    loneliness: 'Loneliness',
    inactivity: 'Inactivity',
    low_wellbeing: 'Low well-being',
    grief_or_loss: 'Grief or loss',
    life_change: 'Life change',
    mental_strain: 'Mental strain',
    other: 'Other',
  },
  statusTitle: 'Social prescribing referrals',
  statusEmpty: 'No social prescribing referrals for this citizen.',
  statusLoading: 'Fetching referrals…',
  statusError: 'The referrals could not be fetched.',
  retry: 'Try again',
  sentOn: (date) => `Sent ${date}`,
  status: {
    sent: 'Sent',
    received: 'Received by navigator',
    accepted: 'Navigator assigned',
    contacted: 'Citizen contacted',
    plan_made: 'Plan made',
    linked: 'Linked to an offer',
    closed: 'Closed',
    rejected: 'Rejected',
    cancelled: 'Cancelled',
  },
  flagged: 'Flagged',
  by: (name) => `by ${name}`,
};

export const texts: Record<Locale, Texts> = { da, en };

/** A date as people in Denmark read it, in Danish time. */
export function formatDate(iso: string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale === 'da' ? 'da-DK' : 'en-GB', { dateStyle: 'medium', timeZone: 'Europe/Copenhagen' }).format(new Date(iso));
}
