import { signal } from '@preact/signals';
import { createHenvisClient, errorMessage, isHenvisError, type GetToken, type HenvisClient } from '@henvis/sdk';
import type { Auth } from './auth.js';
import type { InboxConfig } from './config.js';
import { locale } from './locale.js';

/** Set when the session ran out: the shell then asks the user to log in again, keeping the page they were on. */
export const sessionExpired = signal(false);

/** The signed-in navigator's token, renewed as needed, for the SDK's client and the widget's views. */
export function tokenOf(auth: Auth): GetToken {
  return async ({ refresh }) => {
    try {
      return await auth.accessToken(refresh);
    } catch (error) {
      // A network failure is not the end of the session; a refusal or no way to renew is.
      if (!auth.session()) {
        sessionExpired.value = true;
        throw new SessionExpired();
      }
      throw error;
    }
  };
}

/** The SDK's typed client, with the signed-in navigator's token. */
export function createInboxClient(config: InboxConfig, auth: Auth): HenvisClient {
  return createHenvisClient({ apiUrl: config.apiUrl, getToken: tokenOf(auth) });
}

class SessionExpired extends Error {
  override name = 'SessionExpired';
}

/** What to tell the user about a failed call, in their language (never the data that was sent). */
export function problemText(error: unknown): string {
  if (error instanceof SessionExpired) return locale.value === 'da' ? 'Din session er udløbet.' : 'Your session has expired.';
  if (isHenvisError(error)) {
    const fields = error.errors.map((e) => e.path).filter(Boolean);
    return errorMessage(error.code, locale.value) + (fields.length ? ` (${fields.join(', ')})` : '');
  }
  return locale.value === 'da' ? 'Noget gik galt. Prøv igen.' : 'Something went wrong. Please try again.';
}
