import { subscribeToEvents, type GetToken, type LiveEvent, type LiveEvents } from '@henvis/sdk';

/** What a widget on the page hears from the shared stream. */
export interface PageStreamListener {
  onEvent(event: LiveEvent): void;
  /**
   * The stream is up for this listener. `resumed` false: changes made before now were not delivered (the stream's
   * first connection, a reconnect it could not resume, or a listener joining a stream already open): load once.
   */
  onConnected(resumed: boolean): void;
  /** The stream went down; it reconnects by itself. */
  onDisconnected(): void;
}

/** A widget's place on the page's stream. */
export interface PageStreamMember {
  leave(): void;
  /**
   * Runs `read` once for every widget on this stream that asks for the same `key` while it is under way: two
   * status lists that hear one event fetch what it names once.
   */
  read<T>(key: string, read: () => Promise<T>): Promise<T>;
}

interface Joined {
  listener: PageStreamListener;
  getToken: GetToken;
}

interface Shared {
  members: Set<Joined>;
  state: { up: boolean };
  live: LiveEvents;
  reads: Map<string, Promise<unknown>>;
}

/** The page's streams, one per API and token subject. */
const streams = new Map<string, Shared>();

/** How many streams the page holds open now. */
export const openPageStreams = (): number => streams.size;

/**
 * Who a token speaks for: issuer, subject, organisation and bound patient of a JWT (read, not verified: it only
 * groups widgets whose tokens see the same events), or the token itself when it is not one.
 */
export function tokenSubject(token: string): string {
  try {
    const payload = token.split('.')[1];
    if (!payload) return token;
    const claims = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/'))) as Record<string, unknown>;
    const org = (claims.org as { id?: unknown } | undefined)?.id;
    const patient = (claims.patient as { cpr?: unknown } | undefined)?.cpr;
    return JSON.stringify([claims.iss, claims.sub, org, patient]);
  } catch {
    return token;
  }
}

function openShared(key: string, apiUrl: string, firstToken: string): Shared {
  let unused: string | undefined = firstToken;
  const members = new Set<Joined>();
  const state = { up: false };
  // A listener that throws must not keep the event from the others, nor break the stream's reading.
  const everyone = (call: (listener: PageStreamListener) => void) => {
    for (const { listener } of [...members]) {
      try {
        call(listener);
      } catch (error) {
        console.error('Henvis: a live event listener threw', error);
      }
    }
  };
  const live = subscribeToEvents({
    apiUrl,
    // The token the stream was keyed by serves its first connection; later ones come from the newest widget still
    // listening (the first may be gone, and its host with it).
    getToken: (request) => {
      const token = unused;
      unused = undefined;
      if (token && !request.refresh) return token;
      const newest = [...members].at(-1);
      return newest ? newest.getToken(request) : Promise.reject(new Error('no widget listens'));
    },
    onEvent: (event) => everyone((l) => l.onEvent(event)),
    onConnected: ({ resumed }) => {
      state.up = true;
      everyone((l) => l.onConnected(resumed));
    },
    onDisconnected: () => {
      state.up = false;
      everyone((l) => l.onDisconnected());
    },
  });
  const shared: Shared = { members, state, live, reads: new Map() };
  streams.set(key, shared);
  return shared;
}

/**
 * Joins the page's one live stream for `apiUrl` and the subject of `getToken`'s tokens, opening it for the first
 * widget; the last to leave closes it. Widgets on one page (a launcher and a status list, two status lists) so hold
 * one connection to the API, whatever the number of them.
 */
export function joinPageStream(options: { apiUrl: string; getToken: GetToken }, listener: PageStreamListener): PageStreamMember {
  const member: Joined = { listener, getToken: options.getToken };
  const apiUrl = options.apiUrl.replace(/\/+$/, '');
  let left = false;
  // A function, so that a check after an await reads the flag anew instead of what an earlier check narrowed.
  const hasLeft = () => left;
  let key: string | undefined;
  let shared: Shared | undefined;

  // The subject is in the token, so joining waits for one; a token source that fails is asked again later.
  void (async () => {
    for (let attempt = 1; ; attempt++) {
      try {
        const token = await options.getToken({ refresh: false });
        if (hasLeft()) return;
        key = `${apiUrl} ${tokenSubject(token)}`;
        shared = streams.get(key) ?? openShared(key, apiUrl, token);
        shared.members.add(member);
        if (shared.state.up) listener.onConnected(false);
        return;
      } catch {
        if (hasLeft()) return;
        if (attempt === 1) listener.onDisconnected();
        await new Promise((resolve) => setTimeout(resolve, Math.min(30_000, 1000 * 2 ** (attempt - 1))));
        if (hasLeft()) return;
      }
    }
  })();

  return {
    leave() {
      if (left) return;
      left = true;
      if (!shared || !key) return;
      shared.members.delete(member);
      if (shared.members.size > 0) return;
      shared.live.close();
      streams.delete(key);
    },
    read<T>(readKey: string, read: () => Promise<T>): Promise<T> {
      const reads = shared?.reads;
      if (!reads) return read();
      const running = reads.get(readKey) as Promise<T> | undefined;
      if (running) return running;
      const started = read().finally(() => reads.delete(readKey));
      reads.set(readKey, started);
      return started;
    },
  };
}
