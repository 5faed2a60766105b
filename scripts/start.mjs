// @ts-check
// Starts the whole demo (demo-stack.mjs): the API on embedded PGlite (4000, with the development login at /oidc),
// the widget's built files (4001), the three journal hosts (4100: Module Federation, 4101: script tag, 4102: a signed
// launch into Henvis' own page) and the navigators' inbox (4200). Ctrl-C stops everything.
import { homedir } from 'node:os';
import { join } from 'node:path';
import { createTokenService } from '@henvis/example-vendor-backend';
import { demoPorts, startDemoServers } from './demo-stack.mjs';

const dataHome = process.env.XDG_DATA_HOME || join(homedir(), '.local', 'share');
const tokens = createTokenService({
  issuer: 'https://demo-journal.henvis.invalid',
  audience: 'henvis-api',
  keyFile: join(dataHome, 'henvis', 'demo-journal-vendor-key.pem'),
});

/** @type {import('./demo-stack.mjs').DemoServers | undefined} */
let demo;
let stopping = false;
let exitCode = 0;
/** @param {number} code */
async function stop(code) {
  if (stopping) return;
  stopping = true;
  exitCode = code;
  if (!demo) return; // still starting: stopped once it has started, below
  await demo.close();
  process.exit(code);
}
process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));

try {
  demo = await startDemoServers({
    tokens,
    ports: demoPorts,
    // The API's JSON logs stay out of the terminal; its announcements show.
    onApiOutput: (line) => {
      if (!line.startsWith('{')) console.log(`[api] ${line}`);
    },
    onApiExit: (code) => {
      console.error(`[api] exited with code ${code}`);
      void stop(code ?? 1);
    },
  });
} catch (error) {
  console.error(`The demo did not start: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
}
if (stopping) {
  await demo.close();
  process.exit(exitCode);
}

console.log(`
Henvis demo
  API                          ${demo.apiUrl}   (OpenAPI: /openapi.json)
  widget remote                ${demo.widgetUrl}/remote/remoteEntry.js
  widget script build          ${demo.widgetUrl}/script/henvis.js
  journal, Module Federation   ${demo.journalUrl.mf}   (Lægerne i Auning, patient Poul Nielsen)
  journal, script tag          ${demo.journalUrl.script}   (Lægehuset Grenaa, patient Karen Jensen)
  journal, signed launch       ${demo.journalUrl.launch}   (Lægerne i Auning, patient Birthe Lund: opens Henvis at ${demo.apiUrl}/launch)
  navigators' inbox            ${demo.inboxUrl}   (log in as Sofie Kjær, navigator in Norddjurs)
Ctrl-C stops everything.`);
