/** Writing systems the classifier distinguishes (ISO 15924 codes). `Zyyy` = no letters at all. */
export type Script =
  | 'Latn'
  | 'Cyrl'
  | 'Grek'
  | 'Arab'
  | 'Hebr'
  | 'Deva'
  | 'Beng'
  | 'Taml'
  | 'Thai'
  | 'Hani'
  | 'Hang'
  | 'Kana'
  | 'Ethi'
  | 'Other'
  | 'Zyyy';

const SCRIPT_TESTS: ReadonlyArray<readonly [Script, RegExp]> = [
  ['Latn', /\p{Script=Latin}/u],
  ['Cyrl', /\p{Script=Cyrillic}/u],
  ['Grek', /\p{Script=Greek}/u],
  ['Arab', /\p{Script=Arabic}/u],
  ['Hebr', /\p{Script=Hebrew}/u],
  ['Deva', /\p{Script=Devanagari}/u],
  ['Beng', /\p{Script=Bengali}/u],
  ['Taml', /\p{Script=Tamil}/u],
  ['Thai', /\p{Script=Thai}/u],
  ['Hani', /\p{Script=Han}/u],
  ['Hang', /\p{Script=Hangul}/u],
  ['Kana', /[\p{Script=Hiragana}\p{Script=Katakana}]/u],
  ['Ethi', /\p{Script=Ethiopic}/u],
];

/** Main blocks of each script as code-point ranges: checked before the slower Unicode property tests. */
const SCRIPT_BLOCKS: ReadonlyArray<readonly [number, number, Script]> = [
  [0x00c0, 0x024f, 'Latn'],
  [0x1e00, 0x1eff, 'Latn'],
  [0x0400, 0x04ff, 'Cyrl'],
  [0x0600, 0x06ff, 'Arab'],
  [0x0900, 0x097f, 'Deva'],
  [0x0b80, 0x0bff, 'Taml'],
  [0x0e00, 0x0e7f, 'Thai'],
  [0x1200, 0x137f, 'Ethi'],
  [0x3040, 0x30ff, 'Kana'],
  [0x4e00, 0x9fff, 'Hani'],
  [0xac00, 0xd7af, 'Hang'],
];

function blockScript(code: number): Script | undefined {
  for (const [from, to, script] of SCRIPT_BLOCKS) if (code >= from && code <= to) return script;
  return undefined;
}

export interface ScriptProfile {
  /** The script with most letters. */
  main: Script;
  /** Letters per script. */
  counts: Partial<Record<Script, number>>;
  /** More than one script holds at least 20 % of the letters (code-mixed or evasive text). */
  mixed: boolean;
}

const LETTER = /\p{L}/u;

/** Counts letters by script. Looks at most `limit` characters so huge inputs stay cheap. */
export function detectScript(text: string, limit = 2000): ScriptProfile {
  const counts: Partial<Record<Script, number>> = {};
  let letters = 0;
  let seen = 0;
  let latinAscii = 0;
  for (const ch of text) {
    if (++seen > limit) break;
    const code = ch.charCodeAt(0);
    if (code < 128) {
      // ASCII fast path: most text is mostly ASCII and needs no Unicode property lookups.
      if ((code | 32) >= 97 && (code | 32) <= 122) latinAscii++;
      continue;
    }
    if (!LETTER.test(ch)) continue;
    let script: Script = blockScript(ch.codePointAt(0) as number) ?? 'Other';
    if (script !== 'Other') {
      counts[script] = (counts[script] ?? 0) + 1;
      continue;
    }
    for (const [name, test] of SCRIPT_TESTS) {
      if (test.test(ch)) {
        script = name;
        break;
      }
    }
    counts[script] = (counts[script] ?? 0) + 1;
  }
  if (latinAscii > 0) counts.Latn = (counts.Latn ?? 0) + latinAscii;
  for (const n of Object.values(counts)) letters += n ?? 0;
  if (letters === 0) return { main: 'Zyyy', counts, mixed: false };
  const ranked = (Object.entries(counts) as [Script, number][]).sort((a, b) => b[1] - a[1]);
  const main = ranked[0]?.[0] ?? 'Zyyy';
  const mixed = ranked.filter(([, n]) => n / letters >= 0.2).length > 1;
  return { main, counts, mixed };
}
