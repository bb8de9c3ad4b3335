import { describe, expect, it } from 'vitest';
import { normaliseText } from '@vigie/hashing';
import { IDENTITY_PLACEHOLDER, PackMatcher, maskIdentityTerms } from '../src/packs/matcher.ts';
import { validatePack, type LanguagePack } from '../src/packs/schema.ts';

function pack(overrides: Partial<LanguagePack>): LanguagePack {
  return validatePack({
    schema: 'vigie.langpack/1',
    lang: 'xx',
    name: 'Test',
    version: '0.0.1',
    segmentation: 'words',
    provenance: 'test',
    reviewer: null,
    ...overrides,
  });
}

const words = new PackMatcher([
  pack({
    identity: ['teachers', 'blue people'],
    hate: ['loathe'],
    dehumanising: ['vermin*'],
    negation: ['not'],
    slurs: [{ term: 'blorp', group: 'colour', reclaimed: true }],
  }),
]);

/** A pack whose proclitic would leave fewer than three letters of its term. */
const pack2 = () => new PackMatcher([pack({ proclitics: ['l'], identity: ['ve'] })]);

const found = (matcher: PackMatcher, text: string) =>
  matcher.match(normaliseText(text)).map((m) => `${m.category}:${m.term}:${m.kind}`);

describe('PackMatcher (words)', () => {
  it('matches single words, multi-word terms and prefix entries', () => {
    expect(found(words, 'I loathe Blue People, verminous lot')).toEqual([
      'hate:loathe:exact',
      'identity:blue people:exact',
      'dehumanising:vermin*:exact',
    ]);
  });

  it('does not match inside other words without a prefix entry', () => {
    expect(found(words, 'bluepeoplex unloathedly')).toEqual([]);
  });

  it('matches one-typo variants of long words', () => {
    expect(found(words, 'I laothe them')).toEqual(['hate:loathe:fuzzy']);
    expect(found(words, 'I loath them')).toEqual(['hate:loathe:fuzzy']);
  });

  it('matches one typo in the stem of identity and slur prefix entries, keeping the first letter', () => {
    const prefixes = new PackMatcher([pack({ identity: ['musician*'], dehumanising: ['vermin*'] })]);
    for (const text of ['musicans', 'musicains', 'muzicians', 'musiciian'])
      expect(found(prefixes, text), text).toEqual(['identity:musician*:fuzzy']);
    expect(found(prefixes, 'lusicians')).toEqual([]);
    expect(found(prefixes, 'vermon')).toEqual([]);
  });

  it('matches words glued to a neighbour', () => {
    expect(found(words, 'Theyloathe teachers')).toEqual(['hate:loathe:glued', 'identity:teachers:exact']);
  });

  it('matches a prefix entry glued after another word, when its stem has five letters or more', () => {
    expect(found(words, 'allverminous')).toEqual(['dehumanising:vermin*:glued']);
    const short = new PackMatcher([pack({ identity: ['arab*'] })]);
    expect(found(short, 'arabs')).toEqual(['identity:arab*:exact']);
    // A four-letter stem inside a word ("scarab") is not read as the term.
    expect(found(short, 'scarabs')).toEqual([]);
  });

  it('matches a four-letter token that drops one letter of a five-letter entry, first letter kept', () => {
    const five = new PackMatcher([pack({ hate: ['haine'], identity: ['women'] })]);
    expect(found(five, 'tant de hane')).toEqual(['hate:haine:fuzzy']);
    expect(found(five, 'omen')).toEqual([]);
    expect(found(five, 'hain')).toEqual(['hate:haine:fuzzy']);
  });

  it('matches a word written with a proclitic of the pack, if three letters are left', () => {
    const arabicLike = new PackMatcher([
      pack({ proclitics: ['wa', 'bil', 'l'], identity: ['teachers'], dehumanising: ['vermin*'] }),
    ]);
    expect(found(arabicLike, 'wateachers bilverminous')).toEqual([
      'identity:teachers:exact',
      'dehumanising:vermin*:exact',
    ]);
    // Without the proclitic list, or with too little left, nothing is read.
    expect(found(words, 'wateachers')).toEqual([]);
    expect(found(pack2(), 'lve')).toEqual([]);
  });

  it('never fuzzy-matches cue words', () => {
    expect(found(words, 'knot')).toEqual([]);
  });

  it('keeps the reclaimed flag of slurs', () => {
    expect(words.match('blorp')[0]?.reclaimed).toBe(true);
  });
});

describe('PackMatcher (chars)', () => {
  const chars = new PackMatcher([
    pack({ segmentation: 'chars', hate: ['讨厌'], identity: ['老师'], negation: ['不'] }),
  ]);

  it('finds terms anywhere, ignoring spaces', () => {
    expect(found(chars, '我 不 讨厌老师')).toEqual([
      'negation:不:exact',
      'hate:讨厌:exact',
      'identity:老师:exact',
    ]);
  });
});

describe('maskIdentityTerms', () => {
  const mask = (matcher: PackMatcher, text: string) => {
    const normalised = normaliseText(text);
    return maskIdentityTerms(normalised, matcher.match(normalised), matcher.segmentation);
  };

  it('replaces each identity term, one or several words, by one placeholder and keeps the rest', () => {
    expect(mask(words, 'Blue people and teachers loathe vermin')).toBe(
      `${IDENTITY_PLACEHOLDER} and ${IDENTITY_PLACEHOLDER} loathe vermin`,
    );
    expect(mask(words, 'nothing to mask here')).toBe('nothing to mask here');
  });

  it('maps character-language spans back onto the text with its spaces', () => {
    const chars = new PackMatcher([pack({ segmentation: 'chars', identity: ['老师'], hate: ['讨厌'] })]);
    expect(mask(chars, '我讨厌老 师, 真的')).toBe(`我讨厌${IDENTITY_PLACEHOLDER} 真的`);
  });
});
