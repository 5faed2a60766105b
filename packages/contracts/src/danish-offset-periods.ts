import { DANISH_TIME_ZONE, danishDate } from './danish-time.js';

const offsetFormat = new Intl.DateTimeFormat('en-US', { timeZone: DANISH_TIME_ZONE, timeZoneName: 'longOffset' });
const DAY = 86_400_000;
/** Looking further than this for a change of offset means Denmark has stopped changing its clocks. */
const SEARCH_DAYS = 370;

/** Denmark's UTC offset in hours at an instant: 1 (CET) in winter, 2 (CEST) in summer. */
export function danishUtcOffset(instant: Date): number {
  const name = offsetFormat.formatToParts(instant).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const match = /^GMT([+-])(\d{2}):(\d{2})$/.exec(name);
  if (!match) return 0;
  return (match[1] === '-' ? -1 : 1) * (Number(match[2]) + Number(match[3]) / 60);
}

/** Calendar days (`from`, `to`, both included) on which Denmark keeps one UTC offset. */
export interface UtcOffsetPeriod {
  /** Absent: no change of offset in the year before. */
  from?: string;
  /** Absent: no change of offset in the year after. */
  to?: string;
  offsetHours: number;
}

const shift = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
// Noon UTC is the afternoon in Denmark: the offset that a day's opening hours keep (the clocks change at 02:00/03:00).
const offsetOn = (date: string) => danishUtcOffset(new Date(`${date}T12:00:00Z`));

/**
 * The periods of one UTC offset in Denmark (Europe/Copenhagen), from the one holding `at` on: `count` of them, fewer
 * where the offset stops changing. Read from the platform's time zone data, so a change of the rules shows.
 */
export function danishOffsetPeriods(at: Date, count: number): UtcOffsetPeriod[] {
  let from: string | undefined = danishDate(at);
  let offsetHours = offsetOn(from);
  for (let back = 0; from !== undefined && offsetOn(shift(from, -1)) === offsetHours; back++)
    from = back < SEARCH_DAYS ? shift(from, -1) : undefined;
  const periods: UtcOffsetPeriod[] = [];
  let day = from ?? danishDate(at);
  while (periods.length < count) {
    let ahead = 1;
    while (ahead <= SEARCH_DAYS && offsetOn(shift(day, ahead)) === offsetHours) ahead++;
    if (ahead > SEARCH_DAYS) {
      periods.push({ ...(from ? { from } : {}), offsetHours });
      break;
    }
    periods.push({ ...(from ? { from } : {}), to: shift(day, ahead - 1), offsetHours });
    day = shift(day, ahead);
    from = day;
    offsetHours = offsetOn(day);
  }
  return periods;
}
