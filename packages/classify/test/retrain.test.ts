import { describe, expect, it } from 'vitest';
import { createClassifier } from '../src/classifier.ts';
import { LinearModel } from '../src/model/linear.ts';
import { parseLabelledExample, retrainOrganisationModel } from '../src/retrain.ts';

describe('organisation models', () => {
  it('learn from reviewers’ decisions in a language the base model never saw', async () => {
    const packsOnly = await createClassifier({ model: null });
    const base = new LinearModel(
      { name: 'empty', bits: 14, scale: 1, signalCorrections: false, languages: ['en'], trainedOn: {} },
      new Float32Array(1 << 14),
    );
    // Invented Swahili-like reviewer decisions: "zimbo" marks the hateful ones.
    const examples = [
      ...['zimbo wale watu', 'wote ni zimbo', 'zimbo kabisa hawa', 'hawa zimbo tu'].map((text) => ({
        text,
        lang: 'sw',
        label: 'hateful' as const,
      })),
      ...['habari za asubuhi', 'karibu sana rafiki', 'asante kwa chakula', 'tutaonana kesho'].map((text) => ({
        text,
        lang: 'sw',
        label: 'non-hateful' as const,
      })),
    ];
    const model = retrainOrganisationModel(packsOnly, base, examples, { epochs: 20, learningRate: 0.2 });
    expect(model.appliesTo('sw')).toBe(true);
    const classifier = await createClassifier({ model });
    expect(classifier.classify('zimbo hawa wote', { lang: 'sw' }).score).toBeGreaterThan(
      classifier.classify('habari rafiki', { lang: 'sw' }).score,
    );
    expect(LinearModel.deserialise(model.serialise()).header.languages).toContain('sw');
  });

  it('validate labelled examples', () => {
    expect(parseLabelledExample({ text: 'x', label: 'hateful' })).toEqual({ text: 'x', label: 'hateful' });
    expect(parseLabelledExample({ text: 'x', label: 'spam' })).toMatch(/label/);
    expect(parseLabelledExample({ label: 'hateful' })).toMatch(/text/);
    expect(parseLabelledExample(null)).toMatch(/object/);
  });

  it('refuse to train on nothing', async () => {
    const packsOnly = await createClassifier({ model: null });
    const base = new LinearModel(
      { name: 'empty', bits: 10, scale: 1, signalCorrections: false, languages: [], trainedOn: {} },
      new Float32Array(1024),
    );
    expect(() => retrainOrganisationModel(packsOnly, base, [])).toThrowError(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    );
  });
});
