import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { TokenService, VendorPractice, VendorUser } from '@henvis/example-vendor-backend';

export interface DemoJournal {
  root: string;
  practice: VendorPractice;
  user: VendorUser;
}
export type DemoJournalName = 'script' | 'mf';
export const demoJournals: Record<DemoJournalName, DemoJournal>;
export function tokenRoute(tokens: TokenService, journal: Pick<DemoJournal, 'practice' | 'user'>): (req: IncomingMessage, res: ServerResponse) => Promise<void>;
export function serveJournal(
  name: DemoJournalName,
  options: { tokens: TokenService; port: number; apiUrl: string; widgetUrl: string },
): Promise<Server>;
