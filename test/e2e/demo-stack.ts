import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTokenService, type TokenService } from '@henvis/example-vendor-backend';
import { startServerProcess, type ServerProcess } from '../bench/server-process.js';
import { serveInbox } from '../../scripts/demo-inbox.mjs';
import { demoJournals, serveJournal, type DemoJournalName } from '../../scripts/demo-journal.mjs';
import { serve } from '../../scripts/serve.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const portOf = (server: Server) => (server.address() as AddressInfo).port;

/** The demo on free ports: the built API (its own process), the widget's files, both journal hosts and the inbox. */
export interface DemoStack {
  apiUrl: string;
  widgetUrl: string;
  journalUrl: Record<DemoJournalName, string>;
  /** The navigators' inbox, logging in at the API's development login. */
  inboxUrl: string;
  /** The journal vendor's token service, which the API trusts. */
  tokens: TokenService;
  /** Signs a token for the journal's practice, as its vendor does (for checks through the API). */
  token(journal: DemoJournalName): string;
  stopApi(): Promise<void>;
  startApi(): Promise<void>;
  close(): Promise<void>;
}

export async function startDemoStack(): Promise<DemoStack> {
  const dir = mkdtempSync(join(tmpdir(), 'henvis-e2e-'));
  const tokens = createTokenService({ issuer: 'https://e2e-journal.henvis.invalid', audience: 'henvis-api', keyFile: join(dir, 'vendor-key.pem') });
  // The inbox's origin must be known to the development login before the API starts; its page learns the API's URL
  // when it is served, by which time the API listens.
  const inboxPage = { apiUrl: '', widgetUrl: '' };
  const inbox: Server = await serveInbox({ port: 0, get apiUrl() { return inboxPage.apiUrl; }, get widgetUrl() { return inboxPage.widgetUrl; } });
  const inboxUrl = `http://127.0.0.1:${portOf(inbox)}`;
  const env = {
    HENVIS_DATA_DIR: join(dir, 'pgdata'),
    HENVIS_TRUSTED_ISSUERS: JSON.stringify([tokens.trustedIssuer]),
    HENVIS_DEV_INBOX_URLS: inboxUrl,
  };
  let api: ServerProcess | undefined = await startServerProcess(env);
  inboxPage.apiUrl = api.url;
  const health = (await (await fetch(`${api.url}/health`)).json()) as { storage: string };
  if (health.storage !== 'pglite') throw new Error(`the e2e API must run on its own PGlite folder, not ${health.storage}`);
  const apiPort = new URL(api.url).port;
  const widget: Server = await serve({ root: join(root, 'packages/widget/dist'), port: 0, cors: true });
  const widgetUrl = `http://127.0.0.1:${portOf(widget)}`;
  inboxPage.widgetUrl = widgetUrl;
  const journals = {
    script: await serveJournal('script', { tokens, port: 0, apiUrl: api.url, widgetUrl }),
    mf: await serveJournal('mf', { tokens, port: 0, apiUrl: api.url, widgetUrl }),
  };
  return {
    apiUrl: api.url,
    widgetUrl,
    tokens,
    inboxUrl,
    journalUrl: { script: `http://127.0.0.1:${portOf(journals.script)}`, mf: `http://127.0.0.1:${portOf(journals.mf)}` },
    token: (journal) => tokens.sign({ id: 'e2e-check', name: 'E2E', role: 'doctor' }, demoJournals[journal].practice),
    async stopApi() {
      await api?.stop();
      api = undefined;
    },
    async startApi() {
      api = await startServerProcess({ ...env, PORT: apiPort });
    },
    async close() {
      await api?.stop();
      await new Promise((resolve) => widget.close(resolve));
      for (const server of [...Object.values(journals), inbox]) await new Promise((resolve) => server.close(resolve));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
