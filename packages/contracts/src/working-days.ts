import { danishDate, startOfDanishDay } from './danish-time.js';

/** Easter Sunday of a year (the anonymous Gregorian algorithm), as `YYYY-MM-DD`. */
function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const shift = (date: string, days: number) => {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

/**
 * Denmark's public holidays (helligdage) of a year: New Year's Day, Maundy Thursday, Good Friday, Easter Sunday
 * and Monday, Ascension Day, Whit Sunday and Monday, Christmas Day and Boxing Day. Great Prayer Day (store bededag)
 * has been a working day since 2024.
 */
export function danishPublicHolidays(year: number): string[] {
  const easter = easterSunday(year);
  return [
    `${year}-01-01`,
    shift(easter, -3),
    shift(easter, -2),
    easter,
    shift(easter, 1),
    ...(year < 2024 ? [shift(easter, 26)] : []),
    shift(easter, 39),
    shift(easter, 49),
    shift(easter, 50),
    `${year}-12-25`,
    `${year}-12-26`,
  ].sort();
}

/** Days off for municipal staff that are not public holidays: Constitution Day, Christmas Eve, New Year's Eve. */
const municipalDaysOff = ['06-05', '12-24', '12-31'];

/**
 * Whether a Danish calendar date is a working day for the navigators (municipal staff): Monday to Friday, not a
 * public holiday, and not one of the public sector's days off (5 June, 24 and 31 December).
 */
export function isWorkingDay(date: string): boolean {
  const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
  if (weekday === 0 || weekday === 6 || municipalDaysOff.includes(date.slice(5))) return false;
  return !danishPublicHolidays(Number(date.slice(0, 4))).includes(date);
}

/** The navigators' promise: first contact within 2 working days of the referral (the GP's receipt says so). */
export const FIRST_CONTACT_WORKING_DAYS = 2;

/** The due instants worked out, by the day sent: every referral of a day has the same (a create did this anew). */
const dueDates = new Map<string, number>();

/**
 * When a referral without first contact becomes overdue: at the start of the Danish day after the second working
 * day that follows the day it was sent. Sent Monday → overdue from Thursday; sent Friday → from Wednesday.
 */
export function firstContactDueAt(sentAt: Date, workingDays = FIRST_CONTACT_WORKING_DAYS): Date {
  const sent = danishDate(sentAt);
  const memo = `${sent} ${workingDays}`;
  let due = dueDates.get(memo);
  if (due === undefined) {
    let date = sent;
    for (let counted = 0; counted < workingDays;) {
      date = shift(date, 1);
      if (isWorkingDay(date)) counted++;
    }
    due = startOfDanishDay(shift(date, 1)).getTime();
    if (dueDates.size >= 1000) dueDates.clear();
    dueDates.set(memo, due);
  }
  return new Date(due);
}
