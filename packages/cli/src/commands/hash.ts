import { readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  canonicalUrl,
  formatVpdq,
  pdqDihedralHashes,
  pdqHash,
  simhash64,
  textHash,
  urlHash,
  type VpdqFrame,
} from '@vigie/hashing';
import { decodeImage, hashFile, vpdqHashVideo } from '@vigie/server/media';
import { EXIT, UsageError, type Command, type CommandIo } from '../command.ts';
import { parseCommandArgs } from '../args.ts';
import {
  expandPaths,
  IMAGE_EXTENSIONS,
  mapOrdered,
  ProgressBar,
  VIDEO_EXTENSIONS,
  type InputFile,
} from './hash-inputs.ts';

const TYPES = ['pdq', 'pdq-dihedral', 'pdq-512', 'md5', 'sha256', 'vpdq', 'text', 'url'] as const;
type HashType = (typeof TYPES)[number];

const help = `Usage: vigie hash [--type TYPE] [--json] [--seconds-per-hash N] [--frame-size N] PATH...

Hashes files. Directories are walked recursively (for image and video types,
only files with an image or video extension are taken from directories).

Types and output lines (CSV; --json prints one JSON object per line instead:
{"path","type","hash","quality",...}):
  (no --type)    pdq for images, vpdq for videos (chosen by file extension)
  pdq            pdq_hex,quality,path        full-resolution PDQ (HMA, Java, vPDQ)
  pdq-512        pdq_hex,quality,path        upstream CLI form: 512x512 resize first
  pdq-dihedral   path,h0,...,h7,quality      original, rotate90, rotate180, rotate270,
                                             flipx, flipy, flipplus1, flipminus1
  vpdq           frameNumber,quality,pdq_hex,timestamp per frame (upstream vPDQ
                 text format); with several videos, each block follows a
                 "# path" line
  md5, sha256    hex,path                    streaming, any file size
  text           sha256_hex,simhash64_hex,path   of the normalised text
  url            url_hash,canonical_url      one line per URL; PATH is a file
                 with one URL per line, or itself an http(s) URL; - reads stdin

A file that cannot be hashed prints "vigie hash: error[CODE] PATH: message" on
stderr; the others continue and the exit code is 1.

Options:
  --type TYPE             one of ${TYPES.join(', ')}
  --json                  JSON lines output
  --seconds-per-hash N    vPDQ frame sampling (default 1; 0 = every frame)
  --frame-size N          vPDQ: scale frames to NxN first (upstream -s N)
  --max-pixels N          refuse larger images (default 100000000)

Examples:
  vigie hash photos/
  vigie hash --type pdq-dihedral --json a.jpg b.png
  vigie hash --type vpdq --seconds-per-hash 0 clip.mp4 > clip.vpdq.txt
`;

interface Options {
  readonly json: boolean;
  readonly secondsPerHash: number;
  readonly frameSize: number | undefined;
  readonly maxPixels: number;
}

/** One output record: the CSV line and the JSON fields of a hashed input, or why one entry failed. */
type Result =
  | { readonly csv: string; readonly json: Record<string, unknown> }
  | { readonly failed: string; readonly error: unknown };

const extension = (file: string): string => path.extname(file).toLowerCase();
const isVideo = (file: string): boolean => VIDEO_EXTENSIONS.has(extension(file));

function typeFor(requested: HashType | undefined, file: string): HashType {
  return requested ?? (isVideo(file) ? 'vpdq' : 'pdq');
}

function vpdqResult(file: string, frames: VpdqFrame[], header: boolean): Result {
  return {
    csv: `${header ? `# ${file}\n` : ''}${formatVpdq(frames)}`.replace(/\n$/, ''),
    json: {
      path: file,
      type: 'vpdq',
      // python-threatexchange's stored form of a vPDQ signal: "pdqHex,quality,timestamp" per frame.
      hash: frames.map((f) => `${f.hash},${f.quality},${f.timestamp.toFixed(3)}`),
      quality: null,
      frames,
    },
  };
}

function textResult(text: string, label: string): Result {
  const hash = textHash(text);
  const simhash = simhash64(text);
  return {
    csv: `${hash},${simhash},${label}`,
    json: { path: label, type: 'text', hash, quality: null, simhash },
  };
}

/** One result per non-blank line; a bad URL fails alone, the rest of its list is still hashed. */
function urlResults(lines: readonly string[], label: string): Result[] {
  return lines
    .map((line) => line.trim())
    .filter((line) => line.length > 0)
    .map((url) => {
      try {
        const canonical = canonicalUrl(url);
        const hash = urlHash(url);
        return {
          csv: `${hash},${canonical}`,
          json: { path: label, type: 'url', hash, quality: null, url, canonical },
        };
      } catch (error) {
        return { failed: `${label}: ${url}`, error };
      }
    });
}

