// Serves the navigators' inbox (packages/inbox/dist) and tells it where the API and the identity provider are.
import { fileURLToPath } from 'node:url';
import { serve } from './serve.mjs';

const root = fileURLToPath(new URL('../packages/inbox/dist', import.meta.url));

/**
 * The inbox on `port`. In development the identity provider is the API's own development issuer (`/oidc`); in
 * production, `issuer` and `clientId` are the organisation's (see docs/login.md).
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
    CLIENT_ID: clientId,
  };
  return serve({ root, port, replace });
}
