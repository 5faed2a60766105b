import * as z from 'zod/mini';
import type { FieldError } from './problem.js';

/** Language of messages shown to people: Danish first, English second. */
export type Locale = 'da' | 'en';

type Params = { limit?: number | bigint; allowed?: string; format?: string; expected?: string };
type Message = (p: Params) => string;
type Entry = { code?: string; en: Message; da: Message };

const messages = {
  required: { en: () => 'Required.', da: () => 'Skal udfyldes.' },
  unknown_field: { en: () => 'Unknown field; remove it.', da: () => 'Ukendt felt; fjern det.' },
  invalid_type: {
    en: (p) => `Must be ${/^[aeiou]/.test(p.expected ?? '') ? 'an' : 'a'} ${p.expected}.`,
    da: (p) => `Skal være af typen ${p.expected}.`,
  },
  invalid_value: { en: (p) => `Must be one of: ${p.allowed}.`, da: (p) => `Skal være en af: ${p.allowed}.` },
  invalid_format: { en: (p) => `Must be a valid ${p.format}.`, da: (p) => `Skal være et gyldigt ${p.format}.` },
  too_short: { en: (p) => `Must have at least ${p.limit}.`, da: (p) => `Skal have mindst ${p.limit}.` },
  reasons_required: { code: 'too_short', en: () => 'Choose at least one reason.', da: () => 'Vælg mindst én årsag.' },
  too_long: { en: (p) => `Must have at most ${p.limit}.`, da: (p) => `Må højst have ${p.limit}.` },
  too_small: { en: (p) => `Must be at least ${p.limit}.`, da: (p) => `Skal være mindst ${p.limit}.` },
  too_big: { en: (p) => `Must be at most ${p.limit}.`, da: (p) => `Må højst være ${p.limit}.` },
  cpr_format: { code: 'invalid_cpr', en: () => 'CPR number must be DDMMYY-SSSS.', da: () => 'CPR-nummer skal skrives DDMMÅÅ-XXXX.' },
  cpr_date: {
    code: 'invalid_cpr',
    en: () => 'CPR number does not hold a real birth date.',
    da: () => 'CPR-nummeret indeholder ikke en gyldig fødselsdato.',
  },
  invalid_sor_code: { en: () => 'SOR code must be 11-18 digits.', da: () => 'SOR-kode skal være 11-18 cifre.' },
  invalid_ydernummer: { en: () => 'Ydernummer must be 6 digits.', da: () => 'Ydernummer skal være 6 cifre.' },
  invalid_gln: {
    en: () => 'GLN must be 13 digits ending in its GS1 check digit.',
    da: () => 'Lokationsnummer skal være 13 cifre med gyldigt kontrolciffer.',
  },
  invalid_authorisation_id: { en: () => 'Authorisation ID must be 5 letters or digits.', da: () => 'Autorisations-ID skal være 5 tegn.' },
  invalid_phone: {
    en: () => 'Phone number must be 8-15 digits, optionally starting with +.',
    da: () => 'Telefonnummer skal være 8-15 cifre.',
  },
  invalid_email: { en: () => 'Must be a valid e-mail address.', da: () => 'Skal være en gyldig e-mailadresse.' },
  invalid_org_id: {
    en: () => 'Organisation id must be 1-64 of a-z, 0-9 and -, starting with a letter or digit.',
    da: () => 'Organisations-id skal være 1-64 tegn af a-z, 0-9 og -.',
  },
  invalid_practice_id: {
    en: () => 'Practice id must be a ydernummer (6 digits) or a SOR code (11-18 digits).',
    da: () => 'Praksis-id skal være et ydernummer (6 cifre) eller en SOR-kode (11-18 cifre).',
  },
  invalid_subscription_id: {
    en: () => 'Subscription id must be 1-64 of a-z, 0-9 and -.',
    da: () => 'Abonnements-id skal være 1-64 tegn af a-z, 0-9 og -.',
  },
  invalid_url: { en: () => 'Must be an http or https URL.', da: () => 'Skal være en http- eller https-adresse.' },
  invalid_secret: {
    en: () => 'Secret must be 32-256 characters without spaces.',
    da: () => 'Hemmeligheden skal være 32-256 tegn uden mellemrum.',
  },
  invalid_postal_code: { en: () => 'Postal code must be 4 digits.', da: () => 'Postnummer skal være 4 cifre.' },
  invalid_time: { en: () => 'Time must be HH:MM.', da: () => 'Tidspunkt skal være TT:MM.' },
  control_characters: {
    code: 'invalid_text',
    en: () => 'Must not contain control characters.',
    da: () => 'Må ikke indeholde kontroltegn.',
  },
  duplicate_items: { en: () => 'Must not list the same item twice.', da: () => 'Må ikke indeholde det samme to gange.' },
  invalid_date: { en: () => 'Must be a date (YYYY-MM-DD) or an ISO 8601 time.', da: () => 'Skal være en dato (ÅÅÅÅ-MM-DD).' },
  invalid_status: { en: () => 'Must be referral statuses, comma-separated.', da: () => 'Skal være gyldige statusser.' },
  sort_needs_caseload: {
    en: () => 'Sorting by the next step or the last contact needs owner=me (a caseload).',
    da: () => 'Sortering efter næste skridt eller seneste kontakt kræver owner=me (egne forløb).',
  },
  limit_range: { en: () => 'Must be a whole number from 1 to 100.', da: () => 'Skal være et helt tal fra 1 til 100.' },
  limit_range_500: {
    code: 'limit_range',
    en: () => 'Must be a whole number from 1 to 500.',
    da: () => 'Skal være et helt tal fra 1 til 500.',
  },
  invalid_position: {
    en: () => 'Must be a position as the events give it: <transaction>.<sequence>, e.g. 0.0 for the beginning.',
    da: () => 'Skal være en position, som hændelserne angiver den: <transaktion>.<nummer>, fx 0.0 for begyndelsen.',
  },
} satisfies Record<string, Entry>;
type MessageKey = keyof typeof messages;

