/** Inputs of `vigie hash`: directory walking, ordered bounded concurrency, and the stderr progress bar. */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';

export const IMAGE_EXTENSIONS = new Set([
  '.jpg',
  '.jpeg',
  '.png',
  '.webp',
  '.gif',
  '.tif',
  '.tiff',
  '.bmp',
  '.avif',
  '.heic',
  '.heif',
]);
export const VIDEO_EXTENSIONS = new Set([
  '.mp4',
  '.m4v',
  '.mov',
  '.mkv',
  '.webm',
  '.avi',
  '.wmv',
  '.flv',
  '.mpg',
  '.mpeg',
  '.ts',
  '.3gp',
]);

export interface InputFile {
  readonly path: string;
  /** Error met while listing (e.g. missing path): reported in order with the results. */
  readonly error?: Error;
}

/**
 * Expands the command-line paths: files as given, directories walked recursively in name order. Inside
 * directories, `keep` filters by file name (explicit files are always kept, so the user hears why they fail).
 */
export async function expandPaths(
  paths: readonly string[],
  keep: (file: string) => boolean,
): Promise<InputFile[]> {
  const out: InputFile[] = [];
  const walk = async (dir: string): Promise<void> => {
    const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (entry.isFile() && keep(full)) out.push({ path: full });
    }
  };
  for (const given of paths) {
    try {
      if ((await stat(given)).isDirectory()) await walk(given);
      else out.push({ path: given });
    } catch (error) {
      out.push({ path: given, error: error as Error });
    }
  }
  return out;
}

/** Runs `fn` on every item with at most `concurrency` in flight, yielding results in input order. */
export async function* mapOrdered<T, R>(
  items: readonly T[],
  concurrency: number,
  fn: (item: T) => Promise<R>,
): AsyncGenerator<R> {
  const inFlight: Promise<R>[] = [];
  let next = 0;
  while (next < items.length && inFlight.length < concurrency) inFlight.push(fn(items[next++]!));
  while (inFlight.length > 0) {
    const result = await inFlight.shift()!;
    if (next < items.length) inFlight.push(fn(items[next++]!));
    yield result;
  }
}

/** A one-line progress bar redrawn in place on a terminal stream. */
export class ProgressBar {
  private done = 0;
  constructor(
    private readonly stream: NodeJS.WritableStream,
    private readonly total: number,
  ) {}

  tick(): void {
    this.done++;
    const width = 30;
    const filled = Math.round((this.done / this.total) * width);
    this.stream.write(`\r[${'='.repeat(filled)}${' '.repeat(width - filled)}] ${this.done}/${this.total}`);
  }

  clear(): void {
    this.stream.write('\r\x1b[2K');
  }
}
