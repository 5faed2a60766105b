import { subscribeToEvents, type LiveEvent } from '@henvis/sdk';
import type { Auth } from './auth.js';
import type { InboxConfig } from './config.js';

type Listener = (event: LiveEvent) => void;
const listeners = new Set<Listener>();

/**
 * Calls `listener` with every change the API tells the inbox about, each one (a reconnect replays several at once,
 * and none may be lost in between); returns the function that stops it.
 */
export function onLiveEvent(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Listens to the API's live events with the session's token until the page closes or the session ends. */
export function listenToChanges(config: InboxConfig, auth: Auth): () => void {
  const events = subscribeToEvents({
    apiUrl: config.apiUrl,
    getToken: ({ refresh }) => auth.accessToken(refresh),
    onEvent: (event) => {
      for (const listener of listeners) listener(event);
    },
  });
  return () => events.close();
}
