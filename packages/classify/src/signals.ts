import type { TermMatch } from './packs/matcher.ts';

/**
 * Language-independent evidence derived from language-pack matches. The same vector feeds the hand-set
 * pack score and the trained model, so a model trained on languages with data transfers its weights for
 * these features to languages without data.
 */
export const SIGNAL_FEATURES = [
  'identity',
  'slur',
  'slurReclaimed',
  'negative',
  'dehumanising',
  'threat',
  'profanity',
  'positive',
  'negatedNegative',
  'negatedPositive',
  'identityNegative',
  'identityProfanity',
  'identityPositive',
  'identityNegatedPositive',
  'counter',
  'quote',
  'evasion',
] as const;
export type SignalFeature = (typeof SIGNAL_FEATURES)[number];
export type SignalVector = Record<SignalFeature, number>;

/**
 * Negation reaches a term with at most this many tokens in between. In Chinese and Thai, written without
 * spaces, it reaches to the end of its clause instead (不/没/ไม่ scope over the rest of the verb phrase).
 */
const NEGATION_WINDOW_WORDS = 2;
/**
 * A quoted passage of three or more words (four or more characters in scripts written without spaces):
 * reported speech. One or two quoted words are scare quotes and do not count.
 */
const QUOTED_PASSAGE =
  /["“«„「『‘](?:\S+(?:\s+\S+){2,}|[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Hangul}\s]{4,})["”»」』’]/u;

const NEGATIVE = new Set(['dehumanising', 'derogatory', 'hate', 'threats']);

/**
 * Whether a negation cue governs `term`: it must lie outside the term (a cue inside an entry such as
 * "no respect" is part of its meaning, not a negation of it) and within its scope before the term, or
 * after it for verb-final languages.
 */
function negated(term: TermMatch, negations: TermMatch[], options: SignalOptions): boolean {
  const { chars, negationAfter: both, clauseBreaks = [] } = options;
  const window = chars ? Infinity : NEGATION_WINDOW_WORDS;
  return negations.some((n) => {
    const before =
      n.end <= term.start &&
      term.start - n.end <= window &&
      !clauseBreaks.some((b) => b >= n.end && b <= term.start);
    const after =
      both &&
      n.start >= term.end &&
      n.start - term.end <= window &&
      !clauseBreaks.some((b) => b >= term.end && b <= n.start);
    return before || after;
  });
}

export interface SignalOptions {
  chars: boolean;
  negationAfter: boolean;
  /** Positions (match coordinates) where a clause ends: negation does not reach across them. */
  clauseBreaks?: readonly number[];
}

export function computeSignals(matches: TermMatch[], rawText: string, options: SignalOptions): SignalVector {
  const negations = matches.filter((m) => m.category === 'negation');
  const has = (category: string) => matches.some((m) => m.category === category);
  let negative = 0;
  let negatedNegative = 0;
  let positive = 0;
  let negatedPositive = 0;
  for (const m of matches) {
    if (NEGATIVE.has(m.category)) {
      if (negated(m, negations, options)) negatedNegative = 1;
      else negative = 1;
    } else if (m.category === 'positive') {
      if (negated(m, negations, options)) negatedPositive = 1;
      else positive = 1;
    }
  }
  const identity = has('identity') ? 1 : 0;
  const slur = matches.some((m) => m.category === 'slurs' && !m.reclaimed) ? 1 : 0;
  const slurReclaimed = matches.some((m) => m.category === 'slurs' && m.reclaimed) ? 1 : 0;
  const profanity = has('profanity') ? 1 : 0;
  const target = identity || slur ? 1 : 0;
  return {
    identity,
    slur,
    slurReclaimed,
    negative,
    dehumanising: has('dehumanising') ? 1 : 0,
    threat: matches.some((m) => m.category === 'threats' && !negated(m, negations, options)) ? 1 : 0,
    profanity,
    positive,
    negatedNegative: negatedNegative && !negative ? 1 : 0,
    negatedPositive,
    identityNegative: target && negative ? 1 : 0,
    identityProfanity: target && profanity ? 1 : 0,
    identityPositive: target && positive && !negative ? 1 : 0,
    identityNegatedPositive: target && negatedPositive ? 1 : 0,
    counter: Math.min(2, matches.filter((m) => m.category === 'counter').length),
    quote: QUOTED_PASSAGE.test(rawText) || has('quoteCues') ? 1 : 0,
    evasion: matches.some((m) => m.kind !== 'exact' && m.category !== 'negation') ? 1 : 0,
  };
}

/**
 * Hand-set weights (log-odds) encoding the HateCheck-style reading of a text: an attack needs a protected
 * target (identity term or slur) plus negative content; negation, positive framing, counter-speech and
 * quotation pull the other way. Chosen from linguistic reasoning, not fitted to any evaluation set.
 */
export const PACK_WEIGHTS: Readonly<Record<SignalFeature, number>> & { bias: number } = {
  bias: -2.0,
  identity: 1.2,
  slur: 3.0,
  slurReclaimed: 0.8,
  negative: 0.8,
  dehumanising: 0.4,
  threat: 0.4,
  profanity: 0.4,
  positive: -0.3,
  negatedNegative: -1.0,
  negatedPositive: 0.3,
  identityNegative: 2.2,
  identityProfanity: 1.2,
  identityPositive: -1.8,
  identityNegatedPositive: 1.8,
  counter: -1.8,
  quote: -2.4,
  evasion: 0.3,
};

export function packLogit(signals: SignalVector): number {
  let z = PACK_WEIGHTS.bias;
  for (const f of SIGNAL_FEATURES) z += PACK_WEIGHTS[f] * signals[f];
  return z;
}
