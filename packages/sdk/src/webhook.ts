import { parseLiveEvent, type LiveEvent } from '@henvis/contracts';

export type WebhookVerification =
  { ok: true; event: LiveEvent } | { ok: false; reason: 'missing_signature' | 'bad_signature' | 'outside_time_window' | 'malformed' };

const hex = (bytes: ArrayBuffer) => [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, '0')).join('');

/** Compares without stopping at the first difference, so the time taken says nothing about the signature. */
function sameText(a: string, b: string): boolean {
  let difference = a.length ^ b.length;
  for (let i = 0; i < Math.max(a.length, b.length); i++) difference |= (a.charCodeAt(i) || 0) ^ (b.charCodeAt(i) || 0);
  return difference === 0;
}

/**
 * Checks a Henvis webhook on the vendor's backend before trusting it: the `Henvis-Signature` header
 * (`t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">` with the shared secret), and that it was signed
 * within `toleranceSeconds` (default 5 minutes) of now, so a recorded request cannot be replayed later. Pass the
 * raw body exactly as received. The event's `id` is its position in Henvis' outbox: process each id once.
 *
 * While a secret is being rotated the header carries one `v1=` per secret in force (the new one's and the old
 * one's, as Stripe does): it is genuine when any of them matches. Pass both secrets (`[newSecret, oldSecret]`)
 * while you switch, so either side may change first.
 */
export async function verifyWebhook(
  rawBody: string,
  signatureHeader: string | null | undefined,
  secret: string | readonly string[],
  { toleranceSeconds = 300, now = new Date() }: { toleranceSeconds?: number; now?: Date } = {},
): Promise<WebhookVerification> {
  if (!signatureHeader) return { ok: false, reason: 'missing_signature' };
  const parts = signatureHeader.split(',').map((part) => {
    const at = part.indexOf('=');
    return at < 0 ? ['', ''] : [part.slice(0, at).trim(), part.slice(at + 1).trim()];
  });
  const times = parts.filter(([key]) => key === 't');
  const signatures = parts.filter(([key, value]) => key === 'v1' && value).map(([, value]) => value ?? '');
  const t = Number(times[0]?.[1]);
  if (times.length !== 1 || !Number.isSafeInteger(t) || signatures.length === 0) return { ok: false, reason: 'malformed' };
  let matched = false;
  for (const key of typeof secret === 'string' ? [secret] : secret) {
    const hmac = await crypto.subtle.importKey('raw', new TextEncoder().encode(key), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    const expected = hex(await crypto.subtle.sign('HMAC', hmac, new TextEncoder().encode(`${t}.${rawBody}`)));
    // Every signature compared, none skipped, so the time taken says nothing of which matched.
    for (const signature of signatures) if (sameText(expected, signature)) matched = true;
  }
  if (!matched) return { ok: false, reason: 'bad_signature' };
  if (Math.abs(now.getTime() / 1000 - t) > toleranceSeconds) return { ok: false, reason: 'outside_time_window' };
  const event = parseLiveEvent(rawBody);
  return event ? { ok: true, event } : { ok: false, reason: 'malformed' };
}
