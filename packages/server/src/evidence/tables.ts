/** Table types of the evidence vault (migration 0005-evidence), merged into `Database`. */
import type { Generated } from 'kysely';

export interface EvidenceItemTable {
  id: string;
  org_id: string;
  case_id: string | null;
  /** Items captured together (a page, its headers, screenshot and resources) share this id. */
  capture_id: string;
  kind: string;
  role: string;
  source_url: string | null;
  file_name: string;
  captured_at: number;
  captured_by: string;
  captured_from: string;
  tool: string;
  tool_version: string;
  /** JSON: user agent, final URL, status, redirects, remote address of a capture. */
  capture_env: string;
  sha256: string;
  pdq: string | null;
  size: number;
  media_type: string;
  storage_key: string;
  legal_hold_at: number | null;
  retention_until: number | null;
  purged_at: number | null;
  custody_seq: number;
  custody_hash: string;
}

export interface EvidenceCustodyTable {
  id: Generated<number>;
  org_id: string;
  item_id: string;
  seq: number;
  at: number;
  actor_type: string;
  actor_id: string;
  action: string;
  request_id: string | null;
  details: string;
  prev_hash: string;
  hash: string;
}

export interface EvidenceLivenessCheckTable {
  id: string;
  org_id: string;
  item_id: string;
  delay_ms: number;
  checked_at: number;
  outcome: string;
  http_status: number | null;
  final_url: string | null;
  sha256: string | null;
  pdq_distance: number | null;
  error_code: string | null;
}

declare module '../storage/schema.ts' {
  interface Database {
    evidence_items: EvidenceItemTable;
    evidence_custody: EvidenceCustodyTable;
    evidence_liveness_checks: EvidenceLivenessCheckTable;
  }
}
