/** Stable machine-readable codes for every error this package throws. */
export type MatchingErrorCode =
  'invalid_hash' | 'invalid_radius' | 'invalid_option' | 'unknown_id' | 'unsupported_signal_type';

/** Typed error with a stable `code`, so callers branch on the code rather than the message. */
export class MatchingError extends Error {
  readonly code: MatchingErrorCode;

  constructor(code: MatchingErrorCode, message: string) {
    super(message);
    this.name = 'MatchingError';
    this.code = code;
  }
}
