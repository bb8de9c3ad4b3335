import { describe, expect, it } from 'vitest';
import { exportPack, loadPackDir } from '../src/packs/load.ts';
import { TERM_CATEGORIES, validatePack } from '../src/packs/schema.ts';

const REQUIRED = [
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
  'hi-Latn',
  'ms',
  'ta',
  'id',
  'tl',
  'th',
  'vi',
  'tr',
  'ko',
  'en-SG',
  'sw',
  'am',
];
const packs = loadPackDir();

describe('starter language packs', () => {
  it('exist for every language of the issue', () => {
    expect([...packs.keys()].sort()).toEqual([...REQUIRED].sort());
  });

  it.each(REQUIRED)('%s has provenance, a reviewer field and terms in every core list', (lang) => {
    const pack = packs.get(lang);
    expect(pack?.provenance.length).toBeGreaterThan(20);
    expect(pack).toHaveProperty('reviewer');
    for (const category of ['identity', 'hate', 'threats', 'negation', 'positive', 'counter'] as const) {
      expect(pack?.[category].length, `${lang}.${category}`).toBeGreaterThan(0);
    }
    expect(pack?.slurs.every((s) => s.group.length > 0)).toBe(true);
  });

  it('only include packs that exist', () => {
    for (const pack of packs.values())
      for (const other of pack.includes ?? [])
        expect(packs.has(other), `${pack.lang} includes ${other}`).toBe(true);
  });

  it('export to JSON that validates back to the same pack', () => {
    const en = packs.get('en');
    expect(validatePack(JSON.parse(exportPack(en!)))).toEqual(en);
  });
});

describe('validatePack', () => {
  const base = {
    schema: 'vigie.langpack/1',
    lang: 'xx',
    name: 'X',
    version: '1.0.0',
    segmentation: 'words',
    provenance: 'p',
    reviewer: null,
  };

  it('accepts a minimal pack and fills empty lists', () => {
    const pack = validatePack(base);
    for (const c of TERM_CATEGORIES) expect(Array.isArray(pack[c])).toBe(true);
  });

  it.each([
    ['wrong schema', { ...base, schema: 'other' }],
    ['missing lang', { ...base, lang: '' }],
    ['bad segmentation', { ...base, segmentation: 'syllables' }],
    ['terms not strings', { ...base, identity: [1, 2] }],
    ['slur without group', { ...base, slurs: [{ term: 'x' }] }],
    ['not an object', 'pack'],
  ])('rejects %s with a stable code', (_name, raw) => {
    expect(() => validatePack(raw)).toThrowError(expect.objectContaining({ code: 'INVALID_LANGUAGE_PACK' }));
  });
});
