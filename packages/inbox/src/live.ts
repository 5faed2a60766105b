import { signal } from '@preact/signals';
import { subscribeToEvents, type LiveEvent } from '@henvis/sdk';
import type { Auth } from './auth.js';
import type { InboxConfig } from './config.js';

/** The newest change the API told the inbox about: views reload what it touches. */
export const liveEvent = signal<LiveEvent | undefined>(undefined);

/** Listens to the API's live events with the session's token until the page closes or the session ends. */
export function listenToChanges(config: InboxConfig, auth: Auth): () => void {
  const events = subscribeToEvents({
    apiUrl: config.apiUrl,
    getToken: () => {
      const session = auth.session();
      if (!session) throw new Error('session expired');
      return session.accessToken;
    },
    onEvent: (event) => (liveEvent.value = event),
  });
  return () => events.close();
}
