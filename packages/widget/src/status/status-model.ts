import { computed, effect, signal, untracked, type ReadonlySignal } from '@preact/signals';
import { parseCpr, type LiveEvent, type Referral } from '@henvis/contracts';
import { HenvisError, consentApi, courseApi, referralApi } from '@henvis/sdk';
import { REFERRALS_CHANGED, pageBus, sendingOnPage, type WidgetStore } from '../widget-store.js';
import { errorText } from '../error-text.js';
import { joinPageStream, type PageStreamMember } from './page-stream.js';
import { startJournalFeed, type JournalFeed } from './journal-feed.js';
import { createRecentReads } from './recent-reads.js';
import { createHoldings, partNames, type Part, type PartItems, type StatusView } from './status-holdings.js';

/** How often the status list looks again while the live stream is down. */
const POLL_MS = 30_000;
/** How long the first look waits for the live stream, so that it sees what the stream has not delivered. */
const STREAM_WAIT_MS = 1_500;
/** How long a new referral's event waits for the page's own sends (a queued one may wait for hours). */
const SEND_WAIT_MS = 5_000;

export type { StatusView } from './status-holdings.js';

export interface StatusModel {
  view: ReadonlySignal<StatusView>;
  /** Looks at everything again: the list and each referral's timeline, consents and messages. */
  refresh(): Promise<void>;
  /** Fetches one referral's consents again (the consent panel under it closed). */
  reloadConsents(referralId: string): void;
  /** Writes to the navigator about a referral (a reply to `inReplyTo`) and shows the message. */
  sendMessage(referralId: string, body: string, inReplyTo?: string): Promise<void>;
}

/** What a live event makes the list fetch: the referral, and which of its parts. */
const wants: Record<LiveEvent['type'], { referral: boolean; part?: Part }> = {
  'referral.created': { referral: true },
  'referral.status_changed': { referral: true, part: 'events' },
  'message.created': { referral: false, part: 'messages' },
  'consent.recorded': { referral: false, part: 'consents' },
  'consent.withdrawn': { referral: false, part: 'consents' },
};

const models = new WeakMap<WidgetStore, StatusModel>();

/**
 * The current patient's referrals for one widget, in the status list's chunk (a launcher alone never loads it).
 * It looks at everything once the page's live stream is up (and again only when the stream could not resume, or
 * while it is down: every 30 s and when the page is shown again); after that each live event fetches only what
 * it names, and a referral another widget sends is taken from the page bus. What changed is handed to the host
 * by the patient's journal feed (journal-feed.ts), which the same events and looks wake.
 */
