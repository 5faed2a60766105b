import { computed, signal, type ReadonlySignal, type Signal } from '@preact/signals';
import { parseCpr, type HenvisErrorCode, type NewReferral, type Referral, type ReferralEvent } from '@henvis/contracts';
import {
  HenvisError,
  createHenvisClient,
  createReferralOutbox,
  type HenvisEventName,
  type HenvisMountOptions,
  type RetryPolicy,
} from '@henvis/sdk';
import { texts, type Texts } from './i18n.js';
import { statusChangedNote } from './journal-note.js';
import { WIDGET_VERSION } from './version.js';

/** How often the status list looks for changes while mounted. */
const POLL_MS = 30_000;

/** Widgets on one page (a launcher in the toolbar, a status list in a panel) tell each other about new referrals. */
const pageBus = new EventTarget();
const CHANGED = 'henvis:referrals-changed';

export interface StatusView {
  state: 'loading' | 'ready' | 'error';
  referrals: Referral[];
  events: Record<string, ReferralEvent[]>;
}

export interface SendHooks {
  onQueued(): void;
  journalNote(referral: Referral): string;
}

export type SendOutcome = { kind: 'sent'; referral: Referral } | { kind: 'failed'; error: HenvisError };

/** The state and actions of one mounted widget. */
export interface WidgetStore {
  options: Signal<HenvisMountOptions>;
  t: ReadonlySignal<Texts>;
  dialogOpen: Signal<boolean>;
  status: Signal<StatusView>;
  /** Referrals waiting in the outbox. */
  pending: Signal<number>;
  /**
   * Sends a referral; `onQueued` runs if it has to wait, and the promise settles when it is stored or refused.
   * The dialog supplies the journal note, so its Danish texts load with the dialog rather than with the launcher.
   */
  send(referral: NewReferral, hooks: SendHooks): Promise<SendOutcome>;
  refresh(): Promise<void>;
  reportError(code: HenvisErrorCode): void;
  emit: Emit;
  dispose(): void;
}

export type Emit = <E extends HenvisEventName>(
  event: E,
  payload: Parameters<NonNullable<HenvisMountOptions[(typeof callbackOf)[E]]>>[0],
) => void;

const callbackOf = {
  ready: 'onReady',
  referralSent: 'onReferralSent',
  referralQueued: 'onReferralQueued',
  statusChanged: 'onStatusChanged',
  error: 'onError',
} as const satisfies Record<HenvisEventName, keyof HenvisMountOptions>;

/** Timing of retries; the defaults suit people, tests and stories shorten them. */
export interface StoreTiming {
  retry?: Partial<RetryPolicy>;
  /** Longest wait between attempts to deliver a queued referral. */
  queueMaxDelayMs?: number;
}

export function createWidgetStore(initial: HenvisMountOptions, timing: StoreTiming = {}): WidgetStore {
  const options = signal(initial);
  const t = computed(() => texts[options.value.locale ?? 'da']);
  const client = createHenvisClient({
    apiUrl: initial.apiUrl,
    getToken: (r) => options.peek().getToken(r),
    ...(timing.retry ? { retry: timing.retry } : {}),
  });
  const outbox = createReferralOutbox(client, timing.queueMaxDelayMs ? { maxDelayMs: timing.queueMaxDelayMs } : {});
  const pending = signal(0);
  const unsubscribe = outbox.subscribe(() => (pending.value = outbox.pending.length));
  const status = signal<StatusView>({ state: 'loading', referrals: [], events: {} });
  let disposed = false;

  const emit: Emit = (event, payload) => {
    const callback = options.peek()[callbackOf[event]] as ((p: unknown, m: unknown) => void) | undefined;
    try {
      callback?.(payload, { event, at: new Date().toISOString(), widgetVersion: WIDGET_VERSION });
    } catch (error) {
      console.error(`Henvis: the host's ${callbackOf[event]} callback threw`, error);
    }
  };

  const reportError = (code: HenvisErrorCode) =>
    emit('error', { code, message: new HenvisError(code).messageIn(options.peek().locale ?? 'da') });

  const patientCpr = () => {
    const parsed = parseCpr(options.peek().context.patient.cpr);
    return parsed.ok ? parsed.value.cpr : undefined;
  };

  const showsStatus = () => options.peek().view !== 'launcher';

  async function refresh(): Promise<void> {
    if (!showsStatus()) return;
    const cpr = patientCpr();
    try {
      const page = await client.listReferrals({ limit: 5 });
      // A token bound to the patient returns only theirs; filtering again keeps a practice-wide token safe.
      const referrals = page.items.filter((r) => r.patient.cpr === cpr);
      const events = Object.fromEntries(await Promise.all(referrals.map(async (r) => [r.id, await client.listEvents(r.id)] as const)));
      const before = status.peek();
      if (before.state === 'ready') {
        for (const r of referrals) {
          const old = before.referrals.find((o) => o.id === r.id);
          const event = events[r.id]?.at(-1);
          if (old && old.status !== r.status && event) {
            emit('statusChanged', { referralId: r.id, from: old.status, to: r.status, event, journalNote: statusChangedNote(r, event) });
          }
        }
      }
      if (!disposed) status.value = { state: 'ready', referrals, events };
    } catch (error) {
      if (!disposed) status.value = { ...status.peek(), state: 'error' };
      reportError(error instanceof HenvisError ? error.code : 'unexpected_response');
    }
  }

  async function send(referral: NewReferral, { onQueued, journalNote }: SendHooks): Promise<SendOutcome> {
    try {
      const stored = await outbox.send(referral, {
        onQueued: (item) => {
          onQueued();
          emit('referralQueued', { queuedAt: item.queuedAt.toISOString(), reason: item.lastError });
        },
      });
      emit('referralSent', { referral: stored, journalNote: journalNote(stored) });
      pageBus.dispatchEvent(new Event(CHANGED));
      return { kind: 'sent', referral: stored };
    } catch (error) {
      const henvisError = error instanceof HenvisError ? error : new HenvisError('unexpected_response', { cause: error });
      reportError(henvisError.code);
      return { kind: 'failed', error: henvisError };
    }
  }

  const poll = setInterval(() => void refresh(), POLL_MS);
  const onChanged = () => void refresh();
  pageBus.addEventListener(CHANGED, onChanged);
  const onVisible = () => document.visibilityState === 'visible' && void refresh();
  const onOnline = () => outbox.retryNow();
  const onBeforeUnload = (event: BeforeUnloadEvent) => {
    if (outbox.pending.length > 0) event.preventDefault();
  };
  document.addEventListener('visibilitychange', onVisible);
  window.addEventListener('online', onOnline);
  window.addEventListener('beforeunload', onBeforeUnload);

  return {
    options,
    t,
    dialogOpen: signal(false),
    status,
    pending,
    send,
    refresh,
    reportError,
    emit,
    dispose() {
      disposed = true;
      clearInterval(poll);
      pageBus.removeEventListener(CHANGED, onChanged);
      unsubscribe();
      document.removeEventListener('visibilitychange', onVisible);
      window.removeEventListener('online', onOnline);
      window.removeEventListener('beforeunload', onBeforeUnload);
    },
  };
}
