// Starts the whole demo: the API on embedded PGlite (4000), the widget's built files (4001) and the journal
// hosts (4101: script tag). Ctrl-C stops everything.
import { spawn } from 'node:child_process';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTokenService } from '../examples/vendor-backend/token-service.mjs';
import { tokenRoute } from './demo-journal.mjs';
import { serve } from './serve.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const dataHome = process.env.XDG_DATA_HOME || join(homedir(), '.local', 'share');
const ports = { api: 4000, widget: 4001, journalScript: 4101 };

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

const servers = await Promise.all([
  serve({ root: join(root, 'packages/widget/dist'), port: ports.widget, cors: true }),
  serve({
    root: join(root, 'hosts/journal-script'),
    port: ports.journalScript,
    routes: { 'POST /henvis/token': tokenRoute(tokens) },
    replace: { API_URL: `http://127.0.0.1:${ports.api}`, WIDGET_URL: `http://127.0.0.1:${ports.widget}` },
  }),
]);

console.log(`
Henvis demo
  API                       http://127.0.0.1:${ports.api}   (OpenAPI: /openapi.json)
  widget remote             http://127.0.0.1:${ports.widget}/remote/remoteEntry.js
  widget script build       http://127.0.0.1:${ports.widget}/script/henvis.js
  journal (script tag)      http://127.0.0.1:${ports.journalScript}
Ctrl-C stops everything.`);

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
