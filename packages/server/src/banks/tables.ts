/** Table types of the banks module, merged into `Database` (see storage/schema.ts). */
import type { Generated } from 'kysely';
import type { DeliveryColumns } from '../webhooks/tables.ts';

export interface BankTable {
  id: string;
  org_id: string;
  name: string;
  description: string;
  /** What the check API recommends for a match: `block`, `review` or `log`. */
  action: string;
  /** JSON: per-signal-type thresholds (see banks/signals.ts). */
  thresholds: string;
  created_at: number;
  updated_at: number;
  /** A disabled bank keeps its entries but matches nothing. */
  disabled_at: number | null;
}

export interface BankEntryTable {
  id: Generated<number>;
  org_id: string;
  bank_id: string;
  signal_type: string;
  /** Canonical value (lower-case hex, canonical URL, normalised text, vPDQ frame list). */
  value: string;
  /** SHA-256 of `signal_type:value`: unique per bank, and the exact-search key (values may be long). */
  value_key: string;
  labels: string;
  /** Provenance: the organisation or exchange it came from, its id there, who added it here and why. */
  source: string;
  source_id: string | null;
  added_by: string;
  added_at: number;
  evidence_ref: string | null;
  confidence: number | null;
  /** JSON array of ISO 3166-1 alpha-2 codes (or EU) where the content is illegal. */
  jurisdictions: string;
  /** `active`, `retracted` or `false_positive`. */
  status: string;
  status_reason: string | null;
  status_changed_at: number | null;
  status_changed_by: string | null;
}

/**
 * The change log every server process follows to keep its in-memory indexes current. `seq` is per
 * organisation and assigned under a row lock on `bank_change_heads`, so changes commit in seq order and
 * a reader that has seen seq n has seen every change up to n.
 */
export interface BankChangeTable {
  org_id: string;
  seq: number;
  /** `entry` (re-read one entry), `entries` (re-read an id range of one bank: imports), `bank` (settings). */
  kind: string;
  bank_id: string;
  entry_from: number | null;
  entry_to: number | null;
  at: number;
}

export interface BankChangeHeadTable {
  org_id: string;
  seq: number;
}

export interface BankWebhookTable {
  id: string;
  org_id: string;
  bank_id: string;
  url: string;
  description: string;
  /** The signing secret, sealed with the organisation's data key (crypto/keyring.ts). */
  secret_sealed: Buffer;
  created_by: string;
  created_at: number;
  disabled_at: number | null;
}

export interface WebhookDeliveryTable extends DeliveryColumns {
  bank_id: string;
}

declare module '../storage/schema.ts' {
  interface Database {
    banks: BankTable;
    bank_entries: BankEntryTable;
    bank_changes: BankChangeTable;
    bank_change_heads: BankChangeHeadTable;
    bank_webhooks: BankWebhookTable;
    webhook_deliveries: WebhookDeliveryTable;
  }
}
