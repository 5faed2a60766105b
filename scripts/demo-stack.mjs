// @ts-check
// The demo's servers, started the same way for `pnpm start` (scripts/start.mjs, on the README's ports) and for the
// end-to-end tests (test/e2e/demo-stack.ts, on free ports): the built API in its own process (PGlite unless told
// otherwise), the widget's built files, the three journal hosts and the navigators' inbox.
import { startApiProcess } from './api-process.mjs';
import { serveInbox } from './demo-inbox.mjs';
import { serveJournal } from './demo-journal.mjs';
import { serveWidgetFiles } from './widget-files.mjs';

/** @typedef {import('node:http').Server} Server */
/** @typedef {import('@henvis/example-vendor-backend').TokenService} TokenService */
/** @typedef {import('./demo-journal.mjs').DemoJournalName} DemoJournalName */

/**
 * Where each server listens; 0 is any free port.
 * @typedef {object} DemoPorts
 * @property {number} api
 * @property {number} widget
 * @property {number} journalMf
 * @property {number} journalScript
 * @property {number} journalLaunch
 * @property {number} inbox
 */

/**
 * The running demo.
 * @typedef {object} DemoServers
 * @property {string} apiUrl
 * @property {string} widgetUrl
 * @property {Record<DemoJournalName, string>} journalUrl
 * @property {string} inboxUrl The navigators' inbox, logging in at the API's development login.
 * @property {() => Promise<void>} stopApi Stops the API only (the pages stay), as an outage would.
 * @property {() => Promise<void>} startApi Starts it again, on the same port and storage.
 * @property {() => Promise<void>} close Stops everything.
 */

/**
 * @type {DemoPorts} The README's: API 4000, widget 4001, journals 4100 (Module Federation), 4101 (script tag) and 4102
 * (signed launch), inbox 4200.
 */
export const demoPorts = { api: 4000, widget: 4001, journalMf: 4100, journalScript: 4101, journalLaunch: 4102, inbox: 4200 };

/** @param {Server} server */
const portOf = (server) => /** @type {import('node:net').AddressInfo} */ (server.address()).port;
/** @param {Server} server */
const urlOf = (server) => `http://127.0.0.1:${portOf(server)}`;
/** @param {Server} server */
const closeServer = (server) => new Promise((resolve) => server.close(resolve));

/**
 * Starts the demo. The API trusts `tokens` (the journals' vendor) and runs with the environment of this process
 * and `apiEnv` (where a variable set to `undefined` is left out, e.g. an inherited DATABASE_URL).
 * @param {object} options
 * @param {TokenService} options.tokens
 * @param {Partial<DemoPorts>} [options.ports] Any free port for each one not given.
 * @param {string[]} [options.pageOrigins] Other pages that call the API from a browser (CORS), beside the demo's own.
 * @param {Record<string, string | undefined>} [options.apiEnv]
 * @param {(line: string, stream: 'stdout' | 'stderr') => void} [options.onApiOutput] Each line the API writes.
 * @param {(code: number | null) => void} [options.onApiExit] Called when the API exits without being stopped.
 * @returns {Promise<DemoServers>}
 */
export async function startDemoServers({ tokens, ports = {}, pageOrigins = [], apiEnv = {}, onApiOutput, onApiExit }) {
  const port = { api: 0, widget: 0, journalMf: 0, journalScript: 0, journalLaunch: 0, inbox: 0, ...ports };
  /** @type {Server[]} */
  const servers = [];
  /** @type {import('./api-process.mjs').ApiProcess | undefined} */
  let api;
  const close = async () => {
    await api?.stop();
    api = undefined;
    await Promise.all(servers.splice(0).map(closeServer));
  };
  try {
    // The pages' origins must be known to the API before it starts (the development login lets the inbox in, and
    // CORS lets only these pages call the API); the pages learn the API's URL when they are served, by which
    // time it listens.
    const page = { apiUrl: '', widgetUrl: '' };
    const journal = (/** @type {DemoJournalName} */ name, /** @type {number} */ journalPort) =>
      serveJournal(name, {
        tokens,
        port: journalPort,
        get apiUrl() {
          return page.apiUrl;
        },
        get widgetUrl() {
          return page.widgetUrl;
        },
      });
    const [inbox, widget, mf, script, launch] = await Promise.all([
      serveInbox({
        port: port.inbox,
        get apiUrl() {
          return page.apiUrl;
        },
        get widgetUrl() {
          return page.widgetUrl;
        },
      }),
      serveWidgetFiles({ port: port.widget }),
      journal('mf', port.journalMf),
      journal('script', port.journalScript),
      journal('launch', port.journalLaunch),
    ]);
    servers.push(inbox, widget, mf, script, launch);
    const inboxUrl = urlOf(inbox);
    const widgetUrl = urlOf(widget);
    page.widgetUrl = widgetUrl;
    const origins = [
      ...[inbox, widget, mf, script].flatMap((server) => [urlOf(server), `http://localhost:${portOf(server)}`]),
      ...pageOrigins,
    ];

    const env = {
      ...process.env,
      HENVIS_TRUSTED_ISSUERS: JSON.stringify([tokens.trustedIssuer]),
      HENVIS_DEV_INBOX_URLS: `${inboxUrl},http://localhost:${portOf(inbox)}`,
      HENVIS_CORS_ORIGINS: process.env.HENVIS_CORS_ORIGINS ?? origins.join(','),
      // Two years of pilot history, so the coordinator's results show something (seeded once per store).
      HENVIS_DEMO_HISTORY: '1',
      // The launch page loads the widget's script build from here (the launch journal opens it).
      HENVIS_LAUNCH_WIDGET_URL: widgetUrl,
      ...apiEnv,
    };
    /** @param {number} apiPort */
    const startApi = (apiPort) =>
      startApiProcess({
        env: { ...env, PORT: String(apiPort) },
        ...(onApiOutput ? { onOutput: onApiOutput } : {}),
        ...(onApiExit ? { onExit: onApiExit } : {}),
      });
    api = await startApi(port.api);
    const apiUrl = api.url;
    page.apiUrl = apiUrl;

    return {
      apiUrl,
      widgetUrl,
      inboxUrl,
      journalUrl: { mf: urlOf(mf), script: urlOf(script), launch: urlOf(launch) },
      async stopApi() {
        await api?.stop();
        api = undefined;
      },
      async startApi() {
        api ??= await startApi(Number(new URL(apiUrl).port));
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
