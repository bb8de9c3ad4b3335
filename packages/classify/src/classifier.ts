import { normaliseText } from '@vigie/hashing';
import { ClassifyError } from './errors.ts';
import { ArabiziReader } from './lang/arabizi.ts';
import { LanguageIdentifier, type LanguageGuess } from './lang/identify.ts';
import { detectScript, type Script } from './lang/script.ts';
import { loadPackDir } from './packs/load.ts';
import { PackMatcher, maskIdentityTerms, type MatchKind, type TermMatch } from './packs/matcher.ts';
import type { LanguagePack, TermCategory } from './packs/schema.ts';
import { computeSignals, packLogit, type SignalVector } from './signals.ts';
import type { TextModel } from './model/linear.ts';

/** Texts longer than this are truncated (and say so): the signals that matter fit in far less. */
export const MAX_TEXT_CHARS = 5000;
const LOW_LANG_CONFIDENCE = 0.5;

export type Label = 'hateful' | 'non-hateful';

export type Signal =
  | { type: 'term'; category: TermCategory; term: string; match: MatchKind }
  | { type: 'model'; name: string; score: number }
  | { type: 'language'; lang: string; confidence: number; script: Script; mixedScript: boolean };

export interface ClassifyResult {
  lang: string;
  langConfidence: number;
  script: Script;
  label: Label;
  /** Probability-like score in [0, 1]; `label` is `hateful` when it reaches the language's threshold. */
  score: number;
  threshold: number;
  signals: Signal[];
  truncated: boolean;
  /** Language unknown or guessed with low confidence: treat the label with care. */
  lowConfidence: boolean;
}

export interface ClassifyOptions {
  /** Language of the text when the caller knows it (BCP-47-ish: `en`, `hi-Latn`, `zh-Hans`). */
  lang?: string;
}

export interface ClassifierOptions {
  /** Folder of language packs; defaults to the starter packs shipped with the package. */
  packDir?: string;
  /** Packs to use instead of (or on top of, for the same language) the folder's packs. */
  packs?: LanguagePack[];
  /** Trained model combined with the pack score; `null` for packs only. */
  model?: TextModel | null;
  /** Decision threshold per language; `default` for the rest. */
  thresholds?: Record<string, number>;
}

/** What the classifier reads in a text before any model: used by training and for debugging. */
export interface Analysis {
  text: string;
  truncated: boolean;
  /** The normalised text the packs read (match spans index it); Arabizi words that stand for Arabic terms are
   *  written as those terms (`ArabiziReader`). */
  normalised: string;
  /** What the trained model reads: `normalised` with identity terms replaced by a placeholder. */
  modelText: string;
  lang: string;
  langConfidence: number;
  script: Script;
  mixedScript: boolean;
  matches: TermMatch[];
  signals: SignalVector;
  packLogit: number;
}

export interface Classifier {
  readonly languages: readonly string[];
  classify(text: string, options?: ClassifyOptions): ClassifyResult;
  analyse(text: string, options?: ClassifyOptions): Analysis;
}

const UNDETERMINED = 'und';
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/gu;

function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

/** Cuts at a code-point boundary and repairs lone surrogates so every later step sees valid text. */
function prepare(text: string): { text: string; truncated: boolean } {
  const truncated = text.length > MAX_TEXT_CHARS;
  const cut = truncated ? text.slice(0, MAX_TEXT_CHARS) : text;
  return { text: cut.replace(LONE_SURROGATE, '\uFFFD'), truncated };
}

/**
 * Clause ends of a character-language text in the matcher's coordinates (characters without spaces): the
 * normaliser turns punctuation into spaces, and text in these scripts has no spaces between words.
 */
function clauseBreaksOf(normalised: string): number[] {
  const breaks: number[] = [];
  let position = 0;
  for (const ch of normalised) {
    if (ch === ' ') breaks.push(position);
    else position += ch.length;
  }
  return breaks;
}

function buildMatchers(packs: Map<string, LanguagePack>): Map<string, PackMatcher> {
  const matchers = new Map<string, PackMatcher>();
  for (const pack of packs.values()) {
    const included = (pack.includes ?? [])
      .map((l) => packs.get(l))
      .filter((p): p is LanguagePack => p !== undefined);
    matchers.set(pack.lang, new PackMatcher([pack, ...included]));
  }
  const wordPacks = [...packs.values()].filter((p) => p.segmentation === 'words');
  if (wordPacks.length > 0) matchers.set(UNDETERMINED, new PackMatcher(wordPacks));
  return matchers;
}

