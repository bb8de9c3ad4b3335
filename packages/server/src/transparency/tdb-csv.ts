/**
 * CSV in the column layout of the TDB's public full export (spec §1.7), so our own export and the
 * TDB's dumps load into the same tools. Arrays are written as JSON arrays of keys (how the TDB's
 * dumps render them, e.g. `["CONTENT_TYPE_TEXT"]`); absent values are empty cells. RFC 4180 quoting,
 * CRLF line ends.
 */
import { utcDateTime } from './dates.ts';
import type { TdbStatement } from './tdb-statement.ts';

export const TDB_CSV_COLUMNS = [
  'uuid',
  'decision_visibility',
  'decision_visibility_other',
  'end_date_visibility_restriction',
  'decision_monetary',
  'decision_monetary_other',
  'end_date_monetary_restriction',
  'decision_provision',
  'end_date_service_restriction',
  'decision_account',
  'end_date_account_restriction',
  'account_type',
  'decision_ground',
  'decision_ground_reference_url',
  'illegal_content_legal_ground',
  'illegal_content_explanation',
  'incompatible_content_ground',
  'incompatible_content_explanation',
  'incompatible_content_illegal',
  'category',
  'category_addition',
  'category_specification',
  'category_specification_other',
  'content_type',
  'content_type_other',
  'content_language',
  'content_date',
  'content_id_ean',
  'territorial_scope',
  'application_date',
  'decision_facts',
  'source_type',
  'source_identity',
  'automated_detection',
  'automated_decision',
  'platform_name',
  'platform_uid',
  'created_at',
] as const;

export interface TdbCsvRecord {
  statement: TdbStatement;
  /** The TDB's uuid once submitted; empty otherwise. */
  uuid: string | null;
  platformName: string;
  /** When the statement was created (our decision time, or the TDB's when known), epoch ms. */
  createdAt: number;
}

function cell(value: unknown): string {
  if (value === undefined || value === null) return '';
  const text = Array.isArray(value) ? JSON.stringify(value) : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function rowOf(record: TdbCsvRecord): string {
  const { statement } = record;
  const extra: Record<string, unknown> = {
    uuid: record.uuid,
    content_id_ean: statement.content_id?.['EAN-13'],
    platform_name: record.platformName,
    platform_uid: statement.puid,
    created_at: utcDateTime(record.createdAt),
  };
  const values = statement as unknown as Record<string, unknown>;
  return TDB_CSV_COLUMNS.map((column) => cell(column in extra ? extra[column] : values[column])).join(',');
}

export function toTdbCsv(records: Iterable<TdbCsvRecord>): string {
  const lines = [TDB_CSV_COLUMNS.join(',')];
  for (const record of records) lines.push(rowOf(record));
  return `${lines.join('\r\n')}\r\n`;
}
