import { createHmac } from 'node:crypto';

/** A keyed pseudonym of a normalised CPR number: the same citizen gives the same key, and the key gives no CPR. */
export function pseudonymise(key: string, cpr: string): string {
  return createHmac('sha256', key).update(cpr.replace('-', '')).digest('hex').slice(0, 32);
}