/** Whether a zod issue's message is one of ours (a key such as `invalid_cpr`), not zod's own text. */
const isMessageKey = (key: string): key is MessageKey => Object.hasOwn(messages, key);

const message = (key: MessageKey, locale: Locale, params: Params): string => {
  const entry: Entry = messages[key];
  return entry[locale](params);
};

/**
 * Error map for `safeParse(data, { error: parseErrorMap })`: tells a missing field (of any type, a choice of
 * values too) from a wrong one without putting the submitted value in the message.
 */
export const parseErrorMap = (issue: { code?: string; input?: unknown }): string | undefined =>
  (issue.code === 'invalid_type' || issue.code === 'invalid_value') && issue.input === undefined ? 'required' : undefined;

type Issue = z.core.$ZodIssue;

function describe(issue: Issue): { code: string; key: MessageKey; params: Params } {
  if (issue.message === 'required') return { code: 'required', key: 'required', params: {} };
  // A check that names one of our messages (`z.minLength(1, { error: 'reasons_required' })`) says it better than
  // the generic one of its kind; the code stays the kind's, or the one the message names.
  if (issue.code !== 'custom' && issue.code !== 'invalid_format' && isMessageKey(issue.message)) {
    const known: Entry = messages[issue.message];
    return { code: known.code ?? issue.code, key: issue.message, params: {} };
  }
  switch (issue.code) {
    case 'custom':
    case 'invalid_format': {
      if (isMessageKey(issue.message)) {
        const known: Entry = messages[issue.message];
        return { code: known.code ?? issue.message, key: issue.message, params: {} };
      }
      const format = issue.code === 'invalid_format' ? issue.format : 'value';
      return { code: 'invalid_format', key: 'invalid_format', params: { format } };
    }
    case 'invalid_type':
      return { code: 'invalid_type', key: 'invalid_type', params: { expected: issue.expected } };
    case 'invalid_value':
      return { code: 'invalid_value', key: 'invalid_value', params: { allowed: issue.values.map(String).join(', ') } };
    case 'invalid_union':
      return { code: 'invalid_value', key: 'invalid_value', params: { allowed: 'one of the documented variants' } };
    case 'too_small': {
      const sized = issue.origin === 'string' || issue.origin === 'array' || issue.origin === 'set';
      return { code: sized ? 'too_short' : 'too_small', key: sized ? 'too_short' : 'too_small', params: { limit: issue.minimum } };
    }
    case 'too_big': {
      const sized = issue.origin === 'string' || issue.origin === 'array' || issue.origin === 'set';
      return { code: sized ? 'too_long' : 'too_big', key: sized ? 'too_long' : 'too_big', params: { limit: issue.maximum } };
    }
    default:
      return { code: issue.code, key: 'invalid_format', params: { format: 'value' } };
  }
}

const joinPath = (path: readonly PropertyKey[]) => path.map(String).join('.');

/**
 * An unknown key is named only when it reads as a field name (camelCase or snake_case, as every contract's are): any
 * other key is data the client put there (a CPR number, a name), and a field error never repeats the data sent.
 */
const FIELD_NAME = /^[a-z][A-Za-z0-9_]{0,63}$/;

/** Turns zod issues into field errors with stable codes and messages in the given language. */
export function fieldErrors(issues: readonly Issue[], locale: Locale = 'en'): FieldError[] {
  const out: FieldError[] = [];
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const named = FIELD_NAME.test(key) ? key : '(key)';
        out.push({ path: joinPath([...issue.path, named]), code: 'unknown_field', message: message('unknown_field', locale, {}) });
      }
      continue;
    }
    const { code, key, params } = describe(issue);
    out.push({ path: joinPath(issue.path), code, message: message(key, locale, params) });
  }
  return out;
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

/** Validates `data` against a contract schema, returning field errors instead of throwing. */
export function parseContract<T extends z.ZodMiniType>(schema: T, data: unknown, locale: Locale = 'en'): ParseResult<z.infer<T>> {
  const result = schema.safeParse(data, { error: parseErrorMap });
  return result.success ? { ok: true, value: result.data } : { ok: false, errors: fieldErrors(result.error.issues, locale) };
}
