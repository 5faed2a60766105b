// @ts-check
// Serves the navigators' inbox (packages/inbox/dist) and tells it where the API and the identity provider are.
import { fileURLToPath } from 'node:url';
import { serve } from './serve.mjs';

const root = fileURLToPath(new URL('../packages/inbox/dist', import.meta.url));

/**
 * The inbox on `port`; `widgetUrl` (the widget's files) lets a course show the consent and WHO-5 views. In
 * development the identity provider is the API's own development issuer (`/oidc`); in production, `issuer` and
 * `clientId` are the organisation's (see docs/login.md). The page reads `options` each time it is served, so a
 * getter may give a URL known only later.
 * @param {object} options
 * @param {number} options.port 0: any free port.
 * @param {string} options.apiUrl
 * @param {string} [options.widgetUrl]
 * @param {string} [options.issuer]
 * @param {string} [options.clientId]
 * @returns {Promise<import('node:http').Server>}
 */
export function serveInbox(options) {
  const { port, clientId = 'henvis-inbox' } = options;
  // Read per request: the end-to-end stack learns the API's URL only after the inbox listens.
  const replace = {
    get API_URL() {
      return options.apiUrl;
    },
    get ISSUER() {
      return options.issuer ?? `${options.apiUrl}/oidc`;
    },
    // For the page's Content-Security-Policy: the token endpoint is called from the page.
    get ISSUER_ORIGIN() {
      return new URL(options.issuer ?? `${options.apiUrl}/oidc`).origin;
    },
    CLIENT_ID: clientId,
    get WIDGET_URL() {
      return options.widgetUrl ?? '';
    },
  };
  return serve({ root, port, replace });
}
