import { normaliseText } from '@vigie/hashing';
import type { LanguagePack, TermCategory } from './schema.ts';
import { TERM_CATEGORIES } from './schema.ts';

/** How a term was found: as written, with one typo, or glued to a neighbouring word. */
export type MatchKind = 'exact' | 'fuzzy' | 'glued';

export interface TermMatch {
  category: TermCategory;
  term: string;
  /** Token (words) or character (chars) span in the normalised text, end exclusive. */
  start: number;
  end: number;
  kind: MatchKind;
  reclaimed: boolean;
}

interface Entry {
  category: TermCategory;
  term: string;
  tokens: string[];
  /** The last token is a prefix. */
  prefix: boolean;
  reclaimed: boolean;
}

const MIN_FUZZY_LENGTH = 5;
/**
 * One-typo matching of prefix entries ("muslmans" for `muslim*`) is kept to the words that name a target:
 * stems of other lists, followed by any ending, meet too many ordinary words one edit away.
 */
const FUZZY_PREFIX_CATEGORIES: ReadonlySet<TermCategory> = new Set(['identity', 'slurs']);
/** Cue words are matched exactly: a typo-tolerant "not" or "said" fires on too many ordinary words. */
const EXACT_ONLY: ReadonlySet<TermCategory> = new Set(['negation', 'counter', 'quoteCues', 'positive']);
const MIN_GLUED_PART = 3;
const MIN_STEM_AFTER_PROCLITIC = 3;
/** A prefix stem found inside a glued token needs this many letters: shorter stems occur inside many words. */
const MIN_GLUED_STEM = 5;

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** A match of entry `e` over tokens (or characters) `start` to `end`, end exclusive. */
const termMatch = (e: Entry, start: number, end: number, kind: MatchKind): TermMatch => ({
  category: e.category,
  term: e.term,
  start,
  end,
  kind,
  reclaimed: e.reclaimed,
});

