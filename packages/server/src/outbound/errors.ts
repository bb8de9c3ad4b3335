/** Failures of an outbound fetch, each with a stable code the callers map to API errors. */
export type OutboundErrorCode =
  | 'outbound_bad_url'
  | 'outbound_blocked_address'
  | 'outbound_dns_failed'
  | 'outbound_connection_failed'
  | 'outbound_timeout'
  | 'outbound_too_large'
  | 'outbound_too_many_redirects';

export class OutboundError extends Error {
  readonly code: OutboundErrorCode;
  /** The URL of the hop that failed (after redirects, the redirect target). */
  readonly url: string;

  constructor(code: OutboundErrorCode, url: string, message: string) {
    super(message);
    this.name = 'OutboundError';
    this.code = code;
    this.url = url;
  }
}
