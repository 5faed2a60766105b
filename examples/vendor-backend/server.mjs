// @ts-check
// A journal vendor's backend, as small as it gets: it serves the consultation page (page.html) and signs Henvis
// tokens for its logged-in user (here one fixed demo user; yours comes from your session).
//
//   node examples/vendor-backend/server.mjs      then put the printed JSON in the Henvis API's HENVIS_TRUSTED_ISSUERS
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { verifyWebhook } from '@henvis/sdk';
import { createTokenService } from './token-service.mjs';

const page = readFileSync(new URL('page.html', import.meta.url), 'utf8');

/** @typedef {import('./token-service.mjs').TokenService} TokenService */
/** @typedef {import('./token-service.mjs').VendorPractice} VendorPractice */
/** @typedef {import('./token-service.mjs').VendorUser} VendorUser */

/**
 * The demo user; a real journal takes them from its own login session.
 * @type {VendorUser}
 */
export const exampleUser = { id: 'gp-mette-holm', name: 'Mette Holm', role: 'doctor', authorisationId: '0C4F1' };
/** @type {VendorPractice} */
export const examplePractice = { id: '045678', name: 'Lægehuset Grenaa', ydernummer: '045678' };

/**
 * The vendor's backend: the consultation page, its token endpoint and, with a `webhookSecret`, the webhook route.
 * @param {object} options
 * @param {TokenService} options.tokens
 * @param {string} options.apiUrl
 * @param {string} options.widgetUrl
 * @param {string} [options.webhookSecret] The secret shared with Henvis (HENVIS_WEBHOOKS); without it the webhook route is off.
 * @param {(event: import('@henvis/sdk').LiveEvent) => void | Promise<void>} [options.onWebhook] Called once per event id with a verified event.
 * @returns {import('node:http').Server}
 */
export function createVendorServer({ tokens, apiUrl, widgetUrl, webhookSecret, onWebhook = () => {} }) {
  const html = page.replaceAll('{{API_URL}}', apiUrl).replaceAll('{{WIDGET_URL}}', widgetUrl);
  const handled = new Set(); // keep this in your database: each event id is processed once
  return createServer(async (req, res) => {
    // Henvis tells this backend what changed (status, messages, consents), signed with the shared secret.
    if (req.method === 'POST' && req.url === '/henvis/webhook' && webhookSecret) {
      let body = '';
      for await (const chunk of req) if ((body += chunk).length > 65536) return res.writeHead(413).end();
      const signature = req.headers['henvis-signature'];
      const verified = await verifyWebhook(body, typeof signature === 'string' ? signature : undefined, webhookSecret);
      if (!verified.ok) return res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ error: verified.reason }));
      if (!handled.has(verified.event.id)) {
        handled.add(verified.event.id);
        await onWebhook(verified.event); // e.g. fetch the referral with the SDK and file a note in the record
      }
      return res.writeHead(204).end();
    }
    if (req.method === 'GET' && req.url === '/') return res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
    if (req.method === 'POST' && req.url === '/henvis/token') {
      let body = '';
      for await (const chunk of req) if ((body += chunk).length > 4096) return res.writeHead(413).end();
      let patientCpr;
      try {
        ({ patientCpr } = JSON.parse(body || '{}'));
      } catch {
        // not JSON: answered below as a missing patientCpr
      }
      if (typeof patientCpr !== 'string')
        return res.writeHead(400, { 'content-type': 'application/json' }).end('{"error":"patientCpr missing"}');
      // Check here that the logged-in user has this patient's consultation open, then sign.
      const token = tokens.sign(exampleUser, examplePractice, patientCpr);
      return res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify({ token }));
    }
    res.writeHead(404).end();
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const tokens = createTokenService({
    issuer: process.env.VENDOR_ISSUER ?? 'https://journal.example',
    audience: 'henvis-api',
    keyFile: process.env.VENDOR_KEY_FILE ?? 'henvis-vendor-key.pem',
  });
  const port = Number(process.env.PORT ?? 4300);
  const server = createVendorServer({
    tokens,
    webhookSecret: process.env.WEBHOOK_SECRET,
    onWebhook: (event) => console.log(`webhook ${event.id}: ${event.type} on referral ${event.referralId}`),
    apiUrl: process.env.HENVIS_API_URL ?? 'http://127.0.0.1:4000',
    widgetUrl: process.env.HENVIS_WIDGET_URL ?? 'http://127.0.0.1:4001',
  });
  server.listen(port, '127.0.0.1', () => {
    console.log(`Your journal with Henvis: http://127.0.0.1:${port}`);
    console.log(`Trust this backend in the Henvis API: HENVIS_TRUSTED_ISSUERS='${JSON.stringify([tokens.trustedIssuer])}'`);
  });
}
