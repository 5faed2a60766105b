import { computed, signal } from '@preact/signals';
import type { Locale } from '@henvis/contracts';

const KEY = 'henvis-inbox-locale';

/** Danish first; English for colleagues who read it better. The choice is kept on this computer. */
export const locale = signal<Locale>(typeof localStorage !== 'undefined' && localStorage.getItem(KEY) === 'en' ? 'en' : 'da');

export function setLocale(next: Locale) {
  locale.value = next;
  localStorage.setItem(KEY, next);
  document.documentElement.lang = next;
}

/** Picks a view's texts in the current language. */
export const textsOf = <T>(texts: Record<Locale, T>) => computed(() => texts[locale.value]);

const dateFormats = {
  date: { dateStyle: 'medium' },
  dateTime: { dateStyle: 'medium', timeStyle: 'short' },
} as const;

/** A date or time as people in Denmark read it, in Danish time. */
export function formatInstant(iso: string, style: keyof typeof dateFormats = 'dateTime'): string {
  return new Intl.DateTimeFormat(locale.value === 'da' ? 'da-DK' : 'en-GB', {
    ...dateFormats[style],
    timeZone: 'Europe/Copenhagen',
  }).format(new Date(iso));
}

/** How long ago, in whole days (0 = today), for the age of a referral. */
export function daysSince(iso: string, now = Date.now()): number {
  return Math.max(0, Math.floor((now - Date.parse(iso)) / 86_400_000));
}

/** The last day of a deadline given as the instant it is passed (the start of the next Danish day): "by 26 Nov". */
export const formatDeadline = (iso: string): string => formatInstant(new Date(Date.parse(iso) - 1).toISOString(), 'date');