/** Maps a caller's language tag onto a pack: exact, then script-aware (`hi` + Latin → `hi-Latn`), then base. */
function resolveLang(tag: string, script: Script, available: ReadonlySet<string>): string {
  if (tag === 'hi' && script === 'Latn' && available.has('hi-Latn')) return 'hi-Latn';
  if (available.has(tag)) return tag;
  const base = tag.split(/[-_]/u)[0]?.toLowerCase() ?? '';
  return available.has(base) ? base : UNDETERMINED;
}

export async function createClassifier(options: ClassifierOptions = {}): Promise<Classifier> {
  const packs = loadPackDir(options.packDir);
  for (const pack of options.packs ?? []) packs.set(pack.lang, pack);
  const matchers = buildMatchers(packs);
  const languages = [...packs.keys()].sort();
  const available = new Set(languages);
  const identifier = await LanguageIdentifier.create(languages);
  const model = options.model ?? null;
  const thresholds = options.thresholds ?? {};
  const arabicPack = packs.get('ar');
  const arabizi = arabicPack ? new ArabiziReader(arabicPack) : null;

  function analyse(input: string, classifyOptions: ClassifyOptions = {}): Analysis {
    if (typeof input !== 'string') throw new ClassifyError('INVALID_INPUT', 'text must be a string');
    const { text, truncated } = prepare(input);
    const normalised = normaliseText(text);
    let guess: LanguageGuess;
    if (classifyOptions.lang) {
      const profile = detectScript(text);
      const lang = resolveLang(classifyOptions.lang, profile.main, available);
      guess = {
        lang,
        confidence: lang === UNDETERMINED ? 0 : 1,
        script: profile.main,
        mixedScript: profile.mixed,
      };
    } else {
      guess = identifier.identify(text, normalised);
    }
    const { lang, confidence: langConfidence } = guess;
    const matcher = matchers.get(lang) ?? matchers.get(UNDETERMINED);
    // Arabic in Latin letters: the words that stand for Arabic pack terms are read as those terms.
    const arabiziText = lang === 'ar' && guess.script === 'Latn' ? arabizi?.rewrite(text) : undefined;
    const packText = arabiziText === undefined ? normalised : normaliseText(arabiziText);
    const matches = matcher ? matcher.match(packText) : [];
    const chars = matcher?.segmentation === 'chars';
    const signals = computeSignals(matches, text, {
      chars,
      clauseBreaks: chars ? clauseBreaksOf(packText) : [],
      negationAfter: packs.get(lang)?.negationScope === 'both',
    });
    return {
      text,
      truncated,
      normalised: packText,
      modelText: maskIdentityTerms(packText, matches, matcher?.segmentation ?? 'words'),
      lang,
      langConfidence,
      script: guess.script,
      mixedScript: guess.mixedScript,
      matches,
      signals,
      packLogit: packLogit(signals),
    };
  }

  function classify(input: string, classifyOptions: ClassifyOptions = {}): ClassifyResult {
    const a = analyse(input, classifyOptions);
    const signals: Signal[] = [
      {
        type: 'language',
        lang: a.lang,
        confidence: a.langConfidence,
        script: a.script,
        mixedScript: a.mixedScript,
      },
    ];
    const seen = new Set<string>();
    for (const m of a.matches) {
      const key = `${m.category}\u0000${m.term}`;
      if (seen.has(key)) continue;
      seen.add(key);
      signals.push({ type: 'term', category: m.category, term: m.term, match: m.kind });
    }
    let logit = a.packLogit;
    if (model?.appliesTo(a.lang)) {
      const modelLogit = model.logit(a.modelText, a.lang, a.signals);
      signals.push({ type: 'model', name: model.name, score: sigmoid(modelLogit) });
      logit = model.combine(logit, modelLogit, a.lang);
    }
    const score = sigmoid(logit);
    const threshold = thresholds[a.lang] ?? thresholds.default ?? 0.5;
    return {
      lang: a.lang,
      langConfidence: a.langConfidence,
      script: a.script,
      label: score >= threshold ? 'hateful' : 'non-hateful',
      score,
      threshold,
      signals,
      truncated: a.truncated,
      lowConfidence: a.lang === UNDETERMINED || a.langConfidence < LOW_LANG_CONFIDENCE,
    };
  }

  return { languages, classify, analyse };
}
