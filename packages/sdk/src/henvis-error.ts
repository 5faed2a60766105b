import { clientErrorCatalog, type ClientErrorCode, type FieldError, type HenvisErrorCode } from '@henvis/contracts';

/** The SDK's own errors that no retry mends: the queue gave up, or the page asked for two widget builds. */
const notRetryable = new Set<HenvisErrorCode>(['delivery_expired', 'delivery_cancelled', 'loader_url_conflict']);

/**
 * An error from the Henvis API or the SDK, with a stable `code` (the same codes as the API's problem+json). Its
 * message is English, for developers and logs; `errorMessage(error.code, 'da')` gives the text for people. (The
 * messages are not on the error itself so that code which only handles errors, like the widget's first chunk,
 * does not carry every message in two languages.)
 */
export class HenvisError extends Error {
  override name = 'HenvisError';
  /** HTTP status, or 0 when no answer came. */
  readonly status: number;
  /** Invalid fields, for `validation_failed` and `invalid_query`. */
  readonly errors: FieldError[];

  constructor(
    readonly code: HenvisErrorCode,
    options: { status?: number; errors?: FieldError[]; title?: string; detail?: string; cause?: unknown } = {},
  ) {
    super(options.detail ?? options.title ?? (code in clientErrorCatalog ? clientErrorCatalog[code as ClientErrorCode].en : code), {
      cause: options.cause,
    });
    this.status = options.status ?? 0;
    this.errors = options.errors ?? [];
  }

  /** Whether the same request may succeed later: no answer, a server error, or a busy key. */
  get retryable(): boolean {
    return this.status === 0
      ? !notRetryable.has(this.code)
      : this.status >= 500 || this.code === 'idempotency_in_flight' || this.code === 'rate_limited';
  }
}

export function isHenvisError(error: unknown): error is HenvisError {
  return error instanceof HenvisError;
}
