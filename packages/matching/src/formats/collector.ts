import { isSignalType, normaliseSignal } from '../signal-types.ts';
import {
  ENTRY_STATUSES,
  type BankEntry,
  type EntryStatus,
  type ImportResult,
  type Rejection,
} from './entry.ts';

/** Raw fields of one row before validation; every format maps its own columns onto these. */
export interface RawRow {
  signalType: string | undefined;
  value: string | undefined;
  labels?: string[];
  provenance: BankEntry['provenance'];
  confidence?: string | number | undefined;
  jurisdictions?: string[];
  status?: string | undefined;
}

/** Field names used in rejections, so every format reports the same names for the same problem. */
export const FIELD = {
  signalType: 'signal_type',
  value: 'value',
  confidence: 'confidence',
  status: 'status',
  jurisdictions: 'jurisdictions',
} as const;

/**
 * Validates rows one at a time and accumulates the import result: accepted entries, rejections with line and
 * field, and duplicates of an earlier accepted (type, value) pair.
 */
export class ImportCollector {
  private readonly result: ImportResult = { accepted: [], acceptedLines: [], rejected: [], duplicates: [] };
  private readonly firstSeen = new Map<string, number>();

  reject(line: number, field: string, code: Rejection['code'], reason: string): void {
    this.result.rejected.push({ line, field, code, reason });
  }

  /**
   * The items of a JSON document that is either a bare array or an object holding the array under `key`;
   * null (with the rejection recorded on line 1) when the text is not JSON or has no such array.
   */
  jsonItems(text: string, key: string, expected: string): unknown[] | null {
    let doc: unknown;
    try {
      doc = JSON.parse(text);
    } catch (error) {
      this.reject(1, '*', 'malformed_row', `invalid JSON: ${(error as Error).message}`);
      return null;
    }
    if (Array.isArray(doc)) return doc;
    const items = typeof doc === 'object' && doc !== null ? (doc as Record<string, unknown>)[key] : undefined;
    if (Array.isArray(items)) return items;
    this.reject(1, key, 'malformed_row', expected);
    return null;
  }

  add(line: number, row: RawRow): void {
    const type = row.signalType?.trim().toLowerCase();
    if (!type) return this.reject(line, FIELD.signalType, 'missing_field', 'signal type is empty');
    if (!isSignalType(type))
      return this.reject(
        line,
        FIELD.signalType,
        'unknown_signal_type',
        `unknown signal type ${JSON.stringify(type)}`,
      );
    if (row.value === undefined || row.value.trim() === '') {
      return this.reject(line, FIELD.value, 'missing_field', 'value is empty');
    }
    const normalised = normaliseSignal(type, row.value);
    if (!normalised.ok) return this.reject(line, FIELD.value, 'invalid_value', normalised.reason);

    const confidence = parseConfidence(row.confidence);
    if (confidence === null)
      return this.reject(line, FIELD.confidence, 'invalid_field', 'confidence must be a number from 0 to 1');
    const status = (row.status?.trim().toLowerCase() || 'active') as EntryStatus;
    if (!ENTRY_STATUSES.includes(status)) {
      return this.reject(
        line,
        FIELD.status,
        'invalid_field',
        `status must be one of ${ENTRY_STATUSES.join(', ')}`,
      );
    }
    const jurisdictions = (row.jurisdictions ?? [])
      .map((j) => j.trim().toUpperCase())
      .filter((j) => j !== '');
    const badJurisdiction = jurisdictions.find((j) => !/^[A-Z]{2}$/.test(j));
    if (badJurisdiction !== undefined) {
      return this.reject(
        line,
        FIELD.jurisdictions,
        'invalid_field',
        `${JSON.stringify(badJurisdiction)} is not a two-letter code`,
      );
    }

    const dedupeKey = `${type}\u0000${normalised.value}`;
    const first = this.firstSeen.get(dedupeKey);
    if (first !== undefined) {
      this.result.duplicates.push({ line, firstLine: first, signalType: type, value: normalised.value });
      return;
    }
    this.firstSeen.set(dedupeKey, line);
    const entry: BankEntry = {
      signalType: type,
      value: normalised.value,
      labels: (row.labels ?? []).map((l) => l.trim()).filter((l) => l !== ''),
      provenance: row.provenance,
      jurisdictions,
      status,
    };
    if (confidence !== undefined) entry.confidence = confidence;
    this.result.accepted.push(entry);
    this.result.acceptedLines.push(line);
  }

  finish(): ImportResult {
    return this.result;
  }
}

/** undefined = absent, null = present but invalid. */
function parseConfidence(raw: string | number | undefined): number | undefined | null {
  if (raw === undefined || (typeof raw === 'string' && raw.trim() === '')) return undefined;
  const n = typeof raw === 'number' ? raw : Number(raw.trim());
  return Number.isFinite(n) && n >= 0 && n <= 1 ? n : null;
}
