import { createApiRequest, type HenvisClientOptions } from './api-request.js';
import { auditApi, type AuditApi } from './audit-api.js';
import { catalogueApi, type CatalogueApi } from './catalogue-api.js';
import { consentApi, type ConsentApi } from './consent-api.js';
import { courseApi, type CourseApi } from './course-api.js';
import { referralApi, type ReferralApi } from './referral-api.js';
import { resultsApi, type ResultsApi } from './results-api.js';
import { who5Api, type Who5Api } from './who5-api.js';

export type { GetToken, HenvisClientOptions, RequestOptions } from './api-request.js';
export type { ListReferralsOptions } from './referral-api.js';

/**
 * A typed client of the Henvis API. Every method rejects with a `HenvisError`. Each group of methods is its own
 * interface, with its own factory over one request core (`referralApi(createApiRequest(options))`), for code that
 * needs only some of them.
 */
export interface HenvisClient extends ReferralApi, ConsentApi, Who5Api, CourseApi, CatalogueApi, ResultsApi, AuditApi {}

export function createHenvisClient(options: HenvisClientOptions): HenvisClient {
  const request = createApiRequest(options);
  return {
    ...referralApi(request),
    ...consentApi(request),
    ...who5Api(request),
    ...courseApi(request),
    ...catalogueApi(request),
    ...resultsApi(request),
    ...auditApi(request),
  };
}
