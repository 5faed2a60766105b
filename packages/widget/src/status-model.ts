import { signal, type ReadonlySignal } from '@preact/signals';
import { parseCpr, type Referral, type ReferralEvent } from '@henvis/contracts';
import { HenvisError, referralApi } from '@henvis/sdk';
import { statusChangedNote } from './journal-note.js';
import { REFERRALS_CHANGED, pageBus, type WidgetStore } from './widget-store.js';
import { errorText } from './error-text.js';

/** How often the status list looks for changes while mounted. */
const POLL_MS = 30_000;

export interface StatusView {
  state: 'loading' | 'ready' | 'error';
  referrals: Referral[];
  events: Record<string, ReferralEvent[]>;
}

export interface StatusModel {
  view: ReadonlySignal<StatusView>;
  refresh(): Promise<void>;
}

const models = new WeakMap<WidgetStore, StatusModel>();

/**
 * The current patient's referrals for one widget, in the status list's chunk (a launcher alone never loads it):
 * fetched when shown, when a widget on the page sends a referral, when the page becomes visible again, and every
 * 30 s; a status change found on the way is reported to the host with its journal note.
 */
export function statusModelOf(store: WidgetStore): StatusModel {
  const existing = models.get(store);
  if (existing) return existing;
  const client = referralApi(store.request);
  const view = signal<StatusView>({ state: 'loading', referrals: [], events: {} });
  let disposed = false;

  async function refresh(): Promise<void> {
    const { view: shown, context } = store.options.peek();
    if (disposed || shown === 'launcher') return;
    const parsed = parseCpr(context.patient.cpr);
    const cpr = parsed.ok ? parsed.value.cpr : undefined;
    try {
      const page = await client.listReferrals({ limit: 5 });
      // A token bound to the patient returns only theirs; filtering again keeps a practice-wide token safe.
      const referrals = page.items.filter((r) => r.patient.cpr === cpr);
      const events = Object.fromEntries(await Promise.all(referrals.map(async (r) => [r.id, await client.listEvents(r.id)] as const)));
      const before = view.peek();
      if (before.state === 'ready') {
        for (const r of referrals) {
          const old = before.referrals.find((o) => o.id === r.id);
          const event = events[r.id]?.at(-1);
          if (old && old.status !== r.status && event) {
            store.emit('statusChanged', { referralId: r.id, from: old.status, to: r.status, event, journalNote: statusChangedNote(r, event) });
          }
        }
      }
      if (!disposed) view.value = { state: 'ready', referrals, events };
    } catch (error) {
      if (!disposed) view.value = { ...view.peek(), state: 'error' };
      const henvisError = error instanceof HenvisError ? error : new HenvisError('unexpected_response', { cause: error });
      store.reportError(henvisError.code, await errorText(henvisError, store.options.peek().locale ?? 'da'));
    }
  }

  const poll = setInterval(() => void refresh(), POLL_MS);
  const onChanged = () => void refresh();
  const onVisible = () => document.visibilityState === 'visible' && void refresh();
  pageBus.addEventListener(REFERRALS_CHANGED, onChanged);
  document.addEventListener('visibilitychange', onVisible);
  store.onDispose(() => {
    disposed = true;
    clearInterval(poll);
    pageBus.removeEventListener(REFERRALS_CHANGED, onChanged);
    document.removeEventListener('visibilitychange', onVisible);
  });

  const model = { view, refresh };
  models.set(store, model);
  return model;
}
