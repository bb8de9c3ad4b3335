import { ImportCollector } from './collector.ts';
import { csvLine, parseCsv } from './csv-text.ts';
import type { BankEntry, ImportResult } from './entry.ts';

/** Columns of Vigie's own bank CSV. `signal_type` and `value` are required; list fields are `;`-separated. */
export const VIGIE_CSV_COLUMNS = [
  'signal_type',
  'value',
  'labels',
  'source',
  'source_id',
  'created_at',
  'updated_at',
  'confidence',
  'jurisdictions',
  'status',
] as const;
type Column = (typeof VIGIE_CSV_COLUMNS)[number];

const list = (cell: string | undefined) => (cell ? cell.split(';') : []);
const optional = (cell: string | undefined) => (cell && cell.trim() !== '' ? cell.trim() : undefined);

/** Parses Vigie bank CSV (header row first, columns in any order). `defaultSource` fills an empty `source`. */
export function parseVigieCsv(text: string, defaultSource = 'local'): ImportResult {
  const collector = new ImportCollector();
  const parsed = parseCsv(text);
  if (!parsed.ok) {
    collector.reject(parsed.line, '*', 'malformed_row', parsed.reason);
    return collector.finish();
  }
  const [header, ...rows] = parsed.records;
  if (!header) return collector.finish();
  const position = new Map<Column, number>();
  header.fields.forEach((name, i) => {
    const column = name.trim().toLowerCase();
    if ((VIGIE_CSV_COLUMNS as readonly string[]).includes(column)) position.set(column as Column, i);
    else
      collector.reject(
        header.line,
        name,
        'invalid_field',
        `unknown column ${JSON.stringify(name)} (ignored)`,
      );
  });
  for (const required of ['signal_type', 'value'] as const) {
    if (!position.has(required)) {
      collector.reject(header.line, required, 'missing_field', `header has no ${required} column`);
      return collector.finish();
    }
  }
  for (const { line, fields } of rows) {
    if (fields.length !== header.fields.length) {
      collector.reject(
        line,
        '*',
        'malformed_row',
        `expected ${header.fields.length} fields, got ${fields.length}`,
      );
      continue;
    }
    const cell = (c: Column) => {
      const i = position.get(c);
      return i === undefined ? undefined : fields[i];
    };
    const provenance: BankEntry['provenance'] = { source: optional(cell('source')) ?? defaultSource };
    const sourceId = optional(cell('source_id'));
    const createdAt = optional(cell('created_at'));
    const updatedAt = optional(cell('updated_at'));
    if (sourceId) provenance.sourceId = sourceId;
    if (createdAt) provenance.createdAt = createdAt;
    if (updatedAt) provenance.updatedAt = updatedAt;
    collector.add(line, {
      signalType: cell('signal_type'),
      value: cell('value'),
      labels: list(cell('labels')),
      provenance,
      confidence: cell('confidence'),
      jurisdictions: list(cell('jurisdictions')),
      status: cell('status'),
    });
  }
  return collector.finish();
}

/** Writes entries as Vigie bank CSV, header included; `parseVigieCsv` reads it back unchanged. */
export function serialiseVigieCsv(entries: readonly BankEntry[]): string {
  let out = csvLine(VIGIE_CSV_COLUMNS);
  for (const e of entries) {
    out += csvLine([
      e.signalType,
      e.value,
      e.labels.join(';'),
      e.provenance.source,
      e.provenance.sourceId ?? '',
      e.provenance.createdAt ?? '',
      e.provenance.updatedAt ?? '',
      e.confidence === undefined ? '' : String(e.confidence),
      e.jurisdictions.join(';'),
      e.status,
    ]);
  }
  return out;
}
