import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { HenvisClient } from '@henvis/sdk';
import type { Session } from './auth.js';

export interface InboxContext {
  client: HenvisClient;
  user: Session['user'];
}

export const Inbox = createContext<InboxContext | null>(null);

export function useInbox(): InboxContext {
  const context = useContext(Inbox);
  if (!context) throw new Error('useInbox outside the inbox');
  return context;
}
