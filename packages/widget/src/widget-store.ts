import { computed, signal, type ReadonlySignal, type Signal } from '@preact/signals';
import type { HenvisErrorCode, NewReferral, Referral } from '@henvis/contracts';
import {
  HenvisError,
  cacheToken,
  createApiRequest,
  createReferralOutbox,
  referralApi,
  type ApiRequest,
  type CachedGetToken,
  type GetToken,
  type HenvisEventMeta,
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
 * The journal notes already handed to the host on this page, by `meta.noteId`, so the widgets on one page (a
 * launcher that sent a referral, a consent panel, the status lists' catch-up) never give the journal one note twice.
 */
export const filedOnPage = new Set<string>();

/** The ids of the journal notes (`meta.noteId`): stable across pages, desks and page loads. */
export const noteIds = {
  referral: (referralId: string) => `referral:${referralId}`,
  status: (timelineEntryId: string) => `status:${timelineEntryId}`,
  message: (messageId: string) => `message:${messageId}`,
  consentRecorded: (consentId: string) => `consent:${consentId}:recorded`,
  consentWithdrawn: (consentId: string) => `consent:${consentId}:withdrawn`,
};

/**
 * The page's token caches: one per `getToken` of the host and consultation (practice, patient), so the widgets on a
 * page that share a `getToken` share its token, and another patient never gets the previous one's.
 */
const tokenCaches = new WeakMap<GetToken, Map<string, CachedGetToken>>();
function cachedToken(options: HenvisMountOptions): CachedGetToken {
  const { getToken, context } = options;
  const byContext = tokenCaches.get(getToken) ?? new Map<string, CachedGetToken>();
  tokenCaches.set(getToken, byContext);
  const key = JSON.stringify([context.practice.id, context.patient.cpr]);
  let cache = byContext.get(key);
  if (!cache) {
    cache = cacheToken(getToken);
    byContext.set(key, cache);
    // A page that goes through many patients keeps the newest few.
    for (const old of [...byContext.keys()].slice(0, -8)) byContext.delete(old);
  }
  return cache;
}

/** The `name` claim of a JWT: who the API will record as acting (read, not verified). */
function nameIn(token: string): string | undefined {
  try {
    const payload = token.split('.')[1] ?? '';
    const claims = JSON.parse(
      new TextDecoder().decode(Uint8Array.from(atob(payload.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0))),
    ) as {
      name?: unknown;
    };
    return typeof claims.name === 'string' ? claims.name : undefined;
  } catch {
    return undefined;
  }
}

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
  /** The host's `getToken` behind the page's token cache for the current consultation. */
  getToken: GetToken;
  /**
   * Who refers (henviser): the `name` in the token, as the API records it on the referral; undefined until a token
   * has come (reading it asks for one).
   */
  readonly referrer: ReadonlySignal<string | undefined>;
  /**
   * Sends a referral; `onQueued` runs if it has to wait, and the promise settles when it is stored or refused.
   * The dialog supplies the journal note, so its Danish texts load with the dialog rather than with the launcher.
   */
  send(referral: NewReferral, hooks: SendHooks): Promise<SendOutcome>;
  /** Tells the host about a failure, in the widget's language (the caller has the message, so the catalogue stays out of this chunk). */
  reportError(code: HenvisErrorCode, message: string): void;
  emit: Emit;
  /**
   * Hands the host a journal note once on the page: false (and nothing emitted) when `noteId` was filed already.
   * `position` is the change's, for a note that comes from one.
   */
  file: File;
  /** Whether the note `noteId` was handed to the host on this page. */
  filed(noteId: string): boolean;
  /** Runs `cleanup` when the widget is destroyed (lazily loaded parts register theirs). */
  onDispose(cleanup: () => void): void;
  dispose(): void;
}

type PayloadOf<E extends HenvisEventName> = Parameters<NonNullable<HenvisMountOptions[(typeof callbackOf)[E]]>>[0];

export type Emit = <E extends HenvisEventName>(
  event: E,
  payload: PayloadOf<E>,
  meta?: Pick<HenvisEventMeta, 'noteId' | 'position'>,
) => void;

/** The events that carry a journal note. */
export type FilingEvent = 'referralSent' | 'statusChanged' | 'consentRecorded' | 'consentWithdrawn' | 'messageReceived' | 'messageSent';

export type File = <E extends FilingEvent>(event: E, payload: PayloadOf<E>, noteId: string, position?: string) => boolean;

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
  messageSent: 'onMessageSent',
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
  const referrer = signal<string | undefined>(undefined);
  const getToken: GetToken = async (r) => {
    const token = await cachedToken(options.peek())(r);
    referrer.value = nameIn(token);
    return token;
  };
  let askedForReferrer = false;
  const request = createApiRequest({
    apiUrl: initial.apiUrl,
    getToken,
    ...(timing.retry ? { retry: timing.retry } : {}),
  });
  const client = referralApi(request);
  const outbox = createReferralOutbox(client, timing.queueMaxDelayMs ? { maxDelayMs: timing.queueMaxDelayMs } : {});
  const pending = signal(0);
  const unsubscribe = outbox.subscribe(() => (pending.value = outbox.pending.length));

  const emit: Emit = (event, payload, extra = {}) => {
    const callback = options.peek()[callbackOf[event]] as ((p: unknown, m: HenvisEventMeta) => void) | undefined;
    try {
      callback?.(payload, { event, at: new Date().toISOString(), widgetVersion: WIDGET_VERSION, ...extra });
    } catch (error) {
      console.error(`Henvis: the host's ${callbackOf[event]} callback threw`, error);
    }
  };

  const file: File = (event, payload, noteId, position) => {
    // A widget the host gave no callback for this event leaves the note to one on the page that has it.
    if (filedOnPage.has(noteId) || !options.peek()[callbackOf[event]]) return false;
    filedOnPage.add(noteId);
    emit(event, payload, position === undefined ? { noteId } : { noteId, position });
    return true;
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
      file('referralSent', { referral: stored, journalNote: journalNote(stored) }, noteIds.referral(stored.id));
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
    getToken,
    get referrer() {
      if (!askedForReferrer) {
        askedForReferrer = true;
        void Promise.resolve(getToken({ refresh: false })).catch(() => {});
      }
      return referrer;
    },
    send,
    reportError,
    emit,
    file,
    filed: (noteId) => filedOnPage.has(noteId),
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
