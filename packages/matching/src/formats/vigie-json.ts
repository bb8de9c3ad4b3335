import { ImportCollector } from './collector.ts';
import type { BankEntry, ImportResult } from './entry.ts';

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
const strings = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/**
 * Parses Vigie bank JSON: `{ "entries": [BankEntry, …] }` or a bare array. "Line" in rejections is the
 * 1-based position of the entry in the array (JSON has no useful line numbers once parsed).
 */
export function parseVigieJson(text: string, defaultSource = 'local'): ImportResult {
  const collector = new ImportCollector();
  const items = collector.jsonItems(
    text,
    'entries',
    'expected an array or an object with an "entries" array',
  );
  if (items === null) return collector.finish();
  items.forEach((item: unknown, i: number) => {
    const position = i + 1;
    if (!isRecord(item)) return collector.reject(position, '*', 'malformed_row', 'entry is not an object');
    const p = isRecord(item.provenance) ? item.provenance : {};
    const provenance: BankEntry['provenance'] = { source: str(p.source) ?? defaultSource };
    for (const key of ['sourceId', 'createdAt', 'updatedAt'] as const) {
      const v = str(p[key]);
      if (v) provenance[key] = v;
    }
    const confidence = item.confidence;
    collector.add(position, {
      signalType: str(item.signalType),
      value: str(item.value),
      labels: strings(item.labels),
      provenance,
      confidence: typeof confidence === 'number' || typeof confidence === 'string' ? confidence : undefined,
      jurisdictions: strings(item.jurisdictions),
      status: str(item.status),
    });
  });
  return collector.finish();
}

export function serialiseVigieJson(entries: readonly BankEntry[]): string {
  return `${JSON.stringify({ entries }, null, 2)}\n`;
}
