/**
 * Tables of outbound notices (migration 0008-notices). A notice is an append-only event log
 * (`notice_events`) plus a projection of its current state (`notices`), updated in the same
 * transaction; every clock and scorecard figure is computed from the projection's times, which are
 * the times of the first event of each kind.
 */
import type { Generated } from 'kysely';

export interface NoticeTable {
  id: string;
  org_id: string;
  /** Human reference sent to the platform (`N-…`), unique per organisation. */
  reference: string;
  platform_id: string;
  /** The platform's slug when the notice was created: studies group by it across organisations. */
  platform_slug: string;
  case_id: string | null;
  study_id: string | null;
  /** `ChannelKind` (platforms/channels.ts). */
  channel: string;
  channel_address: string;
  legal_basis: string;
  trusted_flagger: number;
  category: string;
  country: string | null;
  language: string | null;
  /** The exact text sent. */
  body: string;
  /** JSON array of `{ url }`: the exact items sent. */
  items: string;
  /** `pending_delivery`, `delivery_failed`, `sent`, `closed`. */
  status: string;
  sent_at: number | null;
  /** The channel's expected response times when the notice was created (the directory may change). */
  ack_within_ms: number;
  decision_within_ms: number;
  /** `sent_at` + the expected times; null until sent. */
  ack_due_at: number | null;
  decision_due_at: number | null;
  acknowledged_at: number | null;
  /** `removed`, `restricted`, `rejected`, `no_action` (the first decision). */
  decision: string | null;
  decided_at: number | null;
  sor_received_at: number | null;
  escalated_at: number | null;
  reversed_at: number | null;
  /** First time the content was found gone by a liveness check. */
  content_gone_at: number | null;
  closed_at: number | null;
  /** The platform's ticket id, when it gave one. */
  external_id: string | null;
  created_by: string;
  created_at: number;
  updated_at: number;
  last_seq: number;
}

export interface NoticeEventTable {
  id: Generated<number>;
  org_id: string;
  notice_id: string;
  seq: number;
  type: string;
  actor_type: string;
  actor_id: string;
  data: string;
  /** When it happened (as stated by the platform or the analyst, never before the notice was sent). */
  at: number;
  /** When Vigie recorded it. */
  recorded_at: number;
}

declare module '../storage/schema.ts' {
  interface Database {
    notices: NoticeTable;
    notice_events: NoticeEventTable;
  }
}
