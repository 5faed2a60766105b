export { consentMethods, createApiRequest, createHenvisClient, referralMethods, who5Methods } from './client.js';
export type { ApiRequest, Call, GetToken, HenvisClient, HenvisClientOptions, ListReferralsOptions, RequestOptions } from './client.js';

export { HenvisError, isHenvisError } from './henvis-error.js';

export { createReferralOutbox } from './referral-outbox.js';
export type { QueuedReferral, ReferralOutbox, ReferralOutboxOptions } from './referral-outbox.js';

export { loadHenvis } from './load-henvis.js';
export type { LoadHenvisOptions } from './load-henvis.js';

export type { Henvis, HenvisHandle, HenvisMountOptions, HenvisTheme, HenvisUpdate, HenvisView, HenvisWho5Options } from './embed.js';

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
  OnWho5Recorded,
  ReadyPayload,
  ReferralQueuedPayload,
  ReferralSentPayload,
  StatusChangedPayload,
  Who5RecordedPayload,
} from './events.js';

export type { RetryPolicy } from './backoff.js';
