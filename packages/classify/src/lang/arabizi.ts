/**
 * Arabizi: Arabic written in Latin letters, with digits for sounds Latin has no letter for (2 ء or ق as
 * spoken in Cairo and the Levant, 3 ع, 5 خ, 6 ط, 7 ح, 8 غ, 9 ق). The Arabic pack's terms are in Arabic
 * script, so an Arabizi text would match none of them. This reads each Latin word of such a text as a
 * consonant skeleton and, when the skeleton is that of a single-word term of the pack, writes the term in its
 * place (one word for one word, so token positions do not move).
 *
 * Skeletons, not letter-for-letter transliteration, because Arabizi spells vowels that Arabic script leaves
 * out (short vowels) or writes as letters (ا و ي), and different writers spell the same word differently
 * ("kilab", "kelab", "klab" for كلاب). Both sides are reduced to consonant classes: vowels and the letters
 * that often stand for vowels (ا و ي ى, hamza carriers) are dropped, letters that Arabizi writers commonly
 * render alike share a class (ت ط, س ص ث, د ض ذ, ز ظ, ق ك, ح ه), a doubled consonant counts once, and the
 * article ال (el-, al-, il-) may be left off. Only skeletons of three or more consonants are matched, so short
 * words do not collide; negation words are short (مش mesh, لم lam) but a closed class, so those written with
 * consonants only are matched with two.
 */
import { TERM_CATEGORIES, type LanguagePack } from '../packs/schema.ts';

/** Arabic letter → consonant class. Letters not listed (vowel letters, hamza carriers, diacritics) drop out. */
const ARABIC_CLASS: Record<string, string> = {
  ب: 'b',
  ت: 't',
  ث: 's',
  ج: 'j',
  ح: 'h',
  خ: 'x',
  د: 'd',
  ذ: 'd',
  ر: 'r',
  ز: 'z',
  س: 's',
  ش: 'S',
  ص: 's',
  ض: 'd',
  ط: 't',
  ظ: 'z',
  ع: '3',
  غ: 'g',
  ف: 'f',
  ق: 'k',
  ك: 'k',
  ل: 'l',
  م: 'm',
  ن: 'n',
  ه: 'h',
};

/** Latin letters and digits → consonant classes; a list gives the readings a writer may have meant. */
const LATIN_CLASS: Record<string, readonly string[]> = {
  b: ['b'],
  p: ['b'],
  t: ['t'],
  j: ['j'],
  // Egyptian writers use g for ج; elsewhere it is usually غ.
  g: ['j', 'g'],
  d: ['d'],
  r: ['r'],
  z: ['z'],
  s: ['s'],
  f: ['f'],
  v: ['f'],
  q: ['k'],
  k: ['k'],
  c: ['k'],
  l: ['l'],
  m: ['m'],
  n: ['n'],
  h: ['h'],
  x: ['x'],
  // Hamza, or ق as spoken in Cairo and the Levant.
  '2': ['', 'k'],
  '3': ['3'],
  '5': ['x'],
  '6': ['t'],
  '7': ['h'],
  '8': ['g'],
  '9': ['k'],
};

/** Two-character spellings read before single characters. */
const LATIN_PAIRS: Record<string, string> = {
  sh: 'S',
  ch: 'S',
  kh: 'x',
  gh: 'g',
  th: 's',
  dh: 'd',
  "3'": 'g',
  "7'": 'x',
  "6'": 'z',
};

/** Readings of one word are multiplied per ambiguous letter; a word with more gives up (no rewrite). */
const MAX_READINGS = 8;
const MIN_SKELETON = 3;
/**
 * Negation words written with consonants only (مش, لم, لن) match with two. Those with a vowel letter would
 * collide with common words: ماني's skeleton is that of "min" (من, from).
 */
const MIN_NEGATION_SKELETON = 2;

/** The categories whose terms an Arabizi word may stand for (quotation cues are phrases, not used here). */
const CATEGORIES = TERM_CATEGORIES.filter((category) => category !== 'quoteCues');

