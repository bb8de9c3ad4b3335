import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { createMd5, createSha256 } from '@vigie/hashing';
import { hashFile, hashStream, MediaError } from '../../src/media/index.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'vigie-file-hash-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('hashFile / hashStream', () => {
  it('streams a multi-chunk file and agrees with one-shot node:crypto and the pure TypeScript hashers', async () => {
    const bytes = Buffer.alloc(5 * 1024 * 1024 + 123);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 2654435761) >>> 24;
    const file = path.join(dir, 'big.bin');
    writeFileSync(file, bytes);
    const result = await hashFile(file, ['md5', 'sha256']);
    expect(result.md5).toBe(createHash('md5').update(bytes).digest('hex'));
    expect(result.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(result.sha256).toBe(createSha256().update(bytes).digest());
    expect(result.md5).toBe(createMd5().update(bytes).digest());
  });

  it('hashes any async stream of chunks and computes only what was asked', async () => {
    const chunks = [Buffer.from('abc'), Buffer.from('def')];
    const result = await hashStream(Readable.from(chunks), ['sha256']);
    expect(result).toEqual({ md5: undefined, sha256: createHash('sha256').update('abcdef').digest('hex') });
  });

  it('reports a missing file with a typed error', async () => {
    await expect(hashFile(path.join(dir, 'missing'), ['md5'])).rejects.toMatchObject({
      code: 'file_unreadable',
    });
    await expect(hashFile(path.join(dir, 'missing'), ['md5'])).rejects.toBeInstanceOf(MediaError);
  });
});
