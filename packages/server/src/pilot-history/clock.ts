import { isWorkingDay as isDanishWorkingDay, startOfDanishDay } from '@henvis/contracts';
import type { Random } from './random.js';

// Danish working time for the pilot history: instants are milliseconds, days are Danish calendar dates. GPs refer
// and navigators work on working days, between 8 and 16.

export const MINUTE = 60_000;
export const DAY = 86_400_000;
const OPENS = 8 * 60 + 15;
const CLOSES = 15 * 60 + 45;

const starts = new Map<string, number>();
/** When a Danish calendar day begins (memoised: the history asks for the same days many times). */
export function dayStart(date: string): number {
  let start = starts.get(date);
  if (start === undefined) {
    start = startOfDanishDay(date).getTime();
    starts.set(date, start);
  }
  return start;
}

/**
 * The Danish calendar date of an instant (what `danishDate` says, without formatting a date each time): Danish time
 * is 1 or 2 hours ahead of UTC, so it is the UTC date 2 hours on, or the day before.
 */
export function dateOf(instant: number): string {
  const guess = new Date(instant + 2 * 3_600_000).toISOString().slice(0, 10);
  return instant >= dayStart(guess) ? guess : shiftDate(guess, -1);
}

const workingDays = new Map<string, boolean>();
/** Whether a Danish date is a working day (memoised). */
export const isWorkingDay = (date: string): boolean => {
  let working = workingDays.get(date);
  if (working === undefined) {
    working = isDanishWorkingDay(date);
    workingDays.set(date, working);
  }
  return working;
};
export const atTime = (date: string, minutes: number): number => dayStart(date) + minutes * MINUTE;

export function shiftDate(date: string, days: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function workingDayFrom(date: string): string {
  let d = date;
  while (!isWorkingDay(d)) d = shiftDate(d, 1);
  return d;
}

/** The `n`th working day after `date` (0: `date` itself if it is one, else the next). */
export function workingDaysAfter(date: string, n: number): string {
  let d = workingDayFrom(date);
  for (let counted = 0; counted < n;) {
    d = shiftDate(d, 1);
    if (isWorkingDay(d)) counted++;
  }
  return d;
}

/** A time in working hours on `date`, from `from` minutes after midnight. */
export const sometimeOn = (r: Random, date: string, from = OPENS, to = CLOSES): number => atTime(date, r.int(Math.min(from, to - 1), to));

/** A moment `min`-`max` minutes after `t`; past closing time, the next working day's morning. */
export function soonAfter(r: Random, t: number, min: number, max: number): number {
  const next = t + r.int(min, max) * MINUTE;
  const date = dateOf(next);
  const minutes = (next - dayStart(date)) / MINUTE;
  if (isWorkingDay(date) && minutes >= OPENS && minutes <= CLOSES) return next;
  const day = minutes < OPENS && isWorkingDay(date) ? date : workingDaysAfter(shiftDate(date, 1), 0);
  return sometimeOn(r, day, OPENS, OPENS + 90);
}

/** A working-hours moment on the first working day at least `min` (up to `max`) calendar days after `t`. */
export function daysAfter(r: Random, t: number, min: number, max: number): number {
  const day = workingDayFrom(shiftDate(dateOf(t), r.int(Math.max(1, min), Math.max(1, min, max))));
  return sometimeOn(r, day);
}
