import { ImportCollector } from './collector.ts';
import { csvLine, parseCsv } from './csv-text.ts';
import type { BankEntry, ImportResult } from './entry.ts';
import type { SignalType } from '../signal-types.ts';

/**
 * python-threatexchange / HMA signal-type names (class name in lower_snake without "Signal") mapped to ours.
 * Types we do not hold (pdq_ocr, text_tlsh, trend_query, url_md5 …) are rejected by name.
 */
const FROM_HMA: Record<string, SignalType> = {
  pdq: 'pdq',
  vpdq: 'vpdq',
  video_md5: 'md5',
  md5: 'md5',
  video_sha256: 'sha256',
  sha256: 'sha256',
  url: 'url',
  raw_text: 'text',
};
const TO_HMA: Record<SignalType, string> = {
  pdq: 'pdq',
  vpdq: 'vpdq',
  md5: 'video_md5',
  sha256: 'video_sha256',
  url: 'url',
  text: 'raw_text',
  simhash: 'simhash',
};

/**
 * Parses an HMA / python-threatexchange bank file. Two layouts are accepted, line by line:
 * the `LocalFileSignalExchangeAPI` form `<signal_type> <signal>` (space-separated, or the signal alone when
 * `defaultType` is given), and the CSV form `<signal_type>,<signal>[,<bank_content_id>]`.
 * Provenance is `hma` with the bank content id (third CSV column) as source id when present.
 */
export function parseHmaBank(text: string, defaultType?: string): ImportResult {
  const collector = new ImportCollector();
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, i) => {
    const line = i + 1;
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    let fields: string[];
    if (trimmed.includes(',')) {
      const parsed = parseCsv(trimmed);
      if (!parsed.ok || parsed.records.length !== 1)
        return collector.reject(line, '*', 'malformed_row', 'unreadable CSV row');
      fields = parsed.records[0]!.fields;
      if (line === 1 && fields[0]?.trim().toLowerCase() === 'signal_type') return; // header row
    } else {
      const space = trimmed.search(/\s/);
      fields = space < 0 ? [trimmed] : [trimmed.slice(0, space), trimmed.slice(space).trim()];
    }
    if (fields.length === 1 && defaultType !== undefined) fields = [defaultType, fields[0]!];
    if (fields.length < 2)
      return collector.reject(line, 'signal_type', 'missing_field', 'expected "<signal_type> <signal>"');
    const hmaType = fields[0]!.trim().toLowerCase();
    const ours = FROM_HMA[hmaType];
    const provenance: BankEntry['provenance'] = { source: 'hma' };
    const contentId = fields[2]?.trim();
    if (contentId) provenance.sourceId = contentId;
    collector.add(line, { signalType: ours ?? hmaType, value: fields[1], provenance });
  });
  return collector.finish();
}

/** Writes `<hma_signal_type>,<signal>,<source_id>` rows with a header; active entries only (HMA has no status). */
export function serialiseHmaBank(entries: readonly BankEntry[]): string {
  let out = csvLine(['signal_type', 'signal', 'bank_content_id']);
  for (const e of entries) {
    if (e.status === 'active') out += csvLine([TO_HMA[e.signalType], e.value, e.provenance.sourceId ?? '']);
  }
  return out;
}
