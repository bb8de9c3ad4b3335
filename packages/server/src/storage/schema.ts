/**
 * Table types for Kysely. Conventions, the same on both dialects:
 * - ids are text (UUIDs or content hashes);
 * - times are integer epoch milliseconds (`bigint` on PostgreSQL, parsed back to number);
 * - structured values are JSON text, parsed by the module that owns the table;
 * - flags are nullable timestamps (`revoked_at`) rather than booleans, which the dialects disagree on.
 */
import type { Generated } from 'kysely';

export interface OrganisationTable {
  id: string;
  slug: string;
  name: string;
  settings: string;
  created_at: number;
}

export interface UserTable {
  id: string;
  org_id: string;
  email: string;
  display_name: string;
  role: string;
  password_hash: string;
  must_change_password: number;
  languages: string;
  created_at: number;
  disabled_at: number | null;
}

export interface SessionTable {
  id: string;
  user_id: string;
  org_id: string;
  csrf_token: string;
  created_at: number;
  expires_at: number;
}

export interface ApiKeyTable {
  id: string;
  org_id: string;
  name: string;
  prefix: string;
  key_hash: string;
  permissions: string;
  created_by: string;
  created_at: number;
  revoked_at: number | null;
  last_used_at: number | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  org_id: string;
  seq: number;
  at: number;
  actor_type: string;
  actor_id: string;
  action: string;
  target_type: string;
  target_id: string;
  request_id: string | null;
  details: string;
  prev_hash: string;
  hash: string;
}

export interface AuditHeadTable {
  org_id: string;
  seq: number;
  hash: string;
}

export interface JobTable {
  id: string;
  org_id: string | null;
  kind: string;
  payload: string;
  idempotency_key: string | null;
  status: string;
  attempts: number;
  max_attempts: number;
  run_at: number;
  locked_by: string | null;
  locked_until: number | null;
  last_error: string | null;
  created_at: number;
  updated_at: number;
  finished_at: number | null;
}

export interface IdempotencyKeyTable {
  scope: string;
  key: string;
  operation: string;
  request_hash: string;
  status_code: number;
  response_body: string;
  created_at: number;
}

export interface OrganisationKeyTable {
  id: string;
  org_id: string;
  wrapped_key: string;
  created_at: number;
}

/**
 * Every table. Domain modules that own tables declare them in their own `tables.ts` and add them here
 * by interface merging (`declare module '../storage/schema.ts' { interface Database { … } }`), so a
 * new module does not edit this file.
 */
export interface Database {
  organisations: OrganisationTable;
  users: UserTable;
  sessions: SessionTable;
  api_keys: ApiKeyTable;
  audit_log: AuditLogTable;
  audit_heads: AuditHeadTable;
  jobs: JobTable;
  idempotency_keys: IdempotencyKeyTable;
  organisation_keys: OrganisationKeyTable;
}
