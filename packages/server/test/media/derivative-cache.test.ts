/** The derivative cache: computed once, served sealed from disk after, shared by concurrent requests. */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { cachedDerivative, type Sealer } from '../../src/media/derivative-cache.ts';

/** Reversible and context-bound, enough to tell a sealed file from the plain bytes. */
const sealer: Sealer = {
  seal: (plain, context) => Promise.resolve(Buffer.concat([Buffer.from(`${context}|`), plain])),
  open: (sealed, context) => {
    const prefix = Buffer.from(`${context}|`);
    if (!sealed.subarray(0, prefix.length).equals(prefix)) return Promise.reject(new Error('wrong context'));
    return Promise.resolve(sealed.subarray(prefix.length));
  },
};
const key = { orgId: 'org-1', sha256: 'a'.repeat(64), name: 'protected-v1' };
const dirs: string[] = [];
const dataDir = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'vigie-derivatives-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

it('computes a derivative once for concurrent first requests, then serves it from disk', async () => {
  const dir = dataDir();
  let computed = 0;
  const compute = async () => {
    computed++;
    await new Promise((resolve) => setTimeout(resolve, 20));
    return Buffer.from('preview bytes');
  };
  const first = await Promise.all([1, 2, 3].map(() => cachedDerivative(dir, key, sealer, compute)));
  expect(computed).toBe(1);
  expect(first.map((r) => r.bytes.toString())).toEqual(['preview bytes', 'preview bytes', 'preview bytes']);

  const later = await cachedDerivative(dir, key, sealer, compute);
  expect(later).toMatchObject({ cached: true });
  expect(later.bytes.toString()).toBe('preview bytes');
  expect(computed).toBe(1);
  expect(readdirSync(path.join(dir, 'derivatives', key.orgId))).toEqual([`${key.sha256}.${key.name}`]);
});

it('lets the next request compute again after a failed computation', async () => {
  const dir = dataDir();
  const failed = cachedDerivative(dir, key, sealer, () => Promise.reject(new Error('decoder crashed')));
  await expect(failed).rejects.toThrow('decoder crashed');
  const retried = await cachedDerivative(dir, key, sealer, () => Promise.resolve(Buffer.from('ok')));
  expect(retried).toMatchObject({ cached: false });
  expect(retried.bytes.toString()).toBe('ok');
});
