// @ts-check
// The three demo journals, as their vendors' systems would know them: each has its practice and logged-in GP, a
// token endpoint that signs for them (a real journal system takes user, practice and patient from its own
// session), and its pages; the launch journal signs a launch token instead and posts it to Henvis. Used by the
// README's start command and by the end-to-end tests.
import { fileURLToPath } from 'node:url';
import { launchHandlers, LAUNCH_SUBMIT_SCRIPT } from '@henvis/example-vendor-backend/launch';
import { readJson, serve } from './serve.mjs';

/** @typedef {import('@henvis/example-vendor-backend').TokenService} TokenService */
/** @typedef {import('@henvis/example-vendor-backend').VendorPractice} VendorPractice */
/** @typedef {import('@henvis/example-vendor-backend').VendorUser} VendorUser */
/** @typedef {import('@henvis/example-vendor-backend').VendorPatient} VendorPatient */

/**
 * A demo journal: where its pages are, its practice and its logged-in GP, and the open consultation's patient as
 * its backend knows them (the launch journal's backend signs for them; the others' pages hand the widget theirs).
 * @typedef {object} DemoJournal
 * @property {string} root
 * @property {VendorPractice} practice
 * @property {VendorUser} user
 * @property {VendorPatient} patient
 */

/** @typedef {'script' | 'mf' | 'launch'} DemoJournalName */

const hosts = fileURLToPath(new URL('../hosts/', import.meta.url));

/** @type {Record<DemoJournalName, DemoJournal>} */
export const demoJournals = {
  /** hosts/journal-script: a desktop journal's browser control, one script tag. */
  script: {
    root: `${hosts}journal-script`,
    practice: { id: '045678', name: 'Lægehuset Grenaa', ydernummer: '045678', sorCode: '481471000016004' },
    user: { id: 'gp-mette-holm', name: 'Mette Holm', role: 'doctor', authorisationId: '0C4F1' },
    patient: { cpr: '010190-2345', name: 'Karen Jensen', contact: { phone: '+45 20 30 40 50' } },
  },
  /** hosts/journal-mf: a web journal built with rspack, consuming the Module Federation remote. */
  mf: {
    root: `${hosts}journal-mf/dist`,
    practice: { id: '045679', name: 'Lægerne i Auning', ydernummer: '045679', sorCode: '481471000016005' },
    user: { id: 'gp-peter-dahl', name: 'Peter Dahl', role: 'doctor', authorisationId: '3F8P4' },
    patient: { cpr: '120356-1039', name: 'Poul Nielsen', contact: { phone: '+45 86 48 12 34' } },
  },
  /** hosts/journal-launch: a journal that opens Henvis in a window of its own with a signed launch token. */
  launch: {
    root: `${hosts}journal-launch`,
    practice: { id: '045679', name: 'Lægerne i Auning', ydernummer: '045679', sorCode: '481471000016005' },
    user: { id: 'gp-hanne-bech', name: 'Hanne Bech', role: 'doctor', authorisationId: '5H2R7' },
    patient: { cpr: '230348-1442', name: 'Birthe Lund', contact: { phone: '+45 86 12 34 56' } },
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
    routes: name === 'launch' ? launchRoutes(options, journal) : { 'POST /henvis/token': tokenRoute(options.tokens, journal) },
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

/**
 * The launch journal's backend: `POST /henvis/launch` signs a launch token for its GP and the consultation's patient
 * and answers with the form that posts it to the Henvis launch URL (examples/vendor-backend/launch.mjs). The page's
 * checkbox leaves the patient banner out; the journal's look for the Henvis page is its henvis-look.css.
 * @param {{ tokens: TokenService, apiUrl: string }} options
 * @param {DemoJournal} journal
 * @returns {Record<string, import('./serve.mjs').Route>}
 */
function launchRoutes(options, { user, practice, patient }) {
  const handlers = launchHandlers({
    tokens: options.tokens,
    launchUrl: () => `${options.apiUrl}/launch`,
    // A real journal takes the user and the open consultation from its login session.
    consultationOf: () => ({ user, practice, patient }),
    optionsOf: (form, req) => ({
      needPatientBanner: form.get('banner') !== 'hide',
      styleUrl: `http://${req.headers.host ?? '127.0.0.1'}/henvis-look.css`,
    }),
  });
  return { 'POST /henvis/launch': handlers.launch, [`GET ${LAUNCH_SUBMIT_SCRIPT}`]: handlers.submitScript };
}
