import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { needs } from '../../../test-support/requirements.ts';
import {
  INSTALL_HINT,
  isHatefulLabel,
  loadLocalTransformer,
  type LocalTransformer,
} from '../src/model/transformers.ts';
import { writeTinyModel } from './support/tiny-onnx.ts';

interface Env {
  allowRemoteModels: boolean;
  fetch: (input: unknown) => Promise<unknown>;
}
let transformersEnv: Env | undefined;
try {
  transformersEnv = ((await import('@huggingface/transformers' as string)) as { env: Env }).env;
} catch {
  transformersEnv = undefined;
}
const installed = transformersEnv !== undefined;

const root = mkdtempSync(path.join(tmpdir(), 'vigie-transformer-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('model label mapping', () => {
  it('counts hateful/hate/toxic/identity_hate, and LABEL_1 of a binary model, as hateful', () => {
    for (const label of ['hateful', 'HATE', 'hate speech', 'Hate-Speech', 'toxic', 'identity_hate'])
      expect(isHatefulLabel(label, 6)).toBe(true);
    for (const label of ['non-hateful', 'not_hate', 'offensive', 'insult', 'neutral', 'LABEL_0'])
      expect(isHatefulLabel(label, 2)).toBe(false);
    expect(isHatefulLabel('LABEL_1', 2)).toBe(true);
    expect(isHatefulLabel('LABEL_1', 3)).toBe(false);
  });
});

describe('loadLocalTransformer folder checks (before the package is needed)', () => {
  it('gives MODEL_NOT_FOUND for a missing folder or a folder without the model files', async () => {
    await expect(loadLocalTransformer(path.join(root, 'no-such-model'))).rejects.toMatchObject({
      code: 'MODEL_NOT_FOUND',
    });
    const incomplete = path.join(root, 'incomplete');
    writeTinyModel(incomplete);
    rmSync(path.join(incomplete, 'onnx', 'model.onnx'));
    await expect(loadLocalTransformer(incomplete)).rejects.toMatchObject({
      code: 'MODEL_NOT_FOUND',
      message: expect.stringContaining('model.onnx'),
    });
  });

  it('gives INVALID_MODEL for a bad config.json or labels with no hateful one', async () => {
    const badJson = writeTinyModel(path.join(root, 'bad-json'));
    writeFileSync(path.join(badJson, 'config.json'), '{ not json');
    await expect(loadLocalTransformer(badJson)).rejects.toMatchObject({ code: 'INVALID_MODEL' });
    const noHate = writeTinyModel(path.join(root, 'sentiment'), { labels: ['NEGATIVE', 'POSITIVE'] });
    await expect(loadLocalTransformer(noHate)).rejects.toMatchObject({
      code: 'INVALID_MODEL',
      message: expect.stringContaining('NEGATIVE, POSITIVE'),
    });
  });
});

const run = needs('@huggingface/transformers', installed, INSTALL_HINT);

