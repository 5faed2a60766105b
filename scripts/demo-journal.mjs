// @ts-check
// The two demo journals, as their vendors' systems would know them: each has its practice and logged-in GP, a
// token endpoint that signs for them (a real journal system takes user, practice and patient from its own
// session), and its pages. Used by the README's start command and by the end-to-end tests.
import { fileURLToPath } from 'node:url';
import { readJson, serve } from './serve.mjs';

/** @typedef {import('@henvis/example-vendor-backend').TokenService} TokenService */
/** @typedef {import('@henvis/example-vendor-backend').VendorPractice} VendorPractice */
/** @typedef {import('@henvis/example-vendor-backend').VendorUser} VendorUser */

/**
 * A demo journal: where its pages are, its practice and its logged-in GP.
 * @typedef {object} DemoJournal
 * @property {string} root
 * @property {VendorPractice} practice
 * @property {VendorUser} user
 */

/** @typedef {'script' | 'mf'} DemoJournalName */

const hosts = fileURLToPath(new URL('../hosts/', import.meta.url));

/** @type {Record<DemoJournalName, DemoJournal>} */
export const demoJournals = {
  /** hosts/journal-script: a desktop journal's browser control, one script tag. */
  script: {
    root: `${hosts}journal-script`,
    practice: { id: '045678', name: 'Lægehuset Grenaa', ydernummer: '045678', sorCode: '481471000016004' },
    user: { id: 'gp-mette-holm', name: 'Mette Holm', role: 'doctor', authorisationId: '0C4F1' },
  },
  /** hosts/journal-mf: a web journal built with rspack, consuming the Module Federation remote. */
  mf: {
    root: `${hosts}journal-mf/dist`,
    practice: { id: '045679', name: 'Lægerne i Auning', ydernummer: '045679', sorCode: '481471000016005' },
    user: { id: 'gp-peter-dahl', name: 'Peter Dahl', role: 'doctor', authorisationId: '3F8P4' },
  },
};

/**
 * POST /henvis/token { patientCpr } → { token } for the journal's GP and practice.
 * @param {TokenService} tokens
 * @param {Pick<DemoJournal, 'practice' | 'user'>} journal
 * @returns {import('./serve.mjs').Route}
 */
export function tokenRoute(tokens, { practice, user }) {
  return async (req, res) => {
    try {
      const body = /** @type {{ patientCpr?: unknown } | null} */ (await readJson(req));
      const patientCpr = body?.patientCpr;
      if (typeof patientCpr !== 'string') throw new Error('patientCpr missing');
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(JSON.stringify({ token: tokens.sign(user, practice, patientCpr) }));
    } catch {
      res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'send { "patientCpr": "DDMMYY-SSSS" }' }));
    }
  };
}

/**
 * Serves one demo journal on `port` (0: any free port), pointing its page at the API and the widget's files. Both
 * URLs are read per request, so `options` may give them by getters once known (the demo starts its pages before
 * the API, which must know their origins).
 * @param {DemoJournalName} name
 * @param {{ tokens: TokenService, port: number, apiUrl: string, widgetUrl: string }} options
 * @returns {Promise<import('node:http').Server>}
 */
export function serveJournal(name, options) {
  const journal = demoJournals[name];
  return serve({
    root: journal.root,
    port: options.port,
    routes: { 'POST /henvis/token': tokenRoute(options.tokens, journal) },
    replace: {
      get API_URL() {
        return options.apiUrl;
      },
      get WIDGET_URL() {
        return options.widgetUrl;
      },
    },
  });
}
