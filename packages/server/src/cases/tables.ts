/**
 * Tables of the notice-and-action module (migration 0004-cases). A case is an append-only event log
 * (`case_events`) plus a projection of its current state (`cases`), updated in the same transaction.
 */
import type { Generated } from 'kysely';
import type { DeliveryColumns } from '../webhooks/tables.ts';

export interface ReportTable {
  id: string;
  org_id: string;
  /** The reporter's key to the public status page: unguessable, never shown to anyone else. */
  reference: string;
  case_id: string;
  /** `web_form` (public), `api` (platform), `trusted_flagger_api`. */
  channel: string;
  /** `individual`, `entity`, `trusted_flagger`, `authority`, `hotline`. */
  notifier_type: string;
  /** Who is counted for misuse (Art. 23): an API key id, or a keyed hash of the reporter's email. */
  notifier_key: string | null;
  url: string;
  canonical_url: string | null;
  explanation: string;
  category: string;
  keywords: string;
  language: string | null;
  country: string | null;
  /** Name and email sealed with the organisation key; null for anonymous (CSAM-exempt) notices. */
  contact_sealed: string | null;
  /** Language the reporter wants to be answered in (`fr`, `en`). */
  reporter_language: string | null;
  good_faith: number;
  received_at: number;
  /** Set when the reporter has been told the outcome. */
  outcome_notified_at: number | null;
}

export interface ReportAttachmentTable {
  id: string;
  org_id: string;
  report_id: string;
  filename: string;
  media_type: string;
  size: number;
  sha256: string;
  md5: string;
  /** Null until hashed; stays null with `hash_error` when the file cannot be decoded. */
  pdq: string | null;
  hash_error: string | null;
  /** Path of the encrypted blob under `<data dir>/blobs/`. */
  blob_path: string;
  created_at: number;
}

export interface CaseTable {
  id: string;
  org_id: string;
  reference: string;
  /** `open`, `decided`, `appealed`, `closed`. */
  status: string;
  category: string;
  language: string | null;
  country: string | null;
  url: string | null;
  canonical_url: string | null;
  source_type: string;
  trusted_flagger: number;
  report_count: number;
  match_count: number;
  priority: number;
  /** JSON array of `{ reason, weight }`, shown to the reviewer. */
  priority_reasons: string;
  queue_id: string | null;
  assigned_to: string | null;
  claim_expires_at: number | null;
  escalated_at: number | null;
  due_at: number | null;
  decision_id: string | null;
  opened_at: number;
  updated_at: number;
  closed_at: number | null;
  /** Sequence number of the last event, so the next append knows its place. */
  last_seq: number;
  /** Highest score (0–1) a classifier gave the content (`classified` events); null when never classified. */
  classifier_score: number | null;
  /** The declared incident (crisis protocol) the content belongs to. */
  incident_id: string | null;
}

export interface CaseEventTable {
  id: Generated<number>;
  org_id: string;
  case_id: string;
  seq: number;
  type: string;
  actor_type: string;
  actor_id: string;
  /** `internal` or `public` (shown to the reporter on the status page). */
  visibility: string;
  data: string;
  at: number;
}

/** Content identity → case: the same URL or exact hash joins the same case. */
export interface CaseKeyTable {
  org_id: string;
  kind: string;
  value: string;
  case_id: string;
}

export interface DecisionTable {
  id: string;
  org_id: string;
  case_id: string;
  decided_by: string;
  decided_at: number;
  action: string;
  /** JSON of a `DecisionFields` object (transparency/decision-fields.ts). */
  fields: string;
  superseded_by: string | null;
  created_at: number;
}

export interface AppealTokenTable {
  token_hash: string;
  org_id: string;
  case_id: string;
  decision_id: string;
  /** `affected_recipient` or `notifier`. */
  role: string;
  expires_at: number;
  created_at: number;
}

export interface AppealTable {
  id: string;
  org_id: string;
  case_id: string;
  decision_id: string;
  role: string;
  /** The report whose reporter appealed (role `notifier`). */
  report_id: string | null;
  grounds: string;
  /** `open` or `decided`. */
  status: string;
  /** `upheld` or `reversed`. */
  outcome: string | null;
  statement: string | null;
  decided_by: string | null;
  submitted_at: number;
  decided_at: number | null;
}

export interface QueueTable {
  id: string;
  org_id: string;
  name: string;
  /** Lower is tried first when routing. */
  position: number;
  /** JSON routing rule: which cases this queue takes (see triage/routing.ts). */
  rule: string;
  sla_ms: number;
  created_at: number;
}

/** Art. 23 standing of a notifier: counts, warning and suspension, all set by people. */
export interface NotifierTable {
  org_id: string;
  key: string;
  label: string;
  notice_count: number;
  unfounded_count: number;
  warned_at: number | null;
  warned_by: string | null;
  suspended_until: number | null;
  suspended_by: string | null;
}

/** A declared incident (crisis protocol, migration 0011): cases about its content go to its queue first. */
export interface IncidentTable {
  id: string;
  org_id: string;
  name: string;
  description: string;
  /** Where linked cases go, ahead of every routing rule; null keeps the routing rules. */
  queue_id: string | null;
  /** Added to a linked case's priority, with the incident named among the reasons. */
  priority_weight: number;
  /** JSON array of `kind:value` content keys (canonical URLs, hashes), as in `case_keys`; a PDQ also covers its near neighbours. */
  content_keys: string;
  declared_by: string;
  declared_at: number;
  ended_at: number | null;
}

/** An organisation's webhook subscription by event type (`decision.created`, `decision.reversed`). */
export interface EventWebhookTable {
  id: string;
  org_id: string;
  url: string;
  description: string;
  /** JSON array of the event types delivered. */
  event_types: string;
  /** The signing secret, sealed with the organisation's data key (crypto/keyring.ts). */
  secret_sealed: Buffer;
  created_by: string;
  created_at: number;
  disabled_at: number | null;
}

export interface EventWebhookDeliveryTable extends DeliveryColumns {
  event_type: string;
}

declare module '../storage/schema.ts' {
  interface Database {
    reports: ReportTable;
    report_attachments: ReportAttachmentTable;
    cases: CaseTable;
    case_events: CaseEventTable;
    case_keys: CaseKeyTable;
    decisions: DecisionTable;
    appeal_tokens: AppealTokenTable;
    appeals: AppealTable;
    queues: QueueTable;
    notifiers: NotifierTable;
    incidents: IncidentTable;
    event_webhooks: EventWebhookTable;
    event_webhook_deliveries: EventWebhookDeliveryTable;
  }
}
