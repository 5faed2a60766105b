import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTokenService } from '@henvis/example-vendor-backend';
import { startServerProcess, type ServerProcess } from '../bench/server-process.js';
import { tokenRoute } from '../../scripts/demo-journal.mjs';
import { serve } from '../../scripts/serve.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const portOf = (server: Server) => (server.address() as AddressInfo).port;

/** The demo on free ports: the built API (its own process), the widget's files, and the script-tag journal. */
export interface DemoStack {
  apiUrl: string;
  journalScriptUrl: string;
  /** Signs a token as the journal vendor does (for checks through the API). */
  token(): string;
  stopApi(): Promise<void>;
  startApi(): Promise<void>;
  close(): Promise<void>;
}

export async function startDemoStack(): Promise<DemoStack> {
  const dir = mkdtempSync(join(tmpdir(), 'henvis-e2e-'));
  const tokens = createTokenService({ issuer: 'https://e2e-journal.henvis.invalid', audience: 'henvis-api', keyFile: join(dir, 'vendor-key.pem') });
  const env = { HENVIS_DATA_DIR: join(dir, 'pgdata'), HENVIS_TRUSTED_ISSUERS: JSON.stringify([tokens.trustedIssuer]) };
  let api: ServerProcess | undefined = await startServerProcess(env);
  const health = (await (await fetch(`${api.url}/health`)).json()) as { storage: string };
  if (health.storage !== 'pglite') throw new Error(`the e2e API must run on its own PGlite folder, not ${health.storage}`);
  const apiPort = new URL(api.url).port;
  const widget: Server = await serve({ root: join(root, 'packages/widget/dist'), port: 0, cors: true });
  const widgetUrl = `http://127.0.0.1:${portOf(widget)}`;
  const journalScript: Server = await serve({
    root: join(root, 'hosts/journal-script'),
    port: 0,
    routes: { 'POST /henvis/token': tokenRoute(tokens) },
    replace: { API_URL: api.url, WIDGET_URL: widgetUrl },
  });
  return {
    apiUrl: api.url,
    journalScriptUrl: `http://127.0.0.1:${portOf(journalScript)}`,
    token: () => tokens.sign({ id: 'e2e-check', name: 'E2E', role: 'doctor' }, { id: '045678', name: 'Lægehuset Grenaa', ydernummer: '045678' }),
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
      await new Promise((resolve) => journalScript.close(resolve));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
