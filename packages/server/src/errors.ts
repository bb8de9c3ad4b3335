/**
 * The error catalogue: every error the API returns has a stable machine-readable `code`, an HTTP
 * status and a default message. Clients branch on `code`; messages may change.
 *
 * Wire shape: `{ "error": { "code", "message", "field"?, "issues"?, "requestId" } }` where `field` is
 * the dotted path of the offending input (`body.email`, `query.limit`, `params.userId`).
 */
export const errorCatalogue = {
  validation_failed: { status: 400, message: 'The request does not match the operation schema.' },
  malformed_json: { status: 400, message: 'The request body is not valid JSON.' },
  bad_request: { status: 400, message: 'The request cannot be processed.' },
  not_authenticated: { status: 401, message: 'Authentication is required.' },
  invalid_credentials: { status: 401, message: 'The email or password is wrong.' },
  forbidden: { status: 403, message: 'You do not have permission to do this.' },
  csrf_token_invalid: { status: 403, message: 'The CSRF token is missing or wrong.' },
  password_change_required: { status: 403, message: 'Change your one-time password first.' },
  not_found: { status: 404, message: 'Not found.' },
  route_not_found: { status: 404, message: 'No such route.' },
  method_not_allowed: { status: 405, message: 'Method not allowed.' },
  conflict: { status: 409, message: 'The request conflicts with the current state.' },
  already_exists: { status: 409, message: 'It already exists.' },
  body_too_large: { status: 413, message: 'The request body is larger than the configured limit.' },
  unsupported_media_type: { status: 415, message: 'Unsupported content type.' },
  unprocessable_media: { status: 422, message: 'The uploaded image or video cannot be decoded.' },
  idempotency_key_reused: {
    status: 422,
    message: 'This Idempotency-Key was already used for a different request.',
  },
  notifier_suspended: {
    status: 403,
    message: 'Processing of notices from this notifier is suspended (DSA Art. 23).',
  },
  case_claimed: { status: 409, message: 'Another reviewer holds this case.' },
  appeal_window_closed: { status: 409, message: 'The time to appeal this decision has passed.' },
  same_reviewer: {
    status: 403,
    message: 'An appeal is decided by a reviewer other than the one who decided.',
  },
  rate_limited: { status: 429, message: 'Too many requests; retry later.' },
  outbound_bad_url: {
    status: 422,
    message: 'The URL cannot be fetched: only absolute http and https URLs are.',
  },
  outbound_blocked_address: {
    status: 422,
    message:
      'The URL leads to a private, loopback, link-local or cloud-metadata address, which Vigie does not fetch.',
  },
  outbound_too_large: {
    status: 422,
    message: 'The remote content is larger than the configured fetch limit.',
  },
  outbound_failed: {
    status: 502,
    message: 'The remote server could not be reached or did not answer properly.',
  },
  outbound_timeout: { status: 504, message: 'The remote server did not answer within the configured time.' },
  evidence_on_legal_hold: { status: 409, message: 'The evidence item is under legal hold.' },
  delivery_not_failed: {
    status: 409,
    message: 'Only a webhook delivery that failed for good can be sent again.',
  },
  webhook_disabled: {
    status: 409,
    message: 'The webhook subscription is disabled: enable it before sending a delivery again.',
  },
  evidence_purged: {
    status: 410,
    message: 'The content of this evidence item was purged; its metadata and custody record remain.',
  },
  evidence_integrity_failed: {
    status: 500,
    message:
      'A stored evidence blob is missing or does not match its hash. The request id identifies it in the logs.',
  },
  language_pack_invalid: {
    status: 422,
    message: 'The language pack changes cannot be applied: see the issues, one per offending term.',
  },
  internal_error: { status: 500, message: 'Internal error. The request id identifies it in the logs.' },
  database_unavailable: { status: 503, message: 'The database is unreachable.' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof errorCatalogue;

export interface ErrorIssue {
  field: string;
  message: string;
}

/** An error meant for the caller. Anything else thrown becomes `internal_error`. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly field: string | undefined;
  readonly issues: ErrorIssue[] | undefined;

  constructor(code: ErrorCode, options: { message?: string; field?: string; issues?: ErrorIssue[] } = {}) {
    super(options.message ?? errorCatalogue[code].message);
    this.name = 'AppError';
    this.code = code;
    this.status = errorCatalogue[code].status;
    this.field = options.field;
    this.issues = options.issues;
  }
}

export const notFound = (what: string, field?: string) =>
  new AppError('not_found', { message: `${what} not found.`, ...(field ? { field } : {}) });
