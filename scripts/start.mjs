// @ts-check
// Starts the whole demo: the API on embedded PGlite (4000, with the development login at /oidc), the widget's
// built files (4001), the two journal hosts (4100: Module Federation, 4101: script tag) and the navigators' inbox
// (4200). Ctrl-C stops everything.
import { spawn } from 'node:child_process';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTokenService } from '../examples/vendor-backend/token-service.mjs';
import { serveInbox } from './demo-inbox.mjs';
import { serveJournal } from './demo-journal.mjs';
import { serve } from './serve.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const dataHome = process.env.XDG_DATA_HOME || join(homedir(), '.local', 'share');
const ports = { api: 4000, widget: 4001, journalMf: 4100, journalScript: 4101, inbox: 4200 };

const tokens = createTokenService({
  issuer: 'https://demo-journal.henvis.invalid',
  audience: 'henvis-api',
  keyFile: join(dataHome, 'henvis', 'demo-journal-vendor-key.pem'),
});

const api = spawn(process.execPath, ['packages/server/bin/henvis-server.js', 'start'], {
  cwd: root,
  env: { ...process.env, PORT: String(ports.api), HENVIS_TRUSTED_ISSUERS: JSON.stringify([tokens.trustedIssuer]) },
  stdio: ['ignore', 'pipe', 'pipe'],
});
for (const stream of [api.stdout, api.stderr]) {
  stream.setEncoding('utf8').on('data', (chunk) => {
    for (const line of chunk.split('\n').filter(Boolean)) if (!line.startsWith('{')) console.log(`[api] ${line}`);
  });
}

const urls = { apiUrl: `http://127.0.0.1:${ports.api}`, widgetUrl: `http://127.0.0.1:${ports.widget}` };
const servers = await Promise.all([
  serve({ root: join(root, 'packages/widget/dist'), port: ports.widget, cors: true }),
  serveJournal('mf', { tokens, port: ports.journalMf, ...urls }),
  serveJournal('script', { tokens, port: ports.journalScript, ...urls }),
  serveInbox({ port: ports.inbox, ...urls }),
]);

let stopping = false;
function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  for (const server of servers) server.close();
  api.kill('SIGTERM');
  setTimeout(() => process.exit(code), 500);
}
api.on('exit', (code) => {
  if (!stopping) console.error(`[api] exited with code ${code}`);
  stop(code ?? 1);
});
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

// The page would work before the API does, and its first request would fail: print the URLs once the API answers.
for (let waited = 0; ; waited += 250) {
  if (stopping) break;
  const up = await fetch(`${urls.apiUrl}/health`).then((r) => r.ok, () => false);
  if (up) break;
  if (waited > 60_000) {
    console.error('[api] did not answer /health within 60 s');
    stop(1);
    break;
  }
  await new Promise((resolve) => setTimeout(resolve, 250));
}

if (!stopping) console.log(`
Henvis demo
  API                          http://127.0.0.1:${ports.api}   (OpenAPI: /openapi.json)
  widget remote                http://127.0.0.1:${ports.widget}/remote/remoteEntry.js
  widget script build          http://127.0.0.1:${ports.widget}/script/henvis.js
  journal, Module Federation   http://127.0.0.1:${ports.journalMf}   (Lægerne i Auning, patient Poul Nielsen)
  journal, script tag          http://127.0.0.1:${ports.journalScript}   (Lægehuset Grenaa, patient Karen Jensen)
  navigators' inbox            http://127.0.0.1:${ports.inbox}   (log in as Sofie Kjær, navigator in Norddjurs)
Ctrl-C stops everything.`);