describe.skipIf(!run)(
  'local transformer models with @huggingface/transformers (tiny generated model)',
  () => {
    const fetched: unknown[] = [];
    let model: LocalTransformer;
    let savedFetch: Env['fetch'];
    let savedGlobalFetch: typeof globalThis.fetch;

    beforeAll(async () => {
      const env = transformersEnv!;
      savedFetch = env.fetch;
      savedGlobalFetch = globalThis.fetch;
      const refuse = (input: unknown) => {
        fetched.push(input);
        return Promise.reject(new Error('network access in a test'));
      };
      env.fetch = refuse;
      globalThis.fetch = refuse as typeof globalThis.fetch;
      // A folder name with a space: the path must reach the library intact.
      model = await loadLocalTransformer(writeTinyModel(path.join(root, 'tiny model')));
    });

    afterAll(async () => {
      await model?.dispose();
      transformersEnv!.fetch = savedFetch;
      globalThis.fetch = savedGlobalFetch;
    });

    it('loads the folder and gives the known outcomes', async () => {
      expect(model).toMatchObject({ name: 'tiny model', labels: ['non-hateful', 'hateful'], maxTokens: 512 });
      const hateful = await model.classify('They are VERMIN and scum.');
      const friendly = await model.classify('I love my friends and neighbours');
      const neutral = await model.classify('the weather');
      expect(hateful).toMatchObject({ label: 'hateful', modelLabel: 'hateful', truncated: false });
      expect(friendly).toMatchObject({ label: 'non-hateful', modelLabel: 'non-hateful', truncated: false });
      expect(hateful.score).toBeGreaterThan(0.9);
      expect(friendly.score).toBeLessThan(0.01);
      expect(hateful.score).toBeGreaterThan(neutral.score);
      expect(neutral.score).toBeGreaterThan(friendly.score);
      // Two labels, softmax: the hateful probability and the top label's probability agree.
      expect(hateful.modelScore).toBeCloseTo(hateful.score, 6);
      expect(friendly.modelScore).toBeCloseTo(1 - friendly.score, 6);
    });

    it('handles empty and huge input', async () => {
      const empty = await model.classify('');
      expect(empty).toMatchObject({ label: 'non-hateful', truncated: false });
      expect(empty.score).toBeGreaterThan(0);
      const huge = await model.classify('vermin '.repeat(100_000));
      expect(huge).toMatchObject({ label: 'hateful', truncated: true });
    });

    it('truncates to the model maximum number of tokens', async () => {
      const short = await loadLocalTransformer(
        writeTinyModel(path.join(root, 'short'), { modelMaxLength: 8 }),
      );
      try {
        expect(short.maxTokens).toBe(8);
        const text = `${'love '.repeat(6)}${'vermin '.repeat(50)}`;
        // Whole text: mostly "vermin"; first 8 tokens ([CLS] + 6 × love + vermin): friendly.
        expect(await model.classify(text)).toMatchObject({ label: 'hateful', truncated: false });
        expect(await short.classify(text)).toMatchObject({ label: 'non-hateful', truncated: true });
      } finally {
        await short.dispose();
      }
    });

    it('maps LABEL_0/LABEL_1 and reports the raw label', async () => {
      const plain = await loadLocalTransformer(
        writeTinyModel(path.join(root, 'plain'), { labels: ['LABEL_0', 'LABEL_1'] }),
      );
      try {
        expect(await plain.classify('scum')).toMatchObject({ label: 'hateful', modelLabel: 'LABEL_1' });
        expect(await plain.classify('welcome')).toMatchObject({
          label: 'non-hateful',
          modelLabel: 'LABEL_0',
        });
      } finally {
        await plain.dispose();
      }
    });

    it('gives INVALID_MODEL for a corrupt ONNX file and MODEL_NOT_FOUND for a missing tokenizer', async () => {
      const corrupt = writeTinyModel(path.join(root, 'corrupt'));
      writeFileSync(path.join(corrupt, 'onnx', 'model.onnx'), 'not an onnx model');
      await expect(loadLocalTransformer(corrupt)).rejects.toMatchObject({ code: 'INVALID_MODEL' });
      const noTokenizerConfig = writeTinyModel(path.join(root, 'no-tokenizer-config'));
      rmSync(path.join(noTokenizerConfig, 'tokenizer_config.json'));
      await expect(loadLocalTransformer(noTokenizerConfig)).rejects.toMatchObject({
        code: 'MODEL_NOT_FOUND',
      });
    });

    it('never touches the network: remote models stay disabled', () => {
      expect(transformersEnv!.allowRemoteModels).toBe(false);
      expect(fetched).toEqual([]);
    });
  },
);

// Runs with or without the package: when it is installed, a mock makes its import fail.
describe('loadLocalTransformer without @huggingface/transformers', () => {
  it('fails with OPTIONAL_DEPENDENCY_MISSING and the install command', async () => {
    vi.resetModules();
    if (installed)
      vi.doMock('@huggingface/transformers', () => {
        throw new Error("Cannot find package '@huggingface/transformers'");
      });
    try {
      const fresh = await import('../src/model/transformers.ts');
      await expect(
        fresh.loadLocalTransformer(writeTinyModel(path.join(root, 'no-package'))),
      ).rejects.toMatchObject({
        code: 'OPTIONAL_DEPENDENCY_MISSING',
        message: expect.stringContaining(INSTALL_HINT),
      });
    } finally {
      vi.doUnmock('@huggingface/transformers');
      vi.resetModules();
    }
  });
});
