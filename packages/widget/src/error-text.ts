import { clientErrorCatalog, type ClientErrorCode, type Locale } from '@henvis/contracts';
import type { HenvisError } from '@henvis/sdk';

/**
 * The message of an error for people, in the widget's language. The SDK's own errors (no connection, no answer)
 * are at hand; the API's messages load with the first error that needs them, so no view pays for the whole
 * catalogue before something goes wrong. Should even that fail, the API's own (English) title is shown.
 */
export async function errorText(error: HenvisError, locale: Locale): Promise<string> {
  if (error.code in clientErrorCatalog) return clientErrorCatalog[error.code as ClientErrorCode][locale];
  try {
    const { errorMessage } = await import(/* webpackChunkName: "error-messages" */ './error-messages.js');
    return errorMessage(error.code, locale);
  } catch {
    return error.message;
  }
}
