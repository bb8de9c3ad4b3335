import { describe, expect, it } from 'vitest';
import { createClassifier } from '../src/classifier.ts';
import { ArabiziReader } from '../src/lang/arabizi.ts';
import { loadPackDir } from '../src/packs/load.ts';

const arabic = loadPackDir().get('ar')!;
const reader = new ArabiziReader(arabic);

describe('Arabizi (Arabic in Latin letters) read against the Arabic pack', () => {
  it('writes words whose consonant skeleton is that of a pack term as the term, whatever the vowels', () => {
    expect(reader.rewrite('homa kelab')).toBe('homa كلاب');
    expect(reader.rewrite('homa klab')).toBe('homa كلاب');
    // The article may be written onto the word; word-initial y stands for ي.
    expect(reader.rewrite('elyahood')).toBe('اليهود');
    expect(reader.rewrite('el-yahood')).toBe('اليهود');
  });

  it('reads the digits for sounds Latin has no letter for: 7 ح, 5 خ, 2 as ق spoken as a glottal stop', () => {
    expect(reader.rewrite('7ayawanat')).toBe('حيوانات');
    expect(reader.rewrite('5anazeer')).toBe('خنازير');
    // Prefix terms: the word only has to begin with the stem (نقتل* → ne2tolhom).
    expect(reader.rewrite('ne2tolhom')).toBe('نقتل');
  });

  it('leaves a text alone when no word stands for a term, and does not read short words as negation', () => {
    expect(reader.rewrite('ok ok 2024')).toBeUndefined();
    // من (min, "from") has the skeleton of ماني; only negation words written without vowel letters match.
    expect(reader.rewrite('min')).toBeUndefined();
    expect(reader.rewrite('mesh')).toBe('مش');
  });

  it('lets the classifier read an Arabizi attack as an attack, and Arabizi praise as praise', async () => {
    const classifier = await createClassifier({ model: null });
    const attack = classifier.analyse('ana bakrah el yahood, homa kelab', { lang: 'ar' });
    expect(attack.matches.map((m) => m.category).sort()).toEqual(['dehumanising', 'hate', 'identity']);
    const praise = classifier.analyse('ana b7eb el mase7iyeen', { lang: 'ar' });
    expect(praise.matches.map((m) => m.category).sort()).toEqual(['identity', 'positive']);
    expect(attack.packLogit).toBeGreaterThan(praise.packLogit);
    // Only Latin-script text in Arabic is read this way: English stays as it is.
    const english = classifier.analyse('homa kelab', { lang: 'en' });
    expect(english.normalised).toBe('homa kelab');
  });
});
