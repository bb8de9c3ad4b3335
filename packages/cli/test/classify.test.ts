import { mkdtempSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { needs } from '../../../test-support/requirements.ts';
import { writeTinyModel } from '../../classify/test/support/tiny-onnx.ts';
import { runVigie } from './support.ts';

let transformersInstalled = true;
try {
  await import('@huggingface/transformers' as string);
} catch {
  transformersInstalled = false;
}

const parse = (stdout: string) =>
  stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);

describe('vigie classify', () => {
  it('writes one JSONL object per input, in order, with the contract fields', async () => {
    const input = [
      { id: 'a', text: 'All immigrants are vermin and should be exterminated.' },
      { id: 2, text: 'Wir haben heute Kuchen gebacken.', lang: 'de' },
      { id: 'c', text: '' },
    ]
      .map((o) => JSON.stringify(o))
      .join('\n');
    const { code, stdout } = await runVigie(['classify', '-'], {}, `${input}\n\n`);
    expect(code).toBe(0);
    const out = parse(stdout);
    expect(out.map((o) => o.id)).toEqual(['a', 2, 'c']);
    for (const o of out) {
      expect(['hateful', 'non-hateful']).toContain(o.label);
      expect(typeof o.score).toBe('number');
      expect(Array.isArray(o.signals)).toBe(true);
      expect(typeof o.lang).toBe('string');
    }
    expect(out[0]).toMatchObject({ lang: 'en', label: 'hateful' });
    expect(out[1]).toMatchObject({ lang: 'de', label: 'non-hateful' });
    expect(out[2]).toMatchObject({ lang: 'und', lowConfidence: true });
  });

  it('reports bad lines in place and exits 1', async () => {
    const { code, stdout } = await runVigie(
      ['classify', '-'],
      {},
      'not json\n{"id":7}\n{"id":8,"text":"hello there my friend"}\n',
    );
    expect(code).toBe(1);
    const out = parse(stdout);
    expect(out).toHaveLength(3);
    expect(out[0]).toMatchObject({ id: null, error: { code: 'INVALID_INPUT' } });
    expect(out[1]).toMatchObject({ id: 7, error: { code: 'INVALID_INPUT' } });
    expect(out[2]).toMatchObject({ id: 8 });
  });

  it('reads a file and exits 1 for a missing one, 2 for bad usage', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'vigie-classify-'));
    const file = path.join(dir, 'in.jsonl');
    writeFileSync(file, '{"id":1,"text":"bonjour à tous"}\n');
    expect(parse((await runVigie(['classify', file])).stdout)[0]).toMatchObject({ id: 1, lang: 'fr' });
    expect((await runVigie(['classify', path.join(dir, 'missing.jsonl')])).code).toBe(1);
    expect((await runVigie(['classify'])).code).toBe(2);
    expect((await runVigie(['classify', '--model', path.join(dir, 'nope.vlm'), file])).code).toBe(1);
  });
});

describe('vigie classify retrain', () => {
  it('builds an organisation model that vigie classify --model can use', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'vigie-retrain-'));
    const examples = path.join(dir, 'examples.jsonl');
    const model = path.join(dir, 'org.vlm');
    const lines = [
      ...['zimbo wale watu', 'wote ni zimbo', 'zimbo kabisa hawa'].map((text) => ({
        text,
        lang: 'sw',
        label: 'hateful',
      })),
      ...['habari za asubuhi', 'karibu sana rafiki', 'asante kwa chakula'].map((text) => ({
        text,
        lang: 'sw',
        label: 'non-hateful',
      })),
    ];
    writeFileSync(examples, lines.map((l) => JSON.stringify(l)).join('\n'));
    const trained = await runVigie(['classify', 'retrain', '--out', model, examples]);
    expect(trained.code).toBe(0);
    expect(existsSync(model)).toBe(true);
    expect(JSON.parse(trained.stdout)).toMatchObject({ examples: 6, hateful: 3 });
    const { code, stdout } = await runVigie(
      ['classify', '--model', model, '-'],
      {},
      '{"id":1,"text":"zimbo hawa","lang":"sw"}\n',
    );
    expect(code).toBe(0);
    expect(parse(stdout)[0]?.signals).toEqual(
      expect.arrayContaining([expect.objectContaining({ type: 'model' })]),
    );
  });

  it('rejects invalid examples with line numbers and writes nothing', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'vigie-retrain-'));
    const examples = path.join(dir, 'bad.jsonl');
    writeFileSync(examples, '{"text":"ok","label":"hateful"}\n{"text":"x","label":"maybe"}\n');
    const out = path.join(dir, 'org.vlm');
    const r = await runVigie(['classify', 'retrain', '--out', out, examples]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/line 2/);
    expect(existsSync(out)).toBe(false);
    expect((await runVigie(['classify', 'retrain', examples])).code).toBe(2);
  });
});

describe('vigie classify --model FOLDER (local transformer)', () => {
  it('exits 1 with a coded error for a folder that holds no model', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'vigie-transformer-'));
    const r = await runVigie(['classify', '--model', dir, '-'], {}, '{"id":1,"text":"hello"}\n');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/error\[model_not_found\].*config\.json/);
    expect(r.stdout).toBe('');
  });

  const run = needs(
    '@huggingface/transformers',
    transformersInstalled,
    'ONNXRUNTIME_NODE_INSTALL=skip npm i --no-save @huggingface/transformers@4.3.1',
  );

  it.skipIf(!run)('classifies with a tiny generated ONNX model, following the output contract', async () => {
    const model = writeTinyModel(path.join(mkdtempSync(path.join(tmpdir(), 'vigie-transformer-')), 'tiny'));
    const input = [
      { id: 'a', text: 'They are vermin and scum.' },
      { id: 2, text: 'I love my friends and neighbours', lang: 'en' },
      { id: 'c', text: '' },
      { id: 'd', text: `${'love '.repeat(2000)}` },
    ]
      .map((o) => JSON.stringify(o))
      .join('\n');
    const { code, stdout, stderr } = await runVigie(['classify', '--model', model, '-'], {}, `${input}\n`);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const out = parse(stdout);
    expect(out.map((o) => o.id)).toEqual(['a', 2, 'c', 'd']);
    for (const o of out) {
      expect(Object.keys(o)).toEqual([
        'id',
        'lang',
        'label',
        'score',
        'threshold',
        'langConfidence',
        'script',
        'lowConfidence',
        'truncated',
        'signals',
      ]);
      expect(o.threshold).toBe(0.5);
      expect(o.signals).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ type: 'language' }),
          { type: 'transformer', name: 'tiny', label: expect.any(String), score: expect.any(Number) },
        ]),
      );
    }
    expect(out[0]).toMatchObject({ lang: 'en', label: 'hateful' });
    expect(out[0]?.score).toBeGreaterThan(0.9);
    expect(out[0]?.signals).toEqual(
      expect.arrayContaining([
        { type: 'transformer', name: 'tiny', label: 'hateful', score: expect.any(Number) },
      ]),
    );
    expect(out[1]).toMatchObject({ lang: 'en', label: 'non-hateful' });
    expect(out[1]?.score).toBeLessThan(0.01);
    expect(out[2]).toMatchObject({ lang: 'und', label: 'non-hateful', lowConfidence: true });
    // 2,000 words: more than the 512 tokens the model takes.
    expect(out[3]).toMatchObject({ label: 'non-hateful', truncated: true });
  });
});
