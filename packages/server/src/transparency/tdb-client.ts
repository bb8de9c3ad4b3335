/**
 * HTTP client for the EU Transparency Database submission API (spec §1.3): batches of 1–100
 * statements to `POST /api/v1/statements`, and `GET /api/v1/statement/existing-puid/{puid}` to learn
 * whether a statement was stored by an attempt whose answer we never saw. The token is sent only in
 * the Authorization header and never appears in errors.
 */
import type { TdbStatement } from './tdb-statement.ts';

export interface TdbSettings {
  /** API base, e.g. https://transparency.dsa.ec.europa.eu (with or without `/api/v1`). */
  apiUrl: string;
  token: string;
  timeoutMs?: number;
}

export const TDB_MAX_BATCH = 100;

/** VIGIE_TDB_API_URL and VIGIE_TDB_API_TOKEN; undefined when either is missing (TDB export is off). */
export function tdbSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): TdbSettings | undefined {
  const apiUrl = env.VIGIE_TDB_API_URL?.trim();
  const token = env.VIGIE_TDB_API_TOKEN?.trim();
  return apiUrl && token ? { apiUrl, token } : undefined;
}

function endpoint(settings: TdbSettings, path: string): string {
  const base = settings.apiUrl.replace(/\/+$/, '');
  return `${base.endsWith('/api/v1') ? base : `${base}/api/v1`}${path}`;
}

function headers(settings: TdbSettings): Record<string, string> {
  return {
    authorization: `Bearer ${settings.token}`,
    accept: 'application/json',
    'content-type': 'application/json',
  };
}

/** A failure worth retrying later (network, timeout, 429, 5xx, auth): nothing was stored. */
export class TdbUnavailableError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
  ) {
    super(message);
    this.name = 'TdbUnavailableError';
  }
}

export interface StoredStatement {
  puid: string;
  uuid: string | null;
  permalink: string | null;
}

export type BatchOutcome =
  /** 201: every statement stored. */
  | { kind: 'stored'; statements: StoredStatement[] }
  /** 422: none stored; `errors` by position in the batch (from the TDB's `statement_<n>` keys). */
  | { kind: 'rejected'; message: string; errors: Map<number, unknown> };

async function send(settings: TdbSettings, url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, {
      ...init,
      headers: headers(settings),
      redirect: 'manual',
      signal: AbortSignal.timeout(settings.timeoutMs ?? 30_000),
    });
  } catch (error) {
    const reason = error instanceof Error ? error.name : 'error';
    throw new TdbUnavailableError(`the Transparency Database could not be reached (${reason})`, null);
  }
}

async function jsonOf(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    return null;
  }
}

const stringOrNull = (value: unknown) => (typeof value === 'string' ? value : null);

function storedStatements(body: unknown): StoredStatement[] {
  const list = Array.isArray(body) ? body : (body as { statements?: unknown } | null)?.statements;
  if (!Array.isArray(list)) return [];
  return list.flatMap((item) => {
    const record = item as Record<string, unknown> | null;
    const puid = stringOrNull(record?.puid);
    return puid === null
      ? []
      : [{ puid, uuid: stringOrNull(record?.uuid), permalink: stringOrNull(record?.permalink) }];
  });
}

export async function postStatementBatch(
  settings: TdbSettings,
  statements: TdbStatement[],
): Promise<BatchOutcome> {
  if (statements.length < 1 || statements.length > TDB_MAX_BATCH) {
    throw new RangeError(`a TDB batch holds 1 to ${TDB_MAX_BATCH} statements, not ${statements.length}`);
  }
  const response = await send(settings, endpoint(settings, '/statements'), {
    method: 'POST',
    body: JSON.stringify({ statements }),
  });
  const body = await jsonOf(response);
  if (response.status === 201) return { kind: 'stored', statements: storedStatements(body) };
  if (response.status === 422) {
    const record = (body ?? {}) as { message?: unknown; errors?: Record<string, unknown> };
    const errors = new Map<number, unknown>();
    for (const [key, value] of Object.entries(record.errors ?? {})) {
      const match = /^statement_(\d+)$/.exec(key);
      if (match) errors.set(Number(match[1]), value);
    }
    return { kind: 'rejected', message: stringOrNull(record.message) ?? 'validation failed', errors };
  }
  throw new TdbUnavailableError(`the Transparency Database answered ${response.status}`, response.status);
}

/** Whether the TDB already holds a statement with this puid (302 found, 404 not found). */
export async function puidExists(settings: TdbSettings, puid: string): Promise<boolean> {
  const response = await send(
    settings,
    endpoint(settings, `/statement/existing-puid/${encodeURIComponent(puid)}`),
    {
      method: 'GET',
    },
  );
  await response.body?.cancel();
  if (response.status === 302) return true;
  if (response.status === 404) return false;
  throw new TdbUnavailableError(`the Transparency Database answered ${response.status}`, response.status);
}

/** The TDB's duplicate-puid refusal ("The identifier given is not unique within this platform."). */
export function isDuplicatePuidError(error: unknown): boolean {
  return /not unique/i.test(JSON.stringify(error ?? ''));
}
