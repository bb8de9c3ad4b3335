/**
 * The console's HTTP client for the Vigie API. It sends the session cookie, adds the CSRF token to
 * state-changing requests, and turns every failure into an `ApiError` carrying the API's stable
 * `code` and the offending `field`, so forms can put the message next to the right input.
 */

export interface ApiIssue {
  field: string;
  message: string;
}

/** Codes the client itself produces, beside the API's catalogue (`invalid_credentials`, …). */
export type ClientErrorCode = 'network_error' | 'bad_response';

export class ApiError extends Error {
  readonly code: string;
  readonly status: number;
  /** Dotted path of the offending input as the API names it, e.g. `body.email`. */
  readonly field: string | undefined;
  readonly issues: readonly ApiIssue[];
  readonly requestId: string | undefined;

  constructor(init: {
    code: string;
    message: string;
    status: number;
    field?: string | undefined;
    issues?: readonly ApiIssue[];
    requestId?: string | undefined;
  }) {
    super(init.message);
    this.name = 'ApiError';
    this.code = init.code;
    this.status = init.status;
    this.field = init.field;
    this.issues = init.issues ?? [];
    this.requestId = init.requestId;
  }

  /** Input names (`email`, `newPassword`) mapped to the error code to show beside each of them. */
  fieldCodes(): Record<string, string> {
    const byField: Record<string, string> = {};
    for (const issue of this.issues) byField[inputName(issue.field)] ??= this.code;
    if (this.field) byField[inputName(this.field)] = this.code;
    return byField;
  }
}

/** `body.newPassword` → `newPassword`; `body.permissions.0` → `permissions`. */
export function inputName(field: string): string {
  const parts = field.split('.');
  const start = parts[0] === 'body' || parts[0] === 'query' || parts[0] === 'params' ? 1 : 0;
  return parts[start] ?? field;
}

export type Query = Record<string, string | number | undefined>;

export interface ApiClientOptions {
  /** Origin and prefix of the API; '' means the page's own origin. */
  baseUrl?: string;
  fetch?: typeof fetch;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export class ApiClient {
  private csrfToken: string | null = null;
  private readonly baseUrl: string;
  private readonly fetchImpl: typeof fetch;
  private readonly failureListeners = new Set<(error: ApiError) => void>();

  constructor(options: ApiClientOptions = {}) {
    this.baseUrl = options.baseUrl ?? '';
    // Bound so a plain `fetch` keeps its `window` receiver.
    this.fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis);
  }

  /** The token from login or session; sent as `x-csrf-token` on every unsafe request. */
  setCsrfToken(token: string | null): void {
    this.csrfToken = token;
  }

  /** Called for every failed request, e.g. to send the user back to login on `not_authenticated`. */
  onFailure(listener: (error: ApiError) => void): () => void {
    this.failureListeners.add(listener);
    return () => this.failureListeners.delete(listener);
  }

  get<T>(path: string, query?: Query): Promise<T> {
    return this.request<T>('GET', withQuery(path, query));
  }

  post<T>(path: string, body?: unknown): Promise<T> {
    return this.request<T>('POST', path, body);
  }

  patch<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('PATCH', path, body);
  }

  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    // A multipart upload (FormData) goes as it is: the browser writes its content-type and boundary.
    const multipart = body instanceof FormData;
    if (body !== undefined && !multipart) headers['content-type'] = 'application/json';
    if (!SAFE_METHODS.has(method) && this.csrfToken) headers['x-csrf-token'] = this.csrfToken;
    let response: Response;
    try {
      response = await this.fetchImpl(this.baseUrl + path, {
        method,
        headers,
        credentials: 'same-origin',
        ...(body === undefined ? {} : { body: multipart ? body : JSON.stringify(body) }),
      });
    } catch (cause) {
      throw this.fail(new ApiError({ code: 'network_error', status: 0, message: String(cause) }));
    }
    const payload = await readJson(response);
    if (response.ok) {
      if (payload === undefined) throw this.fail(badResponse(response));
      return payload as T;
    }
    throw this.fail(toApiError(response, payload));
  }

  private fail(error: ApiError): ApiError {
    for (const listener of this.failureListeners) listener(error);
    return error;
  }
}

function withQuery(path: string, query: Query | undefined): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query))
    if (value !== undefined && value !== '') params.set(key, String(value));
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function badResponse(response: Response): ApiError {
  return new ApiError({
    code: 'bad_response',
    status: response.status,
    message: `Unexpected response (HTTP ${response.status}).`,
  });
}

function toApiError(response: Response, payload: unknown): ApiError {
  const error = (payload as { error?: unknown } | undefined)?.error;
  if (!error || typeof error !== 'object') return badResponse(response);
  const { code, message, field, issues, requestId } = error as Record<string, unknown>;
  if (typeof code !== 'string') return badResponse(response);
  return new ApiError({
    code,
    status: response.status,
    message: typeof message === 'string' ? message : code,
    field: typeof field === 'string' ? field : undefined,
    issues: Array.isArray(issues) ? issues.filter(isIssue) : [],
    requestId: typeof requestId === 'string' ? requestId : undefined,
  });
}

function isIssue(value: unknown): value is ApiIssue {
  const issue = value as Partial<ApiIssue> | null;
  return typeof issue?.field === 'string' && typeof issue.message === 'string';
}
