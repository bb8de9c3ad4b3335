import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { locales } from '../src/i18n/locales.ts';
import { negotiateLocale } from '../src/i18n/negotiate.ts';
import { interpolate } from '../src/i18n/interpolate.ts';
import { WEB_DIR } from './support/build.ts';

const I18N_DIR = path.join(WEB_DIR, 'src/i18n');
const readCatalogue = (code: string) =>
  JSON.parse(readFileSync(path.join(I18N_DIR, `${code}.json`), 'utf8')) as Record<string, string>;
const english = readCatalogue('en');
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

/** Every `t('key')` and `title: 'key'` literal in the sources, plus the key families built from values. */
function keysUsedInSources(): Set<string> {
  const used = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.tsx?$/.test(entry.name)) {
        const text = readFileSync(full, 'utf8');
        for (const match of text.matchAll(/\bt\(\s*'([^']+)'/g)) used.add(match[1] as string);
        for (const match of text.matchAll(/\btitle: '([^']+)'/g)) used.add(match[1] as string);
      }
    }
  };
  walk(path.join(WEB_DIR, 'src'));
  return used;
}

describe('message catalogues', () => {
  it('has a catalogue file for every locale the switcher offers, and no other', () => {
    const files = readdirSync(I18N_DIR)
      .filter((name) => name.endsWith('.json'))
      .map((name) => name.slice(0, -5))
      .sort();
    expect(files).toEqual(locales.map((locale) => locale.code).sort());
    expect(locales.map((l) => l.code)).toEqual(
      expect.arrayContaining(['fr', 'en', 'ar', 'es', 'pt', 'de', 'sw', 'hi', 'id', 'tr']),
    );
  });

  for (const { code } of locales.filter((l) => l.code !== 'en')) {
    describe(code, () => {
      const catalogue = readCatalogue(code);

      it('has exactly the keys of en', () => {
        expect(Object.keys(catalogue).sort()).toEqual(Object.keys(english).sort());
      });

      it('keeps the placeholders of every English message and leaves no message empty', () => {
        for (const [key, text] of Object.entries(english)) {
          const translated = catalogue[key] ?? '';
          expect(translated.trim(), `${code} ${key}`).not.toBe('');
          expect(placeholders(translated), `${code} ${key}`).toEqual(placeholders(text));
        }
      });

      it('is translated, not a copy of English', () => {
        // Product names, codes and a few cognates ("Administration", "Organisation") may stay identical.
        const same = Object.keys(english).filter((key) => catalogue[key] === english[key]);
        expect(
          same.length / Object.keys(english).length,
          `${code} untranslated: ${same.join(', ')}`,
        ).toBeLessThan(0.08);
      });
    });
  }

  it('defines every key the sources use', () => {
    const missing = [...keysUsedInSources()].filter((key) => !(key in english));
    expect(missing).toEqual([]);
  });

  it('marks Arabic, and only Arabic, as right-to-left', () => {
    expect(locales.filter((l) => l.dir === 'rtl').map((l) => l.code)).toEqual(['ar']);
  });
});

describe('negotiateLocale', () => {
  it('prefers a saved choice over the browser languages', () => {
    expect(negotiateLocale('ar', ['fr-FR', 'en'])).toBe('ar');
  });

  it('ignores a saved value that is not a locale', () => {
    expect(negotiateLocale('xx', ['de-DE'])).toBe('de');
  });

  it('matches browser languages exactly, then by base language, in preference order', () => {
    expect(negotiateLocale(null, ['pt-BR', 'fr'])).toBe('pt');
    expect(negotiateLocale(null, ['nl-NL', 'sw-KE', 'fr'])).toBe('sw');
    expect(negotiateLocale(null, ['ID'])).toBe('id');
  });

  it('falls back to English', () => {
    expect(negotiateLocale(null, ['nl', 'ja-JP'])).toBe('en');
    expect(negotiateLocale(null, [])).toBe('en');
  });
});

describe('interpolate', () => {
  it('replaces named placeholders, repeatedly and in any order', () => {
    expect(interpolate('{b} then {a} then {b}', { a: 1, b: 'x' })).toBe('x then 1 then x');
  });

  it('leaves a placeholder without a value visible', () => {
    expect(interpolate('Hello {name}', {})).toBe('Hello {name}');
  });
});
