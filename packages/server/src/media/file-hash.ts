/**
 * Streaming MD5 / SHA-256 of a file or stream, with node:crypto (native speed; a 2 GB video is read in 1 MiB
 * chunks and never held in memory). @vigie/hashing has pure-TypeScript equivalents for browsers; tests check
 * that both agree.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { MediaError } from './errors.ts';

export type ExactHashAlgorithm = 'md5' | 'sha256';

export async function hashStream(
  stream: AsyncIterable<Uint8Array>,
  algorithms: readonly ExactHashAlgorithm[],
): Promise<Record<ExactHashAlgorithm, string | undefined>> {
  const hashers = algorithms.map((algorithm) => [algorithm, createHash(algorithm)] as const);
  for await (const chunk of stream) for (const [, hasher] of hashers) hasher.update(chunk);
  const out: Record<ExactHashAlgorithm, string | undefined> = { md5: undefined, sha256: undefined };
  for (const [algorithm, hasher] of hashers) out[algorithm] = hasher.digest('hex');
  return out;
}

export async function hashFile(
  file: string,
  algorithms: readonly ExactHashAlgorithm[],
): Promise<Record<ExactHashAlgorithm, string | undefined>> {
  try {
    return await hashStream(createReadStream(file, { highWaterMark: 1 << 20 }), algorithms);
  } catch (error) {
    throw new MediaError('file_unreadable', `cannot read ${file}: ${(error as Error).message}`, {
      cause: error,
    });
  }
}
