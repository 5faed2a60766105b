// @ts-check
// Opening Henvis from your journal with a signed launch (the third host style; docs/sdk.md, "Opened from the
// journal"): when the GP presses "Social henvisning", your journal posts to your backend, which signs a launch token
// (launch+jwt, 60 seconds, a fresh jti, for the patient of the open consultation) and answers with a form that posts
// it to the Henvis launch URL at once. Henvis opens its own page with the widget; the token never goes into a URL.
// Copy these two handlers (node:http's (req, res)) into your backend.

/** @typedef {import('./token-service.mjs').TokenService} TokenService */
/** @typedef {import('./token-service.mjs').VendorUser} VendorUser */
/** @typedef {import('./token-service.mjs').VendorPractice} VendorPractice */
/** @typedef {import('./token-service.mjs').VendorPatient} VendorPatient */
/** @typedef {import('./token-service.mjs').LaunchOptions} LaunchOptions */
/** @typedef {(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => unknown} Handler */

/**
 * The consultation of the user who asked: from your own login session, never from the request's parameters.
 * @typedef {object} Consultation
 * @property {VendorUser} user
 * @property {VendorPractice} practice
 * @property {VendorPatient} patient
 */

/** @param {string} value */
const escapeHtml = (value) => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Where the form page's script is served: it submits the form as soon as the page is there. */
export const LAUNCH_SUBMIT_SCRIPT = '/henvis/launch-submit.js';

/** The script of the form page; a script file of its own, so your page's CSP needs no 'unsafe-inline'. */
const submitScript = "document.getElementById('henvis-launch').submit();\n";

/**
 * The page that carries the launch token to Henvis: a form posted by its script at once, or by its button if
 * scripts are off. `form-action` lets it post to Henvis only.
 * @param {string} launchUrl
 * @param {string} token
 */
export function launchFormPage(launchUrl, token) {
  return `<!doctype html>
<html lang="da">
<head>
<meta charset="utf-8">
<meta name="robots" content="noindex">
<title>Åbner Henvis …</title>
<script src="${LAUNCH_SUBMIT_SCRIPT}" defer></script>
</head>
<body>
<form id="henvis-launch" method="post" action="${escapeHtml(launchUrl)}">
<input type="hidden" name="launch" value="${escapeHtml(token)}">
<p>Åbner Henvis … <button type="submit">Åbn Henvis</button></p>
</form>
</body>
</html>`;
}

/**
 * `POST /henvis/launch` → the form page with a fresh launch token for the user's open consultation, and
 * `GET /henvis/launch-submit.js` → its script.
 * @param {object} options
 * @param {TokenService} options.tokens
 * @param {() => string} options.launchUrl The Henvis launch URL: `<the Henvis API's public URL>/launch`.
 * @param {(req: import('node:http').IncomingMessage, form: URLSearchParams) => Consultation | Promise<Consultation>} options.consultationOf
 *   Who is logged in and which consultation is open; the form is what the journal's button posted.
 * @param {(form: URLSearchParams, req: import('node:http').IncomingMessage) => LaunchOptions} [options.optionsOf] The
 *   launched page's look.
 * @returns {{ launch: Handler, submitScript: Handler }}
 */
export function launchHandlers({ tokens, launchUrl, consultationOf, optionsOf = () => ({}) }) {
  return {
    async launch(req, res) {
      let body = '';
      for await (const chunk of req) if ((body += chunk).length > 4096) return res.writeHead(413).end();
      const form = new URLSearchParams(body);
      const { user, practice, patient } = await consultationOf(req, form);
      const to = launchUrl();
      const token = tokens.signLaunch(user, practice, patient, { ...optionsOf(form, req), launchUrl: to });
      res.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        // The token lives 60 seconds and is taken once: it is neither cached nor referred on.
        'cache-control': 'no-store',
        'referrer-policy': 'no-referrer',
        'content-security-policy': `default-src 'none'; script-src 'self'; form-action ${new URL(to).origin}; frame-ancestors 'none'`,
      });
      return res.end(launchFormPage(to, token));
    },
    submitScript(_req, res) {
      return res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-cache' }).end(submitScript);
    },
  };
}