async function hashOne(type: HashType, file: string, options: Options, several: boolean): Promise<Result[]> {
  switch (type) {
    case 'pdq':
    case 'pdq-512': {
      const { hash, quality } = pdqHash(await decodeImage(file, { maxPixels: options.maxPixels }), {
        resize: type === 'pdq-512' ? 'cli512' : 'full',
      });
      return [{ csv: `${hash},${quality},${file}`, json: { path: file, type, hash, quality } }];
    }
    case 'pdq-dihedral': {
      const { hashes, quality } = pdqDihedralHashes(
        await decodeImage(file, { maxPixels: options.maxPixels }),
      );
      return [
        {
          csv: [file, ...hashes, quality].join(','),
          json: { path: file, type, hash: hashes[0], quality, dihedral: hashes },
        },
      ];
    }
    case 'vpdq': {
      const { frames } = await vpdqHashVideo(file, {
        secondsPerHash: options.secondsPerHash,
        ...(options.frameSize ? { frameSize: options.frameSize } : {}),
      });
      return [vpdqResult(file, frames, several)];
    }
    case 'md5':
    case 'sha256': {
      const hash = (await hashFile(file, [type]))[type]!;
      return [{ csv: `${hash},${file}`, json: { path: file, type, hash, quality: null } }];
    }
    case 'text':
      return [textResult(await readFile(file, 'utf8'), file)];
    case 'url':
      return urlResults(
        /^https?:\/\//i.test(file) ? [file] : (await readFile(file, 'utf8')).split(/\r?\n/),
        file,
      );
  }
}

/** The stable code of a typed error; Node's system errors (ENOENT, EACCES, ...) become `file_unreadable`. */
function errorCode(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  if (typeof code !== 'string') return 'hash_failed';
  return /^E[A-Z]+$/.test(code) ? 'file_unreadable' : code;
}

function parseOptions(values: Record<string, string | boolean | undefined>): {
  type: HashType | undefined;
  options: Options;
} {
  const type = values.type as string | undefined;
  if (type !== undefined && !(TYPES as readonly string[]).includes(type)) {
    throw new UsageError(`--type must be one of ${TYPES.join(', ')}`);
  }
  const secondsPerHash = Number(values['seconds-per-hash'] ?? 1);
  if (!Number.isFinite(secondsPerHash) || secondsPerHash < 0)
    throw new UsageError('--seconds-per-hash must be a number >= 0');
  const maxPixels = Number(values['max-pixels'] ?? 100_000_000);
  if (!Number.isInteger(maxPixels) || maxPixels <= 0)
    throw new UsageError('--max-pixels must be a positive integer');
  const frameSize = values['frame-size'] === undefined ? undefined : Number(values['frame-size']);
  if (frameSize !== undefined && !(Number.isInteger(frameSize) && frameSize > 0))
    throw new UsageError('--frame-size must be a positive integer');
  return {
    type: type as HashType | undefined,
    options: { json: values.json === true, secondsPerHash, frameSize, maxPixels },
  };
}

async function readStdin(io: CommandIo): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of io.stdin)
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

export const hashCommand: Command = {
  path: ['hash'],
  summary: 'Hash images (PDQ), videos (vPDQ), files (MD5/SHA-256), texts and URLs',
  help,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, {
      type: { type: 'string' },
      json: { type: 'boolean' },
      'seconds-per-hash': { type: 'string' },
      'frame-size': { type: 'string' },
      'max-pixels': { type: 'string' },
    });
    if (positionals.length === 0) throw new UsageError('at least one PATH is required');
    const { type, options } = parseOptions(values);

    const mediaOnly = type === undefined || type.startsWith('pdq') || type === 'vpdq';
    const keep = (file: string): boolean =>
      !mediaOnly ||
      (type === 'vpdq'
        ? isVideo(file)
        : IMAGE_EXTENSIONS.has(extension(file)) || (type === undefined && isVideo(file)));
    const stdinPositional = positionals.includes('-');
    const urlArgs = type === 'url' ? positionals.filter((p) => /^https?:\/\//i.test(p)) : [];
    const fileArgs = positionals.filter((p) => p !== '-' && !urlArgs.includes(p));
    const inputs: InputFile[] = [
      ...urlArgs.map((p) => ({ path: p })),
      ...(await expandPaths(fileArgs, keep)),
    ];
    const several = inputs.length > 1;
    const progress =
      io.stderr.isTTY && inputs.length > 50 ? new ProgressBar(io.stderr, inputs.length) : undefined;

    let failed = false;
    const report = (file: string, error: unknown): void => {
      failed = true;
      progress?.clear();
      io.stderr.write(`vigie hash: error[${errorCode(error)}] ${file}: ${(error as Error).message}\n`);
    };
    const write = (results: Result[]): void => {
      for (const r of results) {
        if ('failed' in r) report(r.failed, r.error);
        else io.stdout.write(`${options.json ? JSON.stringify(r.json) : r.csv}\n`);
      }
    };

    if (stdinPositional) {
      if (type !== 'text' && type !== 'url')
        throw new UsageError("'-' (standard input) works with --type text or url");
      const text = await readStdin(io);
      write(type === 'text' ? [textResult(text, '-')] : urlResults(text.split(/\r?\n/), '-'));
    }

    // Two in flight: image decoding runs on libvips threads while the previous image is hashed.
    const outcomes = mapOrdered(inputs, 2, async (input) => {
      if (input.error) return { input, error: input.error };
      try {
        return { input, results: await hashOne(typeFor(type, input.path), input.path, options, several) };
      } catch (error) {
        return { input, error };
      }
    });
    for await (const outcome of outcomes) {
      if ('results' in outcome && outcome.results) write(outcome.results);
      else report(outcome.input.path, outcome.error);
      progress?.tick();
    }
    progress?.clear();
    return failed ? EXIT.failure : EXIT.ok;
  },
};
