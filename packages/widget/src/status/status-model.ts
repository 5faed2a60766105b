import { signal, type ReadonlySignal } from '@preact/signals';
import { parseCpr, type ConsentRecord, type Message, type Referral, type ReferralEvent } from '@henvis/contracts';
import { HenvisError, consentApi, courseApi, referralApi, subscribeToEvents } from '@henvis/sdk';
import { messageReceivedNote, statusChangedNote } from '../journal-note.js';
import { REFERRALS_CHANGED, filedOnPage, pageBus, type WidgetStore } from '../widget-store.js';
import { consentRecordedNote, consentWithdrawnNote } from '../consent/consent-note.js';
import { errorText } from '../error-text.js';

/** How often the status list looks for changes while mounted. */
const POLL_MS = 30_000;

export interface StatusView {
  state: 'loading' | 'ready' | 'error';
  referrals: Referral[];
  events: Record<string, ReferralEvent[]>;
  /** Each referral's consent decisions, newest first. */
  consents: Record<string, ConsentRecord[]>;
  /** Each referral's messages, oldest first. */
  messages: Record<string, Message[]>;
}

export interface StatusModel {
  view: ReadonlySignal<StatusView>;
  refresh(): Promise<void>;
  /** Writes to the navigator about a referral (a reply to `inReplyTo`), then looks again. */
  sendMessage(referralId: string, body: string, inReplyTo?: string): Promise<void>;
}

const models = new WeakMap<WidgetStore, StatusModel>();

/**
 * The current patient's referrals for one widget, in the status list's chunk (a launcher alone never loads it):
 * fetched when shown, when the API reports a change live, when a widget on the page sends a referral, when the
 * page becomes visible again, and every 30 s; a status change found on the way is reported to the host with its
 * journal note.
 */
export function statusModelOf(store: WidgetStore): StatusModel {
  const existing = models.get(store);
  if (existing) return existing;
  const client = referralApi(store.request);
  const consentCalls = consentApi(store.request);
  const course = courseApi(store.request);
  const view = signal<StatusView>({ state: 'loading', referrals: [], events: {}, consents: {}, messages: {} });
  let disposed = false;
  // A function, so that a check after an await reads the flag anew instead of what an earlier check narrowed.
  const isDisposed = () => disposed;
  /** The newest look: an older one that answers later is dropped, so it neither shows stale data nor files notes. */
  let newest = 0;

  async function refresh(): Promise<void> {
    const { view: shown, context } = store.options.peek();
    if (disposed || shown === 'launcher') return;
    const parsed = parseCpr(context.patient.cpr);
    const cpr = parsed.ok ? parsed.value.cpr : undefined;
    const look = ++newest;
    try {
      const page = await client.listReferrals({ limit: 5 });
      // A token bound to the patient returns only theirs; filtering again keeps a practice-wide token safe.
      const referrals = page.items.filter((r) => r.patient.cpr === cpr);
      const [events, consents, messages] = (await Promise.all([
        Promise.all(referrals.map(async (r) => [r.id, await client.listEvents(r.id)] as const)).then(Object.fromEntries),
        Promise.all(referrals.map(async (r) => [r.id, await consentCalls.listConsents(r.id)] as const)).then(Object.fromEntries),
        Promise.all(referrals.map(async (r) => [r.id, await course.listMessages(r.id)] as const)).then(Object.fromEntries),
      ])) as [Record<string, ReferralEvent[]>, Record<string, ConsentRecord[]>, Record<string, Message[]>];
      if (look !== newest) return;
      const before = view.peek();
      // Every status change since the last look goes to the journal, also when several came between two looks;
      // the first look only takes stock, as the journal may have filed the older ones in an earlier session.
      for (const r of referrals) {
        for (const event of events[r.id] ?? []) {
          const key = `${event.id}:status`;
          if (event.type !== 'status_changed' || filedOnPage.has(key)) continue;
          filedOnPage.add(key);
          if (before.state === 'ready') {
            store.emit('statusChanged', {
              referralId: r.id,
              ...(event.from ? { from: event.from } : {}),
              to: event.to,
              event,
              journalNote: statusChangedNote(r, event),
            });
          }
        }
      }
      // Consents the navigator recorded or the citizen withdrew go to the journal too (§ 44), in the same way.
      for (const consent of Object.values(consents).flat()) {
        if (before.state !== 'ready') {
          filedOnPage.add(`${consent.id}:recorded`);
          if (consent.withdrawnAt) filedOnPage.add(`${consent.id}:withdrawn`);
          continue;
        }
        if (!filedOnPage.has(`${consent.id}:recorded`)) {
          filedOnPage.add(`${consent.id}:recorded`);
          store.emit('consentRecorded', { consent, journalNote: consentRecordedNote(consent) });
        }
        if (consent.withdrawnAt && !filedOnPage.has(`${consent.id}:withdrawn`)) {
          filedOnPage.add(`${consent.id}:withdrawn`);
          store.emit('consentWithdrawn', { consent, journalNote: consentWithdrawnNote(consent) });
        }
      }
      // Messages from the navigators since the last look go to the journal; the practice's own do not.
      const practiceId = store.options.peek().context.practice.id;
      for (const r of referrals) {
        for (const message of messages[r.id] ?? []) {
          const key = `${message.id}:message`;
          if (filedOnPage.has(key)) continue;
          filedOnPage.add(key);
          if (before.state === 'ready' && message.author.orgId !== practiceId) {
            store.emit('messageReceived', { referralId: r.id, message, journalNote: messageReceivedNote(r, message) });
          }
        }
      }
      if (!isDisposed()) view.value = { state: 'ready', referrals, events, consents, messages };
    } catch (error) {
      if (look !== newest) return;
      if (!isDisposed()) view.value = { ...view.peek(), state: 'error' };
      const henvisError = error instanceof HenvisError ? error : new HenvisError('unexpected_response', { cause: error });
      store.reportError(henvisError.code, await errorText(henvisError, store.options.peek().locale ?? 'da'));
    }
  }

  // Live: a change the API reports (status, message, consent) is fetched at once; the poll is the safety net.
  let soon: ReturnType<typeof setTimeout> | undefined;
  const live = subscribeToEvents({
    apiUrl: store.options.peek().apiUrl,
    getToken: (request) => store.options.peek().getToken(request),
    onEvent: () => {
      clearTimeout(soon);
      soon = setTimeout(() => void refresh(), 150);
    },
  });
  const poll = setInterval(() => void refresh(), POLL_MS);
  const onChanged = () => void refresh();
  const onVisible = () => document.visibilityState === 'visible' && void refresh();
  pageBus.addEventListener(REFERRALS_CHANGED, onChanged);
  document.addEventListener('visibilitychange', onVisible);
  store.onDispose(() => {
    disposed = true;
    live.close();
    clearTimeout(soon);
    clearInterval(poll);
    pageBus.removeEventListener(REFERRALS_CHANGED, onChanged);
    document.removeEventListener('visibilitychange', onVisible);
  });

  async function sendMessage(referralId: string, body: string, inReplyTo?: string): Promise<void> {
    const message = await course.sendMessage(referralId, { body, ...(inReplyTo ? { inReplyTo } : {}) });
    filedOnPage.add(`${message.id}:message`);
    await refresh();
  }

  const model = { view, refresh, sendMessage };
  models.set(store, model);
  return model;
}
