import { parseHexHash } from './hex.ts';

/** Hashes read from a hash-list file, packed, with the 0-based line index each came from. */
export interface HashLines {
  packed: Uint32Array;
  lineIndex: number[];
  /** Problems with 1-based line and 1-based field number (the hash is always field 1). */
  errors: { line: number; field: number; reason: string }[];
}

/**
 * Reads the hash-list format `vigie match` uses: one hex hash per line, or CSV whose first column is the hash
 * (other columns ignored). Blank lines are skipped but still count as lines; a first line whose first field is
 * not hex at all (e.g. `pdq_hex,quality,path`) is taken as a header.
 */
export function parseHashLines(text: string, bits: number): HashLines {
  const lines = text.split(/\r?\n/);
  if (lines.length > 0 && lines.at(-1) === '') lines.pop();
  const words = bits / 32;
  const packed = new Uint32Array(lines.length * words);
  const lineIndex: number[] = [];
  const errors: HashLines['errors'] = [];
  lines.forEach((line, i) => {
    const first = (line.split(',', 1)[0] ?? '').trim();
    if (first === '') return;
    const parsed = parseHexHash(first, bits);
    if (parsed.ok) {
      packed.set(parsed.words, lineIndex.length * words);
      lineIndex.push(i);
    } else if (!(i === 0 && /[^0-9a-fA-F]/.test(first) && /^[A-Za-z_][\w ]*$/.test(first))) {
      errors.push({ line: i + 1, field: 1, reason: parsed.reason });
    }
  });
  return { packed: packed.slice(0, lineIndex.length * words), lineIndex, errors };
}