const ARABIC_LETTER = /[\u0600-\u06ff]/u;
const LATIN_WORD = /[\p{Script=Latin}0-9'-]+/gu;

function collapse(classes: string): string {
  let out = '';
  for (const c of classes) if (c !== out.at(-1)) out += c;
  return out;
}

/** ي and و are consonants at the start of a word (يهود yahood, وطن watan), where they stand for no vowel. */
const ARABIC_INITIAL: Record<string, string> = { ي: 'y', و: 'w' };
const LATIN_INITIAL: Record<string, string> = { y: 'y', w: 'w' };

/** The skeletons of an Arabic term: without the article, and also without a final ه (often ة). */
function arabicSkeletons(word: string): string[] {
  const bare = word.startsWith('ال') && word.length > 3 ? word.slice(2) : word;
  const skeleton = collapse(
    [...bare].map((ch, i) => (i === 0 ? ARABIC_INITIAL[ch] : undefined) ?? ARABIC_CLASS[ch] ?? '').join(''),
  );
  const out = [skeleton];
  if (skeleton.endsWith('h') && bare.endsWith('ه')) out.push(skeleton.slice(0, -1));
  return out;
}

/** Every reading of a Latin word as a skeleton; none when it has more than `MAX_READINGS`. */
function readingsOf(lower: string): string[] {
  let readings = [LATIN_INITIAL[lower[0] ?? ''] ?? ''];
  for (let i = readings[0] === '' ? 0 : 1; i < lower.length; i++) {
    const pair = LATIN_PAIRS[lower.slice(i, i + 2)];
    const options = pair !== undefined ? [pair] : (LATIN_CLASS[lower[i]!] ?? ['']);
    if (pair !== undefined) i++;
    if (options.length > 1) {
      readings = readings.flatMap((r) => options.map((o) => r + o));
      if (readings.length > MAX_READINGS) return [];
    } else readings = readings.map((r) => r + options[0]);
  }
  return readings.map(collapse);
}

/** The skeletons of a Latin word, also read without an article written onto it (el-kilab, alyahood). */
function latinSkeletons(word: string): string[] {
  const lower = word.toLowerCase();
  const skeletons = readingsOf(lower);
  const article = /^[aei]l-?/u.exec(lower);
  if (article && lower.length - article[0].length >= 3)
    skeletons.push(...readingsOf(lower.slice(article[0].length)));
  return [...new Set(skeletons)];
}

export class ArabiziReader {
  /** Skeleton → the pack term it is the skeleton of (the first in pack order wins). */
  private readonly exact = new Map<string, string>();
  /** Prefix terms (`stem*`) by the skeleton of their stem, longest first: the most specific stem wins. */
  private readonly prefixes: { skeleton: string; term: string }[] = [];

  constructor(pack: LanguagePack) {
    for (const category of CATEGORIES) {
      const minLength = category === 'negation' ? MIN_NEGATION_SKELETON : MIN_SKELETON;
      for (const raw of pack[category] ?? []) {
        const written = typeof raw === 'string' ? raw : raw.term;
        const prefix = written.endsWith('*');
        const term = prefix ? written.slice(0, -1) : written;
        if (term.includes(' ') || !ARABIC_LETTER.test(term)) continue;
        for (const skeleton of arabicSkeletons(term)) {
          const short = skeleton.length < MIN_SKELETON;
          if (skeleton.length < minLength || (short && skeleton.length !== [...term].length)) continue;
          if (prefix) this.prefixes.push({ skeleton, term });
          else if (!this.exact.has(skeleton)) this.exact.set(skeleton, term);
        }
      }
    }
    this.prefixes.sort((a, b) => b.skeleton.length - a.skeleton.length);
  }

  /** The pack term a Latin word stands for, if its skeleton is one. */
  private termFor(word: string): string | undefined {
    const skeletons = latinSkeletons(word);
    for (const skeleton of skeletons) {
      const term = this.exact.get(skeleton);
      if (term !== undefined) return term;
    }
    return this.prefixes.find(({ skeleton: stem }) => skeletons.some((s) => s.startsWith(stem)))?.term;
  }

  /**
   * `text` with each Latin word that stands for a pack term replaced by the term; undefined when no word did
   * (the caller then keeps its own reading of the text).
   */
  rewrite(text: string): string | undefined {
    let replaced = 0;
    const out = text.replace(LATIN_WORD, (word) => {
      if (!/\p{Script=Latin}/u.test(word)) return word;
      const term = this.termFor(word);
      if (term === undefined) return word;
      replaced++;
      return term;
    });
    return replaced > 0 ? out : undefined;
  }
}
