/** The evidence vault's API objects and operations (`/api/v1/evidence`). */
import { ApiError, type ApiClient } from '../api/client.ts';

/** One stored artefact with its Berkeley Protocol metadata (`EvidenceItem` in the API). */
export interface VaultItem {
  id: string;
  caseId: string | null;
  captureId: string;
  kind: 'url-capture' | 'upload';
  role: 'page' | 'headers' | 'screenshot' | 'resource' | 'file';
  sourceUrl: string | null;
  fileName: string;
  capturedAt: number;
  capturedBy: string;
  capturedFrom: string;
  tool: string;
  toolVersion: string;
  captureEnv: Record<string, unknown>;
  sha256: string;
  pdq: string | null;
  size: number;
  mediaType: string;
  legalHoldAt: number | null;
  retentionUntil: number | null;
  purgedAt: number | null;
  custodyEntries: number;
  custodyHeadHash: string;
}

export interface CustodyEntry {
  seq: number;
  at: number;
  actorType: string;
  actorId: string;
  action: string;
  requestId: string | null;
  /** JSON text exactly as hashed. */
  details: string;
  prevHash: string;
  hash: string;
}

export interface CustodyLog {
  entries: CustodyEntry[];
  intact: boolean;
  problem: string | null;
}

export const livenessOutcomes = [
  'online_same',
  'online_similar',
  'online_changed',
  'removed',
  'restricted',
  'unavailable',
  'unreachable',
  'refused',
] as const;
export type LivenessOutcome = (typeof livenessOutcomes)[number];

export interface LivenessCheck {
  delayMs: number;
  afterDays: number;
  checkedAt: number;
  outcome: LivenessOutcome;
  stillOnline: boolean;
  httpStatus: number | null;
  finalUrl: string | null;
  sameContent: boolean;
  pdqDistance: number | null;
  errorCode: string | null;
}

const segment = encodeURIComponent;

/** Where an item's bytes are served (as an attachment; every request is logged in its custody). */
export const evidenceContentPath = (itemId: string) => `/api/v1/evidence/${segment(itemId)}/content`;

export function evidenceApi(client: ApiClient) {
  const item = (itemId: string) => `/api/v1/evidence/${segment(itemId)}`;
  return {
    evidenceItems: (query: { caseId?: string; captureId?: string; limit?: number }) =>
      client.get<{ items: VaultItem[] }>('/api/v1/evidence', query),
    evidenceItem: (itemId: string) => client.get<{ item: VaultItem }>(item(itemId)),
    evidenceCustody: (itemId: string) => client.get<CustodyLog>(`${item(itemId)}/custody`),
    evidenceLiveness: (itemId: string) => client.get<{ checks: LivenessCheck[] }>(`${item(itemId)}/liveness`),
    captureEvidence: (body: { url: string; caseId?: string }) =>
      client.post<{ items: VaultItem[] }>('/api/v1/evidence/captures', body),
    uploadEvidence: (file: File, caseId?: string) => {
      const form = new FormData();
      if (caseId) form.append('caseId', caseId);
      form.append('file', file);
      return client.request<{ item: VaultItem }>('POST', '/api/v1/evidence/uploads', form);
    },
    setEvidenceHold: (itemId: string, body: { legalHold?: boolean; retentionUntil?: number | null }) =>
      client.request<{ item: VaultItem }>('PUT', `${item(itemId)}/hold`, body),
    purgeEvidence: (itemId: string, reason: string) =>
      client.post<{ item: VaultItem }>(`${item(itemId)}/purge`, { reason }),
  };
}

/**
 * The first `maxBytes` of an item's content decoded as UTF-8, for showing text items as text. A plain
 * GET: the content endpoint answers raw bytes, not JSON. Logged in the item's custody as a view.
 */
export async function readEvidenceText(itemId: string, maxBytes: number): Promise<string> {
  const response = await fetch(evidenceContentPath(itemId), { credentials: 'same-origin' });
  if (!response.ok) throw new ApiError({ code: 'bad_response', status: response.status, message: 'content' });
  const bytes = new Uint8Array(await response.arrayBuffer());
  return new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, maxBytes));
}
