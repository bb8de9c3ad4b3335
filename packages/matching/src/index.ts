export { MatchingError, type MatchingErrorCode } from './errors.ts';
export { hexToWords, parseHexHash, wordsToHex, type HexParse } from './hex.ts';
export { popcount32, hammingWithin } from './popcount.ts';
export { HammingIndex, type HammingIndexOptions, type Match } from './hamming-index.ts';
export { bruteForceQuery } from './brute-force.ts';
export { ExactValueSet } from './exact-set.ts';
export {
  SIGNAL_TYPES,
  isSignalType,
  normaliseSignal,
  type SignalType,
  type Normalised,
} from './signal-types.ts';
export {
  ENTRY_STATUSES,
  dryRunReport,
  type BankEntry,
  type Duplicate,
  type EntryStatus,
  type ImportResult,
  type Provenance,
  type Rejection,
} from './formats/entry.ts';
export { parseCsv, csvLine, type CsvRecord } from './formats/csv-text.ts';
export { parseVigieCsv, serialiseVigieCsv, VIGIE_CSV_COLUMNS } from './formats/vigie-csv.ts';
export { parseVigieJson, serialiseVigieJson } from './formats/vigie-json.ts';
export { parseHmaBank, serialiseHmaBank } from './formats/hma.ts';
export {
  parseTatHashList,
  serialiseTatHashList,
  type TatHashPage,
  type TatHashRecord,
} from './formats/tat.ts';
export { parseHashLines, type HashLines } from './hash-lines.ts';
