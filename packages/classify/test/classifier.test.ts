import { beforeAll, describe, expect, it } from 'vitest';
import { createClassifier, MAX_TEXT_CHARS, type Classifier } from '../src/classifier.ts';
import { loadClassifier } from '../src/builtin.ts';

let packsOnly: Classifier;
let builtin: Classifier;
beforeAll(async () => {
  packsOnly = await createClassifier({ model: null });
  builtin = await loadClassifier('builtin');
});

describe('classify: result shape and signals', () => {
  it('returns the documented fields and says which signals fired', () => {
    const r = builtin.classify('All immigrants are vermin and should be exterminated.');
    expect(r).toMatchObject({
      lang: 'en',
      script: 'Latn',
      label: 'hateful',
      truncated: false,
      lowConfidence: false,
    });
    expect(r.score).toBeGreaterThan(r.threshold);
    const terms = r.signals
      .filter((s) => s.type === 'term')
      .map((s) => (s.type === 'term' ? s.category : ''));
    expect(terms).toEqual(expect.arrayContaining(['identity', 'dehumanising', 'threats']));
    expect(r.signals.some((s) => s.type === 'model')).toBe(true);
    expect(r.signals[0]).toMatchObject({ type: 'language', lang: 'en' });
  });

  it('scores praise of a group below an attack on it', () => {
    const praise = packsOnly.classify('I really admire my Muslim neighbours, they are wonderful people.');
    const attack = packsOnly.classify('Muslims are disgusting vermin.');
    expect(praise.score).toBeLessThan(attack.score);
  });

  it('scores a negated attack below the attack', () => {
    const attack = packsOnly.classify('Ich hasse Frauen.', { lang: 'de' });
    const negated = packsOnly.classify('Ich hasse Frauen nicht.', { lang: 'de' });
    expect(negated.score).toBeLessThan(attack.score);
  });

  it('sees through leetspeak and zero-width characters', () => {
    const plain = packsOnly.classify('kill all women');
    const evasive = packsOnly.classify('k1ll a\u200Bll w0men');
    expect(evasive.score).toBeCloseTo(plain.score, 6);
  });
});

describe('classify: languages', () => {
  it.each([
    ['Je déteste la pluie et le vent du nord.', 'fr'],
    ['Das Wetter ist heute wirklich schrecklich kalt.', 'de'],
    ['我今天很高兴见到你', 'zh'],
    ['วันนี้อากาศดีมาก', 'th'],
    ['yeh log bahut ganday hain yaar', 'hi-Latn'],
    ['मुझे यह फिल्म बहुत पसंद है', 'hi'],
  ])('detects %s as %s', (text, lang) => {
    expect(packsOnly.classify(text).lang).toBe(lang);
  });

  it('maps language tags onto packs', () => {
    expect(packsOnly.classify('你好', { lang: 'zh-Hans' }).lang).toBe('zh');
    expect(packsOnly.classify('yeh log', { lang: 'hi' }).lang).toBe('hi-Latn');
    expect(packsOnly.classify('hello', { lang: 'en-US' }).lang).toBe('en');
  });

  it('gives unknown languages "und" with a low-confidence flag', () => {
    const given = packsOnly.classify('Привет, как дела?', { lang: 'ru' });
    expect(given).toMatchObject({ lang: 'und', lowConfidence: true });
    const detected = packsOnly.classify('Привет, как дела у тебя сегодня?');
    expect(detected).toMatchObject({ lang: 'und', lowConfidence: true });
  });
});

describe('classify: bad input never crashes', () => {
  it.each([
    ['empty', ''],
    ['whitespace', ' \n\t '],
    ['binary', '\u0000\u0001\u0002\uFFFD\u007F'],
    ['lone surrogates', '\uD800abc\uDC00'],
    ['mixed scripts', 'Hello мир 世界 مرحبا नमस्ते'],
    ['emoji only', '🔥🔥🔥👍🏽'],
    ['digits', '1234567890'],
  ])('%s', (_name, text) => {
    const r = builtin.classify(text);
    expect(['hateful', 'non-hateful']).toContain(r.label);
    expect(Number.isFinite(r.score)).toBe(true);
    expect(r.truncated).toBe(false);
  });

  it('caps huge input and says so', () => {
    const r = builtin.classify('word '.repeat(1_000_000));
    expect(r.truncated).toBe(true);
    expect(Number.isFinite(r.score)).toBe(true);
    expect(builtin.classify('a'.repeat(MAX_TEXT_CHARS)).truncated).toBe(false);
  });

  it('rejects non-strings with a stable code', () => {
    expect(() => builtin.classify(42 as unknown as string)).toThrowError(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    );
  });
});
