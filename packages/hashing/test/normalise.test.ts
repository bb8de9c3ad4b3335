import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { normaliseText } from '../src/text/normalise.ts';

describe('normaliseText folds evasions to the plain word', () => {
  it.each([
    ['full-width letters', 'ｋｉｌｌ ＡＬＬ', 'kill all'],
    ['mathematical bold', '𝐤𝐢𝐥𝐥', 'kill'],
    ['circled letters', 'ⓚⓘⓛⓛ', 'kill'],
    ['emoji letters', '🅺🅸🅻🅻', 'kill'],
    ['zero-width characters', 'k\u200Bi\u200Cl\u200Dl\u2060 them', 'kill them'],
    ['soft hyphen and bidi marks', 'ki\u00ADll\u202E', 'kill'],
    ['diacritics on Latin', 'ÀÇÇÉNT', 'accent'],
    ['zalgo marks', 'h\u0336a\u0336t\u0336e\u0336', 'hate'],
    ['stroked letters', 'đươc łódź', 'duoc lodz'],
    ['Cyrillic look-alikes in a Latin word', 'h\u0430t\u0435', 'hate'],
    ['Greek look-alikes in a Latin word', '\u03BFk', 'ok'],
    ['leetspeak', 'h4t3 5h1t k!ll $cum', 'hate shit kill scum'],
    ['at-sign inside a word but not a mention', '@someone h@te', 'someone hate'],
    ['long repeats', 'haaaaate!!!', 'hate'],
    ['spaced letters', 'k i l l them', 'kill them'],
    ['dotted letters', 'k.i.l.l', 'kill'],
    ['punctuation and extra spaces', '  "Hello,   world" — ok? ', 'hello world ok'],
    ['Arabic tatweel and short vowels', 'كَــلْــب', 'كلب'],
    ['Arabic alef and ta marbuta variants', 'أكره إمرأة', 'اكره امراه'],
  ])('%s', (_name, input, expected) => {
    expect(normaliseText(input)).toBe(expected);
  });

  it('keeps pure numbers, doubled letters and emoji', () => {
    expect(normaliseText('Call 2024 good 👍🏽')).toBe('call 2024 good 👍');
  });

  it('keeps Cyrillic words that are not look-alike evasions', () => {
    expect(normaliseText('Привет мир')).toBe('привет мир');
  });

  it('keeps Devanagari, Tamil and Thai vowel signs, which are letters in those scripts', () => {
    expect(normaliseText('नफरत')).toBe('नफरत');
    expect(normaliseText('வெறுப்பு')).toBe('வெறுப்பு');
    expect(normaliseText('เกลียด')).toBe('เกลียด');
  });
});

describe('normaliseText properties', () => {
  const text = fc.string({ unit: 'binary', maxLength: 60 });

  it('is idempotent', () => {
    fc.assert(
      fc.property(text, (s) => normaliseText(normaliseText(s)) === normaliseText(s)),
      { numRuns: 2000 },
    );
  });

  it('decides homoglyphs on the final words, so a second pass changes nothing', () => {
    // Found by the property above: leetspeak turned "1" into a Latin "i" after the homoglyph decision.
    expect(normaliseText('㏠𝛦')).toBe('i日e');
    // Punctuation splits off a word made only of look-alikes.
    expect(normaliseText('日.ор')).toBe('日 op');
  });

  it('outputs no invisible characters, no upper case and no untrimmed or doubled spaces', () => {
    fc.assert(
      fc.property(text, (s) => {
        const out = normaliseText(s);
        return !/[\p{Cf}\p{Cc}\uFE0F]|\s\s|^\s|\s$/u.test(out) && out === out.toLowerCase();
      }),
      { numRuns: 2000 },
    );
  });

  it('ignores case and inserted zero-width characters', () => {
    const word = fc.stringMatching(/^[a-z]{1,12}$/);
    fc.assert(
      fc.property(word, (w) => normaliseText(w.toUpperCase()) === normaliseText([...w].join('\u200B'))),
    );
  });

  it('handles a megabyte of text', () => {
    expect(normaliseText('ab '.repeat(350_000)).length).toBe(350_000 * 3 - 1);
  });
});

describe('normaliseText ASCII fast path', () => {
  it('gives the same result as the full Unicode path', () => {
    // A trailing non-ASCII character that every step removes forces the full path for comparison.
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.integer({ min: 0, max: 127 }).map((c) => String.fromCharCode(c)),
          maxLength: 80,
        }),
        (s) => normaliseText(s) === normaliseText(`${s}\u200B`),
      ),
      { numRuns: 3000 },
    );
  });
});
