/**
 * Language pack format `vigie.langpack/1`: one JSON file per language, edited by organisations and shared
 * between them. Every list holds surface forms; a trailing `*` makes a prefix entry (for inflected
 * languages: `muzułma*` matches muzułmanie, muzułmanów...). Terms are compared after `normaliseText`, so
 * they may be written with or without diacritics and case. See packages/classify/README.md.
 */
export const PACK_SCHEMA = 'vigie.langpack/1';

/** Lists whose terms are matched in text, in the order signals are reported. */
export const TERM_CATEGORIES = [
  'identity',
  'slurs',
  'dehumanising',
  'derogatory',
  'hate',
  'threats',
  'profanity',
  'positive',
  'negation',
  'counter',
  'quoteCues',
] as const;
export type TermCategory = (typeof TERM_CATEGORIES)[number];

export interface SlurEntry {
  term: string;
  /** Protected characteristic the slur targets, e.g. `race`, `sexuality`. */
  group: string;
  /** True when in-group reclaimed use is common: the match counts less on its own. */
  reclaimed?: boolean;
  note?: string;
}

export interface Reviewer {
  name: string;
  organisation?: string;
  date: string;
}

export interface LanguagePack {
  schema: typeof PACK_SCHEMA;
  /** BCP-47-style code used by the classifier: `en`, `hi-Latn`, `en-SG`. */
  lang: string;
  name: string;
  /** Semantic version of this pack's content; bump on every edit. */
  version: string;
  /** `words` splits on spaces; `chars` matches terms anywhere (Chinese, Thai, Japanese). */
  segmentation: 'words' | 'chars';
  provenance: string;
  /** Who checked the pack; `null` until a native speaker has reviewed it. */
  reviewer: Reviewer | null;
  /** Other packs whose terms also apply, e.g. `en-SG` includes `en` and `ms`. */
  includes?: string[];
  /** Where negation sits relative to what it negates: `before` (English, French), or `both` for verb-final
   * languages (Hindi, Tamil, Korean, Turkish) where it follows the verb. Default `before`. */
  negationScope?: 'before' | 'both';
  /**
   * Prefixes written onto the next word (Arabic و ف ب ل ك, the article ال and their combinations): a word
   * that matches no term is tried again without one of them, longest first, if three letters are left.
   */
  proclitics?: string[];
  /** Free-text notes for maintainers, keyed by topic. */
  notes?: Record<string, string>;
  identity: string[];
  slurs: SlurEntry[];
  dehumanising: string[];
  derogatory: string[];
  hate: string[];
  threats: string[];
  profanity: string[];
  positive: string[];
  negation: string[];
  counter: string[];
  quoteCues: string[];
}

export class PackError extends Error {
  readonly code = 'INVALID_LANGUAGE_PACK';
}

function stringList(value: unknown, field: string, lang: string): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
    throw new PackError(`pack ${lang}: "${field}" must be a list of strings`);
  }
  return value as string[];
}

/** Checks an untrusted JSON value (a file, an upload from the console) and returns a typed pack. */
export function validatePack(raw: unknown): LanguagePack {
  if (typeof raw !== 'object' || raw === null) throw new PackError('pack must be a JSON object');
  const o = raw as Record<string, unknown>;
  if (o.schema !== PACK_SCHEMA) throw new PackError(`pack schema must be "${PACK_SCHEMA}"`);
  for (const field of ['lang', 'name', 'version', 'provenance'] as const) {
    if (typeof o[field] !== 'string' || o[field] === '')
      throw new PackError(`pack: "${field}" must be a non-empty string`);
  }
  const lang = o.lang as string;
  if (o.segmentation !== 'words' && o.segmentation !== 'chars') {
    throw new PackError(`pack ${lang}: "segmentation" must be "words" or "chars"`);
  }
  const slurs = o.slurs === undefined ? [] : o.slurs;
  if (
    !Array.isArray(slurs) ||
    slurs.some((s) => typeof s?.term !== 'string' || typeof s?.group !== 'string')
  ) {
    throw new PackError(`pack ${lang}: "slurs" must be a list of {term, group}`);
  }
  const pack = {
    schema: PACK_SCHEMA,
    lang,
    name: o.name as string,
    version: o.version as string,
    segmentation: o.segmentation,
    provenance: o.provenance as string,
    reviewer: (o.reviewer ?? null) as Reviewer | null,
    includes: stringList(o.includes, 'includes', lang),
    negationScope: o.negationScope === 'both' ? 'both' : 'before',
    proclitics: stringList(o.proclitics, 'proclitics', lang),
    notes: (typeof o.notes === 'object' && o.notes !== null ? o.notes : {}) as Record<string, string>,
    slurs: slurs as SlurEntry[],
  } as LanguagePack;
  for (const category of TERM_CATEGORIES) {
    if (category !== 'slurs') pack[category] = stringList(o[category], category, lang);
  }
  return pack;
}
