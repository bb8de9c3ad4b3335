import { describe, expect, it } from 'vitest';
import { loadLocalTransformer } from '../src/model/transformers.ts';

let installed = true;
try {
  await import('@huggingface/transformers' as string);
} catch {
  installed = false;
}

describe.skipIf(installed)('local transformer models without @huggingface/transformers', () => {
  it('fail with a clear "not installed" code', async () => {
    await expect(loadLocalTransformer('/tmp/no-such-model')).rejects.toMatchObject({
      code: 'OPTIONAL_DEPENDENCY_MISSING',
    });
  });
});
