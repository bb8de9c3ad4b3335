/**
 * Text normalisation against evasion. `normaliseText` defines text fingerprints (@vigie/hashing) and is the
 * first step of hate-speech classification (@vigie/classify), so both see the same text. It is pure,
 * deterministic, idempotent (`normaliseText(normaliseText(x)) === normaliseText(x)`) and dependency-free.
 *
 * What it folds, in order, and why:
 *  1. Unicode NFKC: full-width letters, ligatures, circled and mathematical letters (𝐤𝐢𝐥𝐥, ｋｉｌｌ, ⓚⓘⓛⓛ) become
 *     plain letters; these are the cheapest "font" evasions.
 *  2. Invisible characters are removed: format characters (zero-width space/joiners, bidi controls, soft
 *     hyphen, tag characters), variation selectors, emoji skin-tone modifiers, combining grapheme joiner.
 *     They split words without changing what a reader sees.
 *  3. Emoji letters (🅺🅸🅻🅻, 🄺, 🅚) and keycap digits (1️⃣) become the letter or digit they show.
 *  4. Lower case (locale-independent).
 *  5. Diacritics: generic combining marks (U+0300–036F and the other "combining diacritical marks" blocks)
 *     and Arabic short vowels/tatweel are removed, so "ñìggér", "k̷i̷l̷l̷" (zalgo) and "قــتــل" fold.
 *     Script-specific vowel signs (Devanagari, Tamil, Thai matras) are kept: they are letters there.
 *     Vietnamese tone marks are folded too: accent-less Vietnamese is common online, so both forms match.
 *     Stroked Latin letters without a decomposition (đ ł ø ħ) fold to their base letter. Arabic spelling
 *     variants fold as Arabic search engines do: أ إ آ ٱ → ا, ى → ي, ة → ه, ؤ → و, ئ → ي.
 *  6. Leetspeak inside words that contain a letter: 0→o 1→i 3→e 4→a 5→s 7→t $→s, @→a (not word-initial,
 *     where it marks a mention), !→i between letters. Pure numbers ("2024") are left alone.
 *  7. Punctuation, control characters and non-emoji symbols become spaces; emoji are kept as their own tokens.
 *  8. Homoglyphs: Cyrillic and Greek look-alikes (а е о р с у х к м т н в і ѕ ј, α ο ρ ε ι κ ν τ υ χ) become
 *     Latin inside words that mix them with Latin letters, or that consist only of look-alikes. This comes after
 *     steps 6 and 7 because only then are the words and their Latin letters final.
 *  9. Runs of three or more identical characters collapse to one ("haaaate" → "hate"); doubles are kept.
 * 10. Spaced or dotted letters join: three or more single letters in a row ("k i l l", "k.i.l.l") become
 *     one word. (Step 7 already turned the dots into spaces.)
 * 11. Whitespace collapses to single spaces, trimmed.
 *
 * Changing any rule changes every text fingerprint: treat the output as a stable format.
 */

// The classes below list combining and modifier characters on purpose: they are what gets removed.
/* eslint-disable no-misleading-character-class */
const INVISIBLE =
  /[\p{Cf}\u034F\u115F\u1160\u17B4\u17B5\u180B-\u180F\u3164\uFE00-\uFE0F\u{1F3FB}-\u{1F3FF}\u{E0100}-\u{E01EF}]/gu;

/** Combining diacritical blocks that are decoration on any script, plus Arabic harakat and tatweel. */
const DIACRITICS =
  /[\u0300-\u036F\u1AB0-\u1AFF\u1DC0-\u1DFF\u20D0-\u20FF\uFE20-\uFE2F\u064B-\u065F\u0670\u0640]/gu;
/* eslint-enable no-misleading-character-class */

