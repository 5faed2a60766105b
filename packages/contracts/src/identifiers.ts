import * as z from 'zod/mini';
import { CPR_PATTERN, parseCpr } from './cpr.js';

/** OID of the SOR register (Sundhedsvæsenets Organisationsregister). */
export const SOR_OID = '1.2.208.176.1.1';
/** OID of ydernumre (provider numbers of GP practices). */
export const YDERNUMMER_OID = '1.2.208.176.1.4';

const digits = (min: number, max: number, code: string) => z.string().check(z.regex(new RegExp(`^\\d{${min},${max}}$`), { error: code }));

/**
 * SOR code (SOR-kode) of a health organisation: at least 11 digits, as DK Core's SOR identifier requires
 * (`min-digits-sor`), and at most 18 (a SOR code is an SCTID of the SOR namespace, and those are at most 18 long).
 */
export const SorCode = digits(11, 18, 'invalid_sor_code');
/** Ydernummer of a GP practice: 6 digits, zero-padded. */
export const Ydernummer = digits(6, 6, 'invalid_ydernummer');

/**
 * The GS1 check digit of a GLN's first 12 digits: weights 1 and 3 alternate from the left (3 on the digit next to
 * the check digit), and the check digit brings the weighted sum up to a multiple of 10.
 * https://www.gs1.org/services/how-calculate-check-digit-manually
 */
export function glnCheckDigit(first12: string): number {
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(first12[i]) * (i % 2 === 0 ? 1 : 3);
  return (10 - (sum % 10)) % 10;
}

/** Whether `value` is a GLN: 13 digits whose last is the GS1 mod-10 check digit of the others. */
export const isGln = (value: string): boolean => /^\d{13}$/.test(value) && glnCheckDigit(value) === Number(value[12]);

/**
 * GLN/EAN location number (lokationsnummer, EAN-nummer) of a message address: 13 digits with the GS1 mod-10 check
 * digit, as DK Core's GLN identifier requires (`gln-length`, `gln-modulus-10`).
 */
export const Gln = z.string().check(z.refine(isGln, { error: 'invalid_gln' }));
/** Authorisation ID (autorisations-ID) of a health professional: 5 letters or digits. */
export const AuthorisationId = z.string().check(z.regex(/^[0-9A-Za-z]{5}$/, { error: 'invalid_authorisation_id' }));
/** Danish or international phone number: 8 to 15 digits, optional leading `+`, spaces allowed. */
export const PhoneNumber = z.string().check(z.regex(/^\+?[0-9][0-9 ]{6,18}[0-9]$/, { error: 'invalid_phone' }));
/** E-mail address. */
export const EmailAddress = z.email({ error: 'invalid_email' });

/** Free text with a maximum length; no control characters but line breaks and tabs. */
export const text = (max: number) =>
  z.string().check(
    z.maxLength(max),
    // eslint-disable-next-line no-control-regex -- the pattern is there to refuse control characters, so it names them
    z.regex(/^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]*$/, {
      error: 'control_characters',
    }),
  );

/** Required free text: at least one non-blank character. */
export const requiredText = (max: number) => text(max).check(z.refine((v) => v.trim().length > 0, { error: 'required' }));

/** A server-assigned identifier (UUID). */
export const Id = z.uuid();

/** The `Idempotency-Key` header of a create. */
export const IdempotencyKey = z
  .string()
  .check(
    z.regex(/^[A-Za-z0-9._:-]{8,255}$/),
    z.describe(
      'A fresh key (e.g. a UUID) per referral. Same key and body: the stored response again. Same key, other body: 422. Same key while the first is running: 409.',
    ),
  );

/** An instant in UTC, ISO 8601 with `Z`, from the year 1900 (a year 0000 is a typing error, and no date PostgreSQL keeps). */
export const Instant = z.iso.datetime().check(z.refine((value) => Number(value.slice(0, 4)) >= 1900, { error: 'invalid_date' }));

/** A calendar day, `YYYY-MM-DD`, from the year 1900 too: a next step in the year 0000 is as much a typing error. */
export const Day = z.iso.date().check(z.refine((value) => Number(value.slice(0, 4)) >= 1900, { error: 'invalid_date' }));

/** CPR number (personnummer), `DDMMYY-SSSS` or `DDMMYYSSSS`, with a real birth date. */
export const CprNumber = z.string().check(
  z.regex(CPR_PATTERN, { error: 'cpr_format' }),
  z.refine((value) => !CPR_PATTERN.test(value) || parseCpr(value).ok, {
    error: 'cpr_date',
  }),
);