export function statusModelOf(store: WidgetStore): StatusModel {
  const existing = models.get(store);
  if (existing) return existing;
  const client = referralApi(store.request);
  const consentCalls = consentApi(store.request);
  const course = courseApi(store.request);
  const recent = createRecentReads();
  const readPart: { [P in Part]: (id: string) => Promise<PartItems[P]> } = {
    events: (id) => client.listEvents(id),
    consents: (id) => consentCalls.listConsents(id),
    messages: (id) => course.listMessages(id),
  };
  /** A read of a part, kept for the journal feed to file from. */
  const keptPart = <P extends Part>(part: P, id: string, read = () => readPart[part](id)) => recent.run(`${part}:${id}`, read);
  const view = signal<StatusView>(createHoldings().view('loading'));
  const patientCpr = computed(() => {
    const parsed = parseCpr(store.options.value.context.patient.cpr);
    return parsed.ok ? parsed.value.cpr : undefined;
  });

  // One patient's session: a new patient starts a new one, and answers for the old are dropped.
  let session = 0;
  let held = createHoldings();
  /** Referrals of other citizens that a practice-wide token's stream tells of: fetched once, then ignored. */
  let foreign = new Set<string>();
  /** Whether a look at everything has been made for this patient. */
  let stocked = false;
  let feed: JournalFeed | undefined;
  let look = 0;
  let newestFull = 0;
  let live: PageStreamMember | undefined;
  let up = false;
  let waiting: ReturnType<typeof setTimeout> | undefined;
  let poll: ReturnType<typeof setInterval> | undefined;
  let disposed = false;
  /** Looks at everything under way. */
  let looking = 0;
  // A function, so that a check after an await reads the flag anew instead of what an earlier check narrowed.
  const current = (mine: number) => !disposed && mine === session;

  const show = (state = view.peek().state) => void (view.value = held.view(state));

  async function refresh(): Promise<void> {
    if (disposed || store.options.peek().view === 'launcher') return;
    feed?.wake();
    clearTimeout(waiting);
    const mine = session;
    const at = (newestFull = ++look);
    const cpr = patientCpr.peek();
    looking++;
    try {
      const page = await client.listReferrals({ limit: 5 });
      // A token bound to the patient returns only theirs; filtering again keeps a practice-wide token safe.
      const listed = page.items.filter((r) => r.patient.cpr === cpr);
      const fetched = await Promise.all(
        partNames.map(
          async (part) => [part, await Promise.all(listed.map(async (r) => [r, await keptPart(part, r.id)] as const))] as const,
        ),
      );
      if (!current(mine) || at !== newestFull) return;
      // A referral an event brought in (or fetched anew) after this look began stays as the event left it.
      held.keepListed(listed, at);
      for (const [part, answers] of fetched) {
        for (const [referral, items] of answers) held.holdPart(part, referral.id, items, at);
      }
      stocked = true;
      show('ready');
    } catch (error) {
      if (!current(mine) || at !== newestFull) return;
      show('error');
      const henvisError = error instanceof HenvisError ? error : new HenvisError('unexpected_response', { cause: error });
      store.reportError(henvisError.code, await errorText(henvisError, store.options.peek().locale ?? 'da'));
    } finally {
      looking--;
    }
  }

  // What live events asked for, gathered until the events of one read of the stream are in: per referral, the
  // referral itself and its parts, under the id of the last event (the key two widgets share the reads by).
  let asked = new Map<string, { referral: boolean; parts: Set<Part>; after: string }>();
  function ask(referralId: string, referral: boolean, part: Part | undefined, after: string) {
    const entry = asked.get(referralId) ?? { referral: false, parts: new Set<Part>(), after };
    entry.referral ||= referral;
    if (part) entry.parts.add(part);
    entry.after = after;
    if (asked.size === 0) queueMicrotask(fetchAsked);
    asked.set(referralId, entry);
  }

  function fetchAsked() {
    const batch = asked;
    asked = new Map();
    const at = ++look;
    for (const [id, wanted] of batch) void fetchNamed(id, wanted, at);
  }

  async function fetchNamed(id: string, wanted: { referral: boolean; parts: Set<Part>; after: string }, at: number) {
    const mine = session;
    // Kept for the journal feed, and read once for the widgets on the page that ask for the same.
    const read = <T>(what: string, run: () => Promise<T>) =>
      recent.run(`${what}:${id}`, () => (live ? live.read(`${what}:${id}@${wanted.after}`, run) : run()));
    const getReferral = () => client.getReferral(id);
    let referral = held.referral(id);
    const unknown = !referral;
    const readParts = (parts: readonly Part[]) =>
      Promise.all(parts.map(async (part) => [part, await read<PartItems[Part]>(part, () => readPart[part](id))] as const));
    try {
      // A referral the list holds is this patient's: its parts are read beside it, at once.
      const beside = unknown ? undefined : readParts([...wanted.parts]);
      beside?.catch(() => {});
      if (wanted.referral || unknown) {
        const fetched = await read('referral', getReferral);
        if (!current(mine)) return;
        if (fetched.patient.cpr !== patientCpr.peek()) return void foreign.add(id);
        referral = fetched;
        held.holdReferral(fetched, at);
      }
      // A referral of this patient that the list did not hold (another tab's, an older one) is shown whole, unless
      // it was just created: then there is nothing more to it yet.
      const fetched = await (beside ?? readParts(wanted.parts.size > 0 ? partNames : []));
      if (!current(mine) || !referral) return;
      for (const [part, items] of fetched) held.holdPart(part, id, items, at);
      show();
    } catch (error) {
      if (!current(mine)) return;
      if (unknown && error instanceof HenvisError && error.code === 'not_found') return void foreign.add(id);
      // A look at everything says what fails, and mends what this read could not.
      void refresh();
    }
  }

  function onEvent(event: LiveEvent) {
    feed?.wake(event);
    const id = event.referralId;
    if (foreign.has(id)) return;
    // Nothing to fetch for what the list holds already (a referral from the page bus, a message the GP just sent).
    const { consentId, messageId } = event.data;
    const holds: Record<LiveEvent['type'], () => boolean | undefined> = {
      'referral.created': () => held.referral(id) !== undefined,
      'referral.status_changed': () => false,
      'message.created': () => held.part('messages', id)?.some((m) => m.id === messageId),
      'consent.recorded': () => held.part('consents', id)?.some((c) => c.id === consentId),
      'consent.withdrawn': () => held.part('consents', id)?.some((c) => c.id === consentId && c.withdrawnAt),
    };
    if (holds[event.type]()) return;
    if (event.type === 'referral.created' && sendingOnPage.peek() > 0) {
      // Likely this page's own: the page bus brings it when the send settles.
      createdMeanwhile.set(id, event.id);
      waitingForSends ??= setTimeout(askCreatedMeanwhile, SEND_WAIT_MS);
      return;
    }
    const { referral, part } = wants[event.type];
    ask(id, referral, part, event.id);
  }

  let createdMeanwhile = new Map<string, string>();
  let waitingForSends: ReturnType<typeof setTimeout> | undefined;
  function askCreatedMeanwhile() {
    clearTimeout(waitingForSends);
    waitingForSends = undefined;
    for (const [id, after] of createdMeanwhile) if (!held.referral(id)) ask(id, true, undefined, after);
    createdMeanwhile = new Map();
  }

  function connect() {
    live?.leave();
    feed?.close();
    const mine = ++session;
    held = createHoldings();
    foreign = new Set();
    stocked = false;
    up = false;
    asked = new Map();
    createdMeanwhile = new Map();
    show('loading');
    clearTimeout(waiting);
    // The first look waits for the stream, so that what it misses the stream delivers; not for long.
    waiting = setTimeout(() => void refresh(), STREAM_WAIT_MS);
    const { apiUrl, catchUp } = store.options.peek();
    // The patient's notes: those after the journal's position first (all of them when it has none), then the live ones.
    const cpr = patientCpr.peek();
    feed = startJournalFeed(store, {
      after: catchUp ? (catchUp.after ?? '0.0') : undefined,
      isPatient: (r) => r.patient.cpr === cpr,
      recent,
      known: (id) => held.referral(id),
    });
    live = joinPageStream(
      { apiUrl, getToken: store.getToken },
      {
        onEvent: (event) => current(mine) && onEvent(event),
        onConnected: (resumed) => {
          if (!current(mine)) return;
          feed?.wake();
          up = true;
          clearInterval(poll);
          poll = undefined;
          if (!resumed || !stocked || view.peek().state === 'error') void refresh();
        },
        onDisconnected: () => {
          if (!current(mine)) return;
          up = false;
          poll ??= setInterval(() => void refresh(), POLL_MS);
          if (!stocked && looking === 0) void refresh();
        },
      },
    );
  }

  const onChanged = (event: Event) => {
    const referral = (event as CustomEvent<Referral | undefined>).detail;
    if (!referral) return void refresh();
    if (referral.patient.cpr !== patientCpr.peek() || held.referral(referral.id)) return;
    // Just sent from this page: it has no consents or messages yet, and its timeline holds only its creation.
    const at = ++look;
    held.holdReferral(referral, at);
    held.holdPart('consents', referral.id, [], at);
    held.holdPart('messages', referral.id, [], at);
    show();
  };
  const onVisible = () => document.visibilityState === 'visible' && !up && void refresh();
  pageBus.addEventListener(REFERRALS_CHANGED, onChanged);
  document.addEventListener('visibilitychange', onVisible);
  let patient: string | undefined;
  const stopSending = effect(() => {
    if (sendingOnPage.value === 0 && createdMeanwhile.size > 0) untracked(askCreatedMeanwhile);
  });
  const stopWatching = effect(() => {
    if (patientCpr.value === patient && live) return;
    patient = patientCpr.value;
    untracked(connect);
  });
  store.onDispose(() => {
    disposed = true;
    stopWatching();
    stopSending();
    live?.leave();
    feed?.close();
    clearTimeout(waiting);
    clearTimeout(waitingForSends);
    clearInterval(poll);
    pageBus.removeEventListener(REFERRALS_CHANGED, onChanged);
    document.removeEventListener('visibilitychange', onVisible);
  });

  async function sendMessage(referralId: string, body: string, inReplyTo?: string): Promise<void> {
    // Filed by the journal feed when its change comes, like a reply from another desk.
    const message = await course.sendMessage(referralId, { body, ...(inReplyTo ? { inReplyTo } : {}) });
    const messages = held.part('messages', referralId);
    if (messages && !messages.some((m) => m.id === message.id)) held.holdPart('messages', referralId, [...messages, message], ++look);
    show();
  }

  // While the stream is up, what the panel recorded or withdrew arrives as an event and is fetched then.
  function reloadConsents(referralId: string) {
    if (!up) ask(referralId, false, 'consents', `reload-${++look}`);
  }

  const model = { view, refresh, reloadConsents, sendMessage };
  models.set(store, model);
  return model;
}
