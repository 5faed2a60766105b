import { computed, signal, type ReadonlySignal, type Signal } from '@preact/signals';
import type { HenvisErrorCode, NewReferral, Referral } from '@henvis/contracts';
import {
  HenvisError,
  createApiRequest,
  createReferralOutbox,
  referralApi,
  type ApiRequest,
  type HenvisEventName,
  type HenvisMountOptions,
  type RetryPolicy,
} from '@henvis/sdk';
import { texts, type Texts } from './i18n.js';
import { WIDGET_VERSION } from './version.js';

/**
 * Widgets on one page (a launcher in the toolbar, a status list in a panel) tell each other about new referrals:
 * a `CustomEvent` whose `detail` is the stored referral, so a status list shows it without asking the API. (Without
 * a detail, a status list looks at everything again.) The status lists also share one live stream per page.
 */
export const pageBus = new EventTarget();
export const REFERRALS_CHANGED = 'henvis:referrals-changed';
/**
 * Referrals being sent from this page now. The API's live event of a new referral may arrive before the answer to
 * the page's own POST: a status list waits for the sends to settle rather than fetch what the page bus will bring.
 */
export const sendingOnPage = signal(0);

/**
 * The consent decisions already handed to the host on this page (`<consent id>:recorded` or `:withdrawn`), so a
 * consent panel and a status list on one page never give the journal the same note twice.
 */
export const filedOnPage = new Set<string>();

export interface SendHooks {
  onQueued: () => void;
  journalNote: (referral: Referral) => string;
}

export type SendOutcome = { kind: 'sent'; referral: Referral } | { kind: 'failed'; error: HenvisError };

/** The state and actions of one mounted widget. */
export interface WidgetStore {
  options: Signal<HenvisMountOptions>;
  t: ReadonlySignal<Texts>;
  dialogOpen: Signal<boolean>;
  /** Referrals waiting in the outbox. */
  pending: Signal<number>;
  /** The API, with this widget's token source; lazily loaded components add their method groups to it. */
  request: ApiRequest;
  /**
   * Sends a referral; `onQueued` runs if it has to wait, and the promise settles when it is stored or refused.
   * The dialog supplies the journal note, so its Danish texts load with the dialog rather than with the launcher.
   */
  send(referral: NewReferral, hooks: SendHooks): Promise<SendOutcome>;
  /** Tells the host about a failure, in the widget's language (the caller has the message, so the catalogue stays out of this chunk). */
  reportError(code: HenvisErrorCode, message: string): void;
  emit: Emit;
  /** Runs `cleanup` when the widget is destroyed (lazily loaded parts register theirs). */
  onDispose(cleanup: () => void): void;
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
  consentRecorded: 'onConsentRecorded',
  consentWithdrawn: 'onConsentWithdrawn',
  who5Recorded: 'onWho5Recorded',
  messageReceived: 'onMessageReceived',
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
  const request = createApiRequest({
    apiUrl: initial.apiUrl,
    getToken: (r) => options.peek().getToken(r),
    ...(timing.retry ? { retry: timing.retry } : {}),
  });
  const client = referralApi(request);
  const outbox = createReferralOutbox(client, timing.queueMaxDelayMs ? { maxDelayMs: timing.queueMaxDelayMs } : {});
  const pending = signal(0);
  const unsubscribe = outbox.subscribe(() => (pending.value = outbox.pending.length));

  const emit: Emit = (event, payload) => {
    const callback = options.peek()[callbackOf[event]] as ((p: unknown, m: unknown) => void) | undefined;
    try {
      callback?.(payload, { event, at: new Date().toISOString(), widgetVersion: WIDGET_VERSION });
    } catch (error) {
      console.error(`Henvis: the host's ${callbackOf[event]} callback threw`, error);
    }
  };

  const reportError = (code: HenvisErrorCode, message: string) => emit('error', { code, message });

  async function send(referral: NewReferral, { onQueued, journalNote }: SendHooks): Promise<SendOutcome> {
    sendingOnPage.value++;
    try {
      const stored = await outbox.send(referral, {
        onQueued: (item) => {
          onQueued();
          emit('referralQueued', { queuedAt: item.queuedAt.toISOString(), reason: item.lastError });
        },
      });
      emit('referralSent', { referral: stored, journalNote: journalNote(stored) });
      pageBus.dispatchEvent(new CustomEvent<Referral>(REFERRALS_CHANGED, { detail: stored }));
      return { kind: 'sent', referral: stored };
    } catch (error) {
      return { kind: 'failed', error: error instanceof HenvisError ? error : new HenvisError('unexpected_response', { cause: error }) };
    } finally {
      sendingOnPage.value--;
    }
  }

  const cleanups: (() => void)[] = [];
  let disposed = false;
  const onOnline = () => outbox.retryNow();
  const onBeforeUnload = (event: BeforeUnloadEvent) => {
    if (outbox.pending.length > 0) event.preventDefault();
  };
  window.addEventListener('online', onOnline);
  window.addEventListener('beforeunload', onBeforeUnload);

  return {
    options,
    t,
    dialogOpen: signal(false),
    pending,
    request,
    send,
    reportError,
    emit,
    // A part that loads after the widget was destroyed (a lazy chunk arriving late) is cleaned up at once, or it
    // would go on polling and listening for a widget that is gone.
    onDispose: (cleanup) => (disposed ? cleanup() : void cleanups.push(cleanup)),
    dispose() {
      disposed = true;
      for (const cleanup of cleanups.splice(0)) cleanup();
      // A referral still waiting is not sent behind the host's back: its send fails with delivery_cancelled,
      // which the dialog reports through onError.
      outbox.close();
      unsubscribe();
      window.removeEventListener('online', onOnline);
      window.removeEventListener('beforeunload', onBeforeUnload);
    },
  };
}
