/** Why a CPR number (personnummer) was refused. Never carries the number itself. */
export type CprError = 'format' | 'date';

/** A warning that does not make the number invalid. */
export type CprWarning = 'modulus11';

/** What a valid CPR number tells, normalised to `DDMMYY-SSSS`. */
export interface CprInfo {
  /** The number as `DDMMYY-SSSS`. */
  cpr: string;
  /** Birth date (fødselsdato) as `YYYY-MM-DD`, with the century from digit 7 and the year. */
  birthDate: string;
  /** False for numbers that fail the modulus 11 check, as numbers issued since 2007 may. */
  modulus11: boolean;
}

export type CprResult = { ok: true; value: CprInfo; warnings: CprWarning[] } | { ok: false; error: CprError };

/** OID of the Danish CPR register, for FHIR identifiers. */
export const CPR_OID = '1.2.208.176.1.2';

/** `DDMMYY-SSSS` or `DDMMYYSSSS`. */
export const CPR_PATTERN = /^(\d{2})(\d{2})(\d{2})-?(\d)(\d{3})$/;
const MODULUS_WEIGHTS = [4, 3, 2, 7, 6, 5, 4, 3, 2, 1] as const;

/** The century of a CPR birth year, from digit 7 (the first of the four serial digits) and the two-digit year. */
export function cprCentury(digit7: number, yy: number): number {
  if (digit7 <= 3) return 1900;
  if (digit7 === 4 || digit7 === 9) return yy <= 36 ? 2000 : 1900;
  return yy <= 57 ? 2000 : 1800;
}

function passesModulus11(digits: string): boolean {
  const sum = MODULUS_WEIGHTS.reduce<number>((total, weight, i) => total + Number(digits[i]) * weight, 0);
  return sum % 11 === 0;
}

/**
 * Parses a CPR number (`DDMMYY-SSSS` or `DDMMYYSSSS`). A number is valid when its date is a real date not after
 * `today`; a failed modulus 11 check is only a warning, since it is no longer guaranteed after 2007.
 */
export function parseCpr(input: string, today: Date = new Date()): CprResult {
  const match = CPR_PATTERN.exec(input);
  if (!match) return { ok: false, error: 'format' };
  const [, dd, mm, yy, d7, rest] = match as unknown as [string, string, string, string, string, string];
  const year = cprCentury(Number(d7), Number(yy)) + Number(yy);
  const month = Number(mm);
  const day = Number(dd);
  const date = new Date(Date.UTC(year, month - 1, day));
  const real = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  if (!real || date.getTime() > today.getTime()) return { ok: false, error: 'date' };
  const digits = `${dd}${mm}${yy}${d7}${rest}`;
  const modulus11 = passesModulus11(digits);
  return {
    ok: true,
    value: { cpr: `${dd}${mm}${yy}-${d7}${rest}`, birthDate: `${year}-${mm}-${dd}`, modulus11 },
    warnings: modulus11 ? [] : ['modulus11'],
  };
}

/** Whole years between a `YYYY-MM-DD` birth date and `at` (the birthday counts from its first day, in UTC). */
export function ageOn(birthDate: string, at: Date): number {
  const [y, m, d] = birthDate.split('-').map(Number) as [number, number, number];
  let age = at.getUTCFullYear() - y;
  const beforeBirthday = at.getUTCMonth() + 1 < m || (at.getUTCMonth() + 1 === m && at.getUTCDate() < d);
  if (beforeBirthday) age--;
  return age;
}
