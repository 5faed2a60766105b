import { HenvisError, consentApi, who5Api, type ApiRequest, type ConsentApi, type Who5Api } from '@henvis/sdk';

/** The calls of the WHO-5 form; it reads the consents only to warn before the citizen answers. */
export type Who5Calls = Who5Api & Pick<ConsentApi, 'listConsents'>;

export const consentCalls = (request: ApiRequest): ConsentApi => consentApi(request);

export const who5Calls = (request: ApiRequest): Who5Calls => ({ ...who5Api(request), listConsents: consentApi(request).listConsents });

/** Any failure as a `HenvisError`: a stable code to report to the host, and a message for people. */
export const asHenvisError = (error: unknown) =>
  error instanceof HenvisError ? error : new HenvisError('unexpected_response', { cause: error });
