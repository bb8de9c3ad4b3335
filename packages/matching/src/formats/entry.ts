import type { SignalType } from '../signal-types.ts';

export const ENTRY_STATUSES = ['active', 'disabled', 'deleted'] as const;
export type EntryStatus = (typeof ENTRY_STATUSES)[number];

/** Where an entry came from: enough to trace it back to the sharing source and refresh or retract it. */
export interface Provenance {
  /** e.g. `local`, `gifct`, `tcap`, `ncmec`, `stopncii`, `partner:<name>`. */
  source: string;
  /** The source's own id for the item, when it has one. */
  sourceId?: string;
  /** ISO 8601 timestamps as the source gave them. */
  createdAt?: string;
  updatedAt?: string;
}

/** One bank entry as the formats read and write it; the server persists these. */
export interface BankEntry {
  signalType: SignalType;
  /** Canonical value (see `normaliseSignal`). */
  value: string;
  /** Open vocabulary, e.g. `gifct:behaviour:glorification`, `ideology:far-right`. */
  labels: string[];
  provenance: Provenance;
  /** 0..1, when the source states one. */
  confidence?: number;
  /** ISO 3166-1 alpha-2 codes (or `EU`) where the entry applies; empty = everywhere. */
  jurisdictions: string[];
  status: EntryStatus;
}

/** A refused row: 1-based line in the input, the field at fault, and why. */
export interface Rejection {
  line: number;
  field: string;
  code: 'invalid_value' | 'missing_field' | 'unknown_signal_type' | 'malformed_row' | 'invalid_field';
  reason: string;
}

/** A row whose (signal type, value) was already accepted earlier in the same input. */
export interface Duplicate {
  line: number;
  firstLine: number;
  signalType: SignalType;
  value: string;
}

/** Result of parsing a bank file without importing it: doubles as the dry-run report. */
export interface ImportResult {
  accepted: BankEntry[];
  /** 1-based input line of each accepted entry, same order as `accepted`. */
  acceptedLines: number[];
  rejected: Rejection[];
  duplicates: Duplicate[];
}

/** Counts for a dry run, plus the first few problems, printable as is. */
export function dryRunReport(result: ImportResult, maxListed = 20): string {
  const lines = [
    `accepted: ${result.accepted.length}`,
    `rejected: ${result.rejected.length}`,
    `duplicates: ${result.duplicates.length}`,
  ];
  for (const r of result.rejected.slice(0, maxListed)) {
    lines.push(`  line ${r.line} field ${r.field}: ${r.code}: ${r.reason}`);
  }
  for (const d of result.duplicates.slice(0, maxListed)) {
    lines.push(`  line ${d.line}: duplicate of line ${d.firstLine} (${d.signalType} ${d.value})`);
  }
  return `${lines.join('\n')}\n`;
}
