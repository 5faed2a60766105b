import { errorMessage, type FieldError, type HenvisErrorCode, type Locale } from '@henvis/contracts';

/**
 * An error from the Henvis API or the SDK, with a stable `code` (the same codes as the API's problem+json).
 * Its message is English; `messageIn('da')` gives the Danish text for people.
 */
export class HenvisError extends Error {
  override name = 'HenvisError';
  /** HTTP status, or 0 when no answer came. */
  readonly status: number;
  /** Invalid fields, for `validation_failed` and `invalid_query`. */
  readonly errors: FieldError[];

  constructor(
    readonly code: HenvisErrorCode,
    options: { status?: number; errors?: FieldError[]; detail?: string; cause?: unknown } = {},
  ) {
    super(options.detail ?? errorMessage(code, 'en'), { cause: options.cause });
    this.status = options.status ?? 0;
    this.errors = options.errors ?? [];
  }

  /** The message for people, in Danish or English. */
  messageIn(locale: Locale): string {
    return errorMessage(this.code, locale);
  }

  /** Whether the same request may succeed later: no answer, a server error, or a busy key. */
  get retryable(): boolean {
    return this.status === 0 ? this.code !== 'delivery_expired' : this.status >= 500 || this.code === 'idempotency_in_flight' || this.code === 'rate_limited';
  }
}

export function isHenvisError(error: unknown): error is HenvisError {
  return error instanceof HenvisError;
}
