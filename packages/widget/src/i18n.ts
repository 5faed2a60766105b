import { reasonLabels, statusLabels, type Locale } from '@henvis/contracts';

/** Texts of the launcher and the status list. The dialog's texts live in its own chunk (dialog-texts.ts). */
const da = {
  launcher: 'Social henvisning',
  queuedBadge: (n: number) => (n === 1 ? '1 henvisning venter på at blive sendt' : `${n} henvisninger venter på at blive sendt`),
  reason: reasonLabels.da,
  statusTitle: 'Sociale henvisninger',
  statusEmpty: 'Ingen sociale henvisninger for denne borger.',
  statusLoading: 'Henter henvisninger…',
  statusError: 'Henvisningerne kunne ikke hentes.',
  retry: 'Prøv igen',
  sentOn: (date: string) => `Sendt ${date}`,
  status: statusLabels.da,
  flagged: 'Markeret',
  by: (name: string) => `af ${name}`,
};

export type Texts = typeof da;

const en: Texts = {
  launcher: 'Social prescribing',
  queuedBadge: (n) => (n === 1 ? '1 referral waiting to be sent' : `${n} referrals waiting to be sent`),
  reason: reasonLabels.en,
  statusTitle: 'Social prescribing referrals',
  statusEmpty: 'No social prescribing referrals for this citizen.',
  statusLoading: 'Fetching referrals…',
  statusError: 'The referrals could not be fetched.',
  retry: 'Try again',
  sentOn: (date) => `Sent ${date}`,
  status: statusLabels.en,
  flagged: 'Flagged',
  by: (name) => `by ${name}`,
};

export const texts: Record<Locale, Texts> = { da, en };

/** A date as people in Denmark read it, in Danish time. */
export function formatDate(iso: string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale === 'da' ? 'da-DK' : 'en-GB', { dateStyle: 'medium', timeZone: 'Europe/Copenhagen' }).format(
    new Date(iso),
  );
}