/** Squared, negative-circled and negative-squared Latin capital letters (emoji-style letter art). */
const EMOJI_LETTER = /[\u{1F130}-\u{1F149}\u{1F150}-\u{1F169}\u{1F170}-\u{1F189}]/gu;
const KEYCAP = /([0-9#*])\u20E3/gu;

const HOMOGLYPHS: Readonly<Record<string, string>> = {
  а: 'a',
  е: 'e',
  о: 'o',
  р: 'p',
  с: 'c',
  у: 'y',
  х: 'x',
  к: 'k',
  м: 'm',
  т: 't',
  н: 'h',
  в: 'b',
  і: 'i',
  ї: 'i',
  ј: 'j',
  ѕ: 's',
  ԁ: 'd',
  ԛ: 'q',
  ԝ: 'w',
  ɡ: 'g',
  ɑ: 'a',
  ı: 'i',
  α: 'a',
  ο: 'o',
  ρ: 'p',
  ε: 'e',
  ι: 'i',
  κ: 'k',
  ν: 'v',
  τ: 't',
  υ: 'u',
  χ: 'x',
  β: 'b',
  η: 'n',
};
/** Arabic letter variants that writers use interchangeably: hamza-carrying alefs, alef maqsura, ta marbuta. */
const ARABIC_VARIANTS: Readonly<Record<string, string>> = {
  أ: 'ا',
  إ: 'ا',
  آ: 'ا',
  ٱ: 'ا',
  ى: 'ي',
  ة: 'ه',
  ؤ: 'و',
  ئ: 'ي',
};
const ARABIC_VARIANT_CLASS = /[أإآٱىةؤئ]/gu;
/** Latin letters with a stroke have no Unicode decomposition, so step 5 cannot fold them. */
const STROKED: Readonly<Record<string, string>> = {
  đ: 'd',
  ł: 'l',
  ø: 'o',
  ħ: 'h',
  ƚ: 'l',
  ɨ: 'i',
  ŧ: 't',
  ƀ: 'b',
};
const STROKED_CLASS = new RegExp(`[${Object.keys(STROKED).join('')}]`, 'gu');
const HOMOGLYPH_CLASS = new RegExp(`[${Object.keys(HOMOGLYPHS).join('')}]`, 'gu');
const LATIN_LETTER = /[a-z]/;
const NON_HOMOGLYPH_LETTER = new RegExp(`[^\\P{L}${Object.keys(HOMOGLYPHS).join('')}]`, 'u');

const LEET: Readonly<Record<string, string>> = {
  '0': 'o',
  '1': 'i',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
  $: 's',
};
const HAS_LETTER = /\p{L}/u;

/** Punctuation and symbols other than emoji become word breaks. */
const PUNCTUATION = /(?!\p{Extended_Pictographic})[\p{P}\p{S}\p{Cc}]/gu;
const LONG_RUN = /(.)\1{2,}/gu;
const SPACED_LETTERS = /(?<!\S)\p{L}(?: \p{L}){2,}(?!\S)/gu;
const WHITESPACE = /\s+/gu;

function foldHomoglyphWord(word: string): string {
  const mixed = LATIN_LETTER.test(word) || !NON_HOMOGLYPH_LETTER.test(word);
  return mixed ? word.replace(HOMOGLYPH_CLASS, (c) => HOMOGLYPHS[c] ?? c) : word;
}

const LEET_SYMBOL = /[0-9@$!]/;
const LETTER_OR_NUMBER = /[\p{L}\p{N}]/u;

function foldLeetWord(word: string): string {
  if (!HAS_LETTER.test(word) || !LEET_SYMBOL.test(word)) return word;
  let out = '';
  for (let i = 0; i < word.length; i++) {
    const c = word[i] as string;
    const prev = word[i - 1];
    const next = word[i + 1];
    if (c === '@') out += i > 0 ? 'a' : c;
    else if (c === '!')
      out +=
        prev !== undefined && next !== undefined && HAS_LETTER.test(prev) && HAS_LETTER.test(next) ? 'i' : c;
    else out += LEET[c] ?? c;
  }
  return out;
}

/** Whether the code point at `i` belongs to a leet candidate word: a letter, a digit or @ $ !. */
function isWordChar(text: string, i: number): number {
  const code = text.charCodeAt(i);
  if (code < 128) {
    const lower = code | 32;
    return (lower >= 97 && lower <= 122) ||
      (code >= 48 && code <= 57) ||
      code === 64 ||
      code === 36 ||
      code === 33
      ? 1
      : 0;
  }
  const point = text.codePointAt(i) as number;
  const width = point > 0xffff ? 2 : 1;
  return LETTER_OR_NUMBER.test(String.fromCodePoint(point)) ? width : 0;
}

/**
 * Step 7: folds leetspeak in every maximal run of letters, digits and @ $ ! that holds a letter. A hand-written
 * scan, because a Unicode regex with a callback per word dominated the cost of the whole normaliser.
 */
function foldLeet(text: string): string {
  let out = '';
  let copied = 0;
  let i = 0;
  while (i < text.length) {
    const width = isWordChar(text, i);
    if (width === 0) {
      i++;
      continue;
    }
    const start = i;
    let end = i + width;
    while (end < text.length) {
      const next = isWordChar(text, end);
      if (next === 0) break;
      end += next;
    }
    const word = text.slice(start, end);
    const folded = foldLeetWord(word);
    if (folded !== word) {
      out += text.slice(copied, start) + folded;
      copied = end;
    }
    i = end;
  }
  return copied === 0 ? text : out + text.slice(copied);
}

/** Any character outside ASCII: only such text needs the Unicode folding steps (1–5, 8), which are no-ops on ASCII. */
const NON_ASCII = /[\u0080-\uffff]/;
const HAS_HOMOGLYPH = new RegExp(`[${Object.keys(HOMOGLYPHS).join('')}]`, 'u');
const HAS_LEET = /[0-9@$!]/;
/** Step 8 restricted to ASCII, where every non-alphanumeric character is punctuation, a symbol or a control. */
const ASCII_PUNCTUATION = /[^a-z0-9\s]/g;

function foldUnicode(input: string): string {
  let text = input.normalize('NFKC').replace(INVISIBLE, '');
  text = text
    .replace(KEYCAP, '$1')
    .replace(EMOJI_LETTER, (c) => String.fromCharCode(97 + (((c.codePointAt(0) as number) - 0x1f130) % 32)));
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(DIACRITICS, '')
    .normalize('NFC')
    .replace(STROKED_CLASS, (c) => STROKED[c] ?? c)
    .replace(ARABIC_VARIANT_CLASS, (c) => ARABIC_VARIANTS[c] ?? c);
}

/** Fingerprint-grade normalisation: see the file comment for exactly what is folded. */
export function normaliseText(input: string): string {
  const unicode = NON_ASCII.test(input);
  let text = unicode ? foldUnicode(input) : input.toLowerCase();
  if (HAS_LEET.test(text)) text = foldLeet(text);
  text = text
    .replace(unicode ? PUNCTUATION : ASCII_PUNCTUATION, ' ')
    .replace(WHITESPACE, ' ')
    .trim();
  // Homoglyphs fold last among the per-word steps: whether a word mixes in Latin letters is only final once
  // leetspeak has turned digits into letters and punctuation has split the words (else a second pass differs).
  if (unicode && HAS_HOMOGLYPH.test(text)) text = text.replace(/\S+/gu, foldHomoglyphWord);
  text = text.replace(LONG_RUN, '$1');
  text = text.replace(SPACED_LETTERS, (run) => run.replaceAll(' ', '')).replace(LONG_RUN, '$1');
  return text;
}
