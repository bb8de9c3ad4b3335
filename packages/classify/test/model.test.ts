import { describe, expect, it } from 'vitest';
import { LinearModel } from '../src/model/linear.ts';
import { trainLinear, type AnalysedExample } from '../src/model/train.ts';
import { SIGNAL_FEATURES, type SignalVector } from '../src/signals.ts';

const noSignals = Object.fromEntries(SIGNAL_FEATURES.map((f) => [f, 0])) as SignalVector;
const example = (modelText: string, label: 0 | 1): AnalysedExample => ({
  modelText,
  lang: 'xx',
  signals: noSignals,
  offset: 0,
  label,
  weight: 1,
});
const toy = [
  ...['grobble them all', 'the grobble ones', 'grobble grobble', 'pure grobble'].map((t) => example(t, 1)),
  ...['nice day today', 'lovely weather', 'a day at the park', 'the weather ones'].map((t) => example(t, 0)),
];
const options = { bits: 12, signalCorrections: false, epochs: 20, learningRate: 0.2, l2: 0, seed: 7 };

describe('linear model', () => {
  it('learns a word that separates the classes', () => {
    const model = new LinearModel(
      { name: 't', bits: 12, scale: 1, signalCorrections: false, languages: ['xx'], trainedOn: {} },
      trainLinear(toy, options),
    );
    expect(model.logit('grobble people', 'xx', noSignals)).toBeGreaterThan(0);
    expect(model.logit('nice people', 'xx', noSignals)).toBeLessThan(0);
    expect(model.logit('grobble people', 'yy', noSignals)).toBe(0);
  });

  it('trains deterministically for a given seed', () => {
    expect(trainLinear(toy, options)).toEqual(trainLinear(toy, options));
  });

  it('round-trips through its binary format within quantisation error', () => {
    const weights = trainLinear(toy, options);
    const model = new LinearModel(
      { name: 't', bits: 12, scale: 1, signalCorrections: false, languages: ['xx'], trainedOn: {} },
      weights,
    );
    const back = LinearModel.deserialise(model.serialise());
    const max = Math.max(...weights.map(Math.abs));
    for (let i = 0; i < weights.length; i++)
      expect(Math.abs((back.weights[i] as number) - (weights[i] as number))).toBeLessThanOrEqual(
        max / 127 / 2 + 1e-6,
      );
    expect(back.header.languages).toEqual(['xx']);
  });

  it('rejects files that are not models with a stable code', () => {
    expect(() => LinearModel.deserialise(Buffer.from('not a model at all'))).toThrowError(
      expect.objectContaining({ code: 'INVALID_MODEL' }),
    );
    const good = new LinearModel(
      { name: 't', bits: 10, scale: 1, signalCorrections: false, languages: [], trainedOn: {} },
      new Float32Array(1024),
    ).serialise();
    expect(() => LinearModel.deserialise(good.subarray(0, good.length - 5))).toThrowError(
      expect.objectContaining({ code: 'INVALID_MODEL' }),
    );
    expect(() => LinearModel.load('/nonexistent/model.vlm')).toThrowError(
      expect.objectContaining({ code: 'MODEL_NOT_FOUND' }),
    );
  });
});
