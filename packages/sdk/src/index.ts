export { createHenvisClient } from './client.js';
export type { HenvisClient } from './client.js';
export { createApiRequest } from './api-request.js';
export { cacheToken } from './token-cache.js';
export type { CachedGetToken, CacheTokenOptions } from './token-cache.js';
export type { ApiRequest, Call, GetToken, HenvisClientOptions, RequestOptions } from './api-request.js';
export { referralApi } from './referral-api.js';
export type { ListReferralsOptions, ReferralApi } from './referral-api.js';
export { consentApi } from './consent-api.js';
export type { ConsentApi } from './consent-api.js';
export { who5Api } from './who5-api.js';
export type { Who5Api } from './who5-api.js';
export { courseApi } from './course-api.js';
export type { CourseApi } from './course-api.js';
export { catalogueApi } from './catalogue-api.js';
export type { CatalogueApi } from './catalogue-api.js';
export { resultsApi } from './results-api.js';
export type { ResultsApi } from './results-api.js';
export { auditApi } from './audit-api.js';
export type { AuditApi } from './audit-api.js';
/** The report of an HSDS import (from the contracts): what was added, updated and refused, row by row. */
export type { HsdsImportReport } from '@henvis/contracts';
export { subscribeToEvents } from './live-events.js';
/** What live events and webhooks carry (from the contracts). */
export type { LiveEvent, LiveEventType } from '@henvis/contracts';
export { verifyWebhook } from './webhook.js';
export type { WebhookVerification } from './webhook.js';
export type { LiveEvents, LiveEventsOptions } from './live-events.js';

export { HenvisError, isHenvisError } from './henvis-error.js';
/** The message of an error code for people, in Danish or English (from the contracts' error catalogue). */
export { errorMessage } from '@henvis/contracts';

export { createReferralOutbox } from './referral-outbox.js';
export type { QueuedReferral, ReferralOutbox, ReferralOutboxOptions } from './referral-outbox.js';

export { loadHenvis } from './load-henvis.js';
export type { LoadHenvisOptions } from './load-henvis.js';

export type {
  Henvis,
  HenvisCatchUp,
  HenvisContext,
  HenvisHandle,
  HenvisMountOptions,
  HenvisTheme,
  HenvisUpdate,
  HenvisView,
  HenvisWho5Options,
} from './embed.js';

export { henvisEventNames } from './events.js';
export type {
  ConsentRecordedPayload,
  ConsentWithdrawnPayload,
  ErrorPayload,
  HenvisEventMeta,
  HenvisEventName,
  OnConsentRecorded,
  OnConsentWithdrawn,
  OnError,
  OnReady,
  OnReferralQueued,
  OnReferralSent,
  OnStatusChanged,
  OnMessageReceived,
  OnMessageSent,
  OnWho5Recorded,
  ReadyPayload,
  ReferralQueuedPayload,
  ReferralSentPayload,
  StatusChangedPayload,
  MessageReceivedPayload,
  MessageSentPayload,
  Who5RecordedPayload,
} from './events.js';

export type { RetryPolicy } from './backoff.js';
