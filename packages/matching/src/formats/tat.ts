import { ImportCollector } from './collector.ts';
import type { BankEntry, ImportResult } from './entry.ts';

/** One result of the Tech Against Terrorism hash-list API v2 (`GET api/hash-list/v2/all`). */
export interface TatHashRecord {
  id: string | number;
  hash_digest: string;
  algorithm: 'MD5' | 'PDQ' | string;
  ideology?: string;
  file_type?: string;
  deleted?: boolean;
  created_on?: string;
  updated_on?: string;
}

/** One page of that API: `{count, next, previous, checkpoint, results}`. */
export interface TatHashPage {
  count: number;
  next: string | null;
  previous: string | null;
  checkpoint: string;
  results: TatHashRecord[];
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined);

/**
 * Parses a TAT hash-list page (or a bare `results` array). Algorithm `MD5` → md5, `PDQ` → pdq; ideology and
 * file type become labels `ideology:<x>` and `file_type:<x>`; `deleted: true` becomes status `deleted` so a
 * sync can retract it. "Line" in rejections is the 1-based position in `results`.
 */
export function parseTatHashList(text: string): ImportResult {
  const collector = new ImportCollector();
  const results = collector.jsonItems(text, 'results', 'expected a page object with a "results" array');
  if (results === null) return collector.finish();
  results.forEach((item: unknown, i: number) => {
    const position = i + 1;
    if (!isRecord(item)) return collector.reject(position, '*', 'malformed_row', 'result is not an object');
    const algorithm = str(item.algorithm)?.toUpperCase();
    if (algorithm !== 'MD5' && algorithm !== 'PDQ') {
      return collector.reject(
        position,
        'algorithm',
        'unknown_signal_type',
        `unsupported algorithm ${JSON.stringify(item.algorithm)}`,
      );
    }
    const provenance: BankEntry['provenance'] = { source: 'tcap' };
    const id = str(item.id);
    const created = str(item.created_on);
    const updated = str(item.updated_on);
    if (id) provenance.sourceId = id;
    if (created) provenance.createdAt = created;
    if (updated) provenance.updatedAt = updated;
    const labels: string[] = [];
    const ideology = str(item.ideology);
    const fileType = str(item.file_type);
    if (ideology) labels.push(`ideology:${ideology}`);
    if (fileType) labels.push(`file_type:${fileType}`);
    collector.add(position, {
      signalType: algorithm === 'MD5' ? 'md5' : 'pdq',
      value: str(item.hash_digest),
      labels,
      provenance,
      status: item.deleted === true ? 'deleted' : 'active',
    });
  });
  return collector.finish();
}

/** Writes md5/pdq entries as one TAT-shaped page (for exchange with tools that read that format). */
export function serialiseTatHashList(entries: readonly BankEntry[]): string {
  const results: TatHashRecord[] = entries
    .filter((e) => e.signalType === 'md5' || e.signalType === 'pdq')
    .map((e, i) => {
      const label = (prefix: string) => e.labels.find((l) => l.startsWith(prefix))?.slice(prefix.length);
      const record: TatHashRecord = {
        id: e.provenance.sourceId ?? String(i + 1),
        hash_digest: e.value,
        algorithm: e.signalType === 'md5' ? 'MD5' : 'PDQ',
        deleted: e.status === 'deleted',
      };
      const ideology = label('ideology:');
      const fileType = label('file_type:');
      if (ideology) record.ideology = ideology;
      if (fileType) record.file_type = fileType;
      if (e.provenance.createdAt) record.created_on = e.provenance.createdAt;
      if (e.provenance.updatedAt) record.updated_on = e.provenance.updatedAt;
      return record;
    });
  const page: TatHashPage = { count: results.length, next: null, previous: null, checkpoint: '', results };
  return `${JSON.stringify(page, null, 2)}\n`;
}
