import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { GetToken, HenvisClient } from '@henvis/sdk';
import type { Session } from './auth.js';

export interface InboxContext {
  client: HenvisClient;
  user: Session['user'];
  /** What the widget's consent and WHO-5 views need to be mounted in a course; absent where no widget is served. */
  embed?: { apiUrl: string; widgetUrl: string; getToken: GetToken };
}

export const Inbox = createContext<InboxContext | null>(null);

export function useInbox(): InboxContext {
  const context = useContext(Inbox);
  if (!context) throw new Error('useInbox outside the inbox');
  return context;
}