/** Whether `a` becomes `b` by one insertion, deletion, substitution or swap of neighbours (not zero). */
function oneEdit(a: string, b: string): boolean {
  if (a === b || Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/** Single-character deletions of a word (the SymSpell trick: two words within one edit share one). */
function deletions(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

function entriesOf(pack: LanguagePack): Entry[] {
  const entries: Entry[] = [];
  for (const category of TERM_CATEGORIES) {
    const list =
      category === 'slurs' ? pack.slurs : pack[category].map((term) => ({ term, reclaimed: false }));
    for (const item of list) {
      const prefix = item.term.trimEnd().endsWith('*');
      const normalised = normaliseText(item.term);
      if (normalised === '') continue;
      const tokens = pack.segmentation === 'chars' ? [normalised.replaceAll(' ', '')] : normalised.split(' ');
      entries.push({ category, term: item.term, tokens, prefix, reclaimed: item.reclaimed === true });
    }
  }
  return entries;
}

/**
 * Finds a language pack's terms in normalised text. Word languages match token sequences (with prefix
 * entries, one-typo matches for longer words and words glued to a neighbour); character languages match
 * substrings of the text with spaces removed.
 */
export class PackMatcher {
  readonly lang: string;
  readonly segmentation: 'words' | 'chars';
  private readonly byFirstToken = new Map<string, Entry[]>();
  private readonly byPrefix = new Map<string, Entry[]>();
  private readonly prefixLengths: number[];
  private readonly byDeletion = new Map<string, Entry[]>();
  /** Stems of prefix entries and their one-character deletions, for one-typo prefix matches. */
  private readonly byPrefixDeletion = new Map<string, Entry[]>();
  /** Stem lengths of those prefix entries, by first letter (a typo must keep the first letter). */
  private readonly fuzzyPrefixLengths = new Map<string, number[]>();
  private readonly substringLengths: number[];
  /** Prefix stems that may be found glued after another word, by their first `MIN_GLUED_STEM` characters. */
  private readonly gluedStems = new Map<string, Entry[]>();
  /** The main pack's proclitics, normalised, longest first. */
  private readonly proclitics: string[];

  constructor(packs: readonly LanguagePack[]) {
    const main = packs[0];
    if (!main) throw new Error('PackMatcher needs at least one pack');
    this.lang = main.lang;
    this.segmentation = main.segmentation;
    this.proclitics = [...new Set((main.proclitics ?? []).map((p) => normaliseText(p)))]
      .filter((p) => p !== '' && !p.includes(' '))
      .sort((a, b) => b.length - a.length);
    const prefixLengths = new Set<number>();
    const substringLengths = new Set<number>();
    for (const pack of packs) {
      for (const entry of entriesOf(pack)) {
        const first = entry.tokens[0] as string;
        if (this.segmentation === 'chars') {
          push(this.byFirstToken, first, entry);
          substringLengths.add(first.length);
        } else if (entry.prefix && entry.tokens.length === 1) {
          push(this.byPrefix, first, entry);
          prefixLengths.add(first.length);
          if (first.length >= MIN_GLUED_STEM && !EXACT_ONLY.has(entry.category))
            push(this.gluedStems, first.slice(0, MIN_GLUED_STEM), entry);
          if (first.length >= MIN_FUZZY_LENGTH && FUZZY_PREFIX_CATEGORIES.has(entry.category)) {
            for (const d of deletions(first)) push(this.byPrefixDeletion, d, entry);
            push(this.byPrefixDeletion, first, entry);
            const lengths = this.fuzzyPrefixLengths.get(first[0] as string) ?? [];
            if (!lengths.includes(first.length)) lengths.push(first.length);
            this.fuzzyPrefixLengths.set(first[0] as string, lengths);
          }
        } else {
          push(this.byFirstToken, first, entry);
          if (
            entry.tokens.length === 1 &&
            first.length >= MIN_FUZZY_LENGTH &&
            !EXACT_ONLY.has(entry.category)
          ) {
            for (const d of deletions(first)) push(this.byDeletion, d, entry);
            push(this.byDeletion, first, entry);
          }
        }
      }
    }
    this.prefixLengths = [...prefixLengths].sort((a, b) => b - a);
    this.substringLengths = [...substringLengths].sort((a, b) => b - a);
  }

  /** `normalised` must come from `normaliseText`. */
  match(normalised: string): TermMatch[] {
    return this.segmentation === 'chars'
      ? this.matchChars(normalised.replaceAll(' ', ''))
      : this.matchWords(normalised.split(' '));
  }

  private matchChars(text: string): TermMatch[] {
    const out: TermMatch[] = [];
    for (let i = 0; i < text.length; i++) {
      for (const length of this.substringLengths) {
        if (i + length > text.length) continue;
        for (const e of this.byFirstToken.get(text.slice(i, i + length)) ?? []) {
          out.push(termMatch(e, i, i + length, 'exact'));
        }
      }
    }
    return out;
  }

  private matchWords(tokens: string[]): TermMatch[] {
    const out: TermMatch[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i] as string;
      if (token === '') continue;
      const found = this.matchAt(tokens, i, out) || this.matchWithoutProclitic(tokens, i, out);
      if (!found) this.matchEvasion(token, i, out);
    }
    return out;
  }

  /** `matchAt` on the word at `i` without its longest proclitic that leaves three letters or more. */
  private matchWithoutProclitic(tokens: string[], i: number, out: TermMatch[]): boolean {
    const token = tokens[i] as string;
    for (const proclitic of this.proclitics) {
      if (
        !token.startsWith(proclitic) ||
        [...token].length - [...proclitic].length < MIN_STEM_AFTER_PROCLITIC
      )
        continue;
      tokens[i] = token.slice(proclitic.length);
      const found = this.matchAt(tokens, i, out);
      tokens[i] = token;
      if (found) return true;
    }
    return false;
  }

  private matchAt(tokens: string[], i: number, out: TermMatch[]): boolean {
    const token = tokens[i] as string;
    let found = false;
    for (const e of this.byFirstToken.get(token) ?? []) {
      const end = i + e.tokens.length;
      if (end > tokens.length) continue;
      let ok = true;
      for (let k = 1; k < e.tokens.length && ok; k++) {
        const want = e.tokens[k] as string;
        const got = tokens[i + k] as string;
        ok = e.prefix && k === e.tokens.length - 1 ? got.startsWith(want) : got === want;
      }
      if (ok) {
        out.push(termMatch(e, i, end, 'exact'));
        found = true;
      }
    }
    for (const length of this.prefixLengths) {
      if (length > token.length) continue;
      for (const e of this.byPrefix.get(token.slice(0, length)) ?? []) {
        out.push(termMatch(e, i, i + 1, 'exact'));
        found = true;
      }
    }
    return found;
  }

  /**
   * One typo in the stem of a prefix entry ("muslmans", "imigrants" for `muslim*`, `immigr*`): stems of
   * length L are looked up by the one-character deletions of the token's first L-1, L or L+1 characters
   * (the SymSpell trick), then checked to be exactly one edit away.
   */
  private matchFuzzyPrefix(token: string, i: number, out: TermMatch[]): boolean {
    const seen = new Set<Entry>();
    for (const length of this.fuzzyPrefixLengths.get(token[0] as string) ?? []) {
      if (token.length < length - 1) continue;
      const keys = [token.slice(0, length - 1)];
      if (token.length >= length) keys.push(...deletions(token.slice(0, length)));
      if (token.length > length) keys.push(...deletions(token.slice(0, length + 1)));
      for (const key of keys) {
        for (const e of this.byPrefixDeletion.get(key) ?? []) {
          const stem = e.tokens[0] as string;
          if (seen.has(e) || stem.length !== length || !PackMatcher.prefixWithinOneEdit(token, stem))
            continue;
          seen.add(e);
          out.push(termMatch(e, i, i + 1, 'fuzzy'));
        }
      }
    }
    return seen.size > 0;
  }

  /** Whether some prefix of `token` (length L-1, L or L+1) is one edit (or one swap) from `stem`. */
  private static prefixWithinOneEdit(token: string, stem: string): boolean {
    const n = stem.length;
    // Typos rarely hit the first letter; requiring it keeps "kayak" from reading as "dayak*".
    if (token[0] !== stem[0]) return false;
    return [n - 1, n, n + 1].some(
      (length) => length <= token.length && oneEdit(token.slice(0, length), stem),
    );
  }

  /**
   * One-typo matches ("haet", "hatrd") and words glued to a neighbour ("ihate", "womenare"). A four-letter
   * token matches a five-letter entry with one letter dropped ("hane" for "haine"), if it keeps the first
   * letter: dropping the first letter turns too many words into others ("women" → "omen").
   */
  private matchEvasion(token: string, i: number, out: TermMatch[]): void {
    if (token.length >= MIN_FUZZY_LENGTH - 1) {
      const short = token.length < MIN_FUZZY_LENGTH;
      const seen = new Set<Entry>();
      for (const key of short ? [token] : [token, ...deletions(token)]) {
        for (const e of this.byDeletion.get(key) ?? []) {
          if (seen.has(e) || (short && (e.tokens[0] as string)[0] !== token[0])) continue;
          seen.add(e);
          out.push(termMatch(e, i, i + 1, 'fuzzy'));
        }
      }
      if (seen.size > 0) return;
      if (!short && this.matchFuzzyPrefix(token, i, out)) return;
    }
    for (let k = MIN_GLUED_PART; k <= token.length - MIN_GLUED_PART; k++) {
      const right = token.slice(k);
      for (const part of [token.slice(0, k), right]) {
        for (const e of this.byFirstToken.get(part) ?? []) {
          if (e.tokens.length !== 1 || EXACT_ONLY.has(e.category)) continue;
          out.push(termMatch(e, i, i + 1, 'glued'));
        }
      }
      // A prefix entry's stem glued after another word ("lesmusulmans" for `musulman*`): the stem must begin
      // the right part. (Glued before another word, the stem begins the token and `matchAt` found it.)
      for (const e of this.gluedStems.get(right.slice(0, MIN_GLUED_STEM)) ?? []) {
        if (right.startsWith(e.tokens[0] as string)) {
          out.push(termMatch(e, i, i + 1, 'glued'));
        }
      }
    }
  }
}

/** Stands for any identity term in the text the trained model reads (a private-use character). */
export const IDENTITY_PLACEHOLDER = '\uE000';

/**
 * The normalised text with every matched identity term replaced by one placeholder, so that n-gram
 * weights learn how a group is talked about rather than which group is named (identity-term masking, a
 * standard fix for models that flag any mention of a frequently targeted group). Match spans count
 * tokens for word languages and characters of the spaceless text for character languages.
 */
export function maskIdentityTerms(
  normalised: string,
  matches: readonly TermMatch[],
  segmentation: 'words' | 'chars',
): string {
  const identity = matches.filter((m) => m.category === 'identity');
  if (identity.length === 0) return normalised;
  const chars = segmentation === 'chars';
  const units = chars ? normalised.split('') : normalised.split(' ');
  const masked = new Array<boolean>(units.length).fill(false);
  // Position of each unit in the matcher's coordinates (spaces do not count in character languages).
  const position: number[] = [];
  let p = 0;
  for (const unit of units) position.push(chars && unit === ' ' ? -1 : p++);
  for (let i = 0; i < units.length; i++) {
    const at = position[i] as number;
    masked[i] = at >= 0 && identity.some((m) => at >= m.start && at < m.end);
  }
  // A space inside a term the character matcher found across it ("老 师") belongs to the term.
  for (let i = 1; i < units.length - 1; i++) {
    if (position[i] === -1 && masked[i - 1] && masked[i + 1]) masked[i] = true;
  }
  const out: string[] = [];
  for (let i = 0; i < units.length; i++) {
    if (!masked[i]) out.push(units[i] as string);
    else if (!masked[i - 1]) out.push(IDENTITY_PLACEHOLDER);
  }
  return out.join(chars ? '' : ' ');
}
