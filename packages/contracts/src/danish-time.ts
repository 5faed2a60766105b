/** Denmark's time zone: UTC+1, and UTC+2 in summer. Dates a person sees are Danish calendar dates. */
export const DANISH_TIME_ZONE = 'Europe/Copenhagen';

const dateFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: DANISH_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

function localParts(instant: Date): LocalParts {
  const parts = Object.fromEntries(dateFormat.formatToParts(instant).map((p) => [p.type, p.value]));
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
  };
}

/** The Danish calendar date of an instant, as `YYYY-MM-DD`. */
export function danishDate(instant: Date): string {
  const { year, month, day } = localParts(instant);
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The instant a Danish calendar day (`YYYY-MM-DD`) begins. */
export function startOfDanishDay(date: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  for (const offsetHours of [1, 2]) {
    const candidate = new Date(Date.UTC(y, m - 1, d) - offsetHours * 3_600_000);
    const local = localParts(candidate);
    if (local.day === d && local.hour === 0 && local.minute === 0) return candidate;
  }
  throw new RangeError('no Danish midnight on that date');
}

/** The same Danish calendar date `months` later; a day the month lacks becomes its last day (31 Aug + 6 → 28/29 Feb). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(Math.min(d, lastDay)).padStart(2, '0')}`;
}

/** The same Danish calendar date `years` later; 29 February becomes 28 February in a common year. */
export function addYears(date: string, years: number): string {
  return addMonths(date, years * 12);
}
