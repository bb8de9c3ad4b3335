/**
 * Benchmarks for `npm run bench -w packages/hashing`:
 * 1. PDQ hash-only time (luma -> bits, decoding excluded) at 256x256, 512x512, 1600x1004 and 4032x3024, with the
 *    WebAssembly SIMD kernels and, as a same-run baseline, the plain TypeScript kernels (same algorithm and bits);
 *    the C++ reference figures are the spec's (specs/pdq-and-hma.md §5, g++ -O3, same kind of machine).
 * 2. Decode + hash, end to end (sharp adapter + PDQ), images per second.
 * 3. vPDQ seconds per minute of 720p video (a generated 60 s 1280x720 30 fps H.264 clip), at 1 fps and every frame.
 * Images come from ../shared/data/pdq when present, else synthetic noise of the same sizes.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { decodeImage, findFfmpeg, vpdqHashVideo } from '@vigie/server/media';
import { pdqBackend, pdqDihedralHashes, pdqHash, type Pixels } from '../src/index.ts';

const SHARED = path.resolve(import.meta.dirname, '../../../../shared/data');

function noise(width: number, height: number): Pixels {
  const data = new Uint8Array(width * height * 3);
  let s = 12345;
  for (let i = 0; i < data.length; i++) data[i] = (s = (Math.imul(s, 1103515245) + 12345) >>> 0) >>> 24;
  return { width, height, channels: 3, data };
}

async function image(
  relative: string,
  width: number,
  height: number,
): Promise<{ pixels: Pixels; source: string }> {
  const file = path.join(SHARED, 'pdq/images', relative);
  if (existsSync(file)) return { pixels: await decodeImage(file), source: relative };
  return { pixels: noise(width, height), source: 'synthetic noise' };
}

/** Milliseconds per call: median and minimum over `runs` after `warmup` calls. */
function time(fn: () => unknown, runs: number, warmup = 3): { median: number; min: number } {
  for (let i = 0; i < warmup; i++) fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return { median: samples[Math.floor(runs / 2)]!, min: samples[0]! };
}

const ms = (x: number): string => x.toFixed(2);
const CPP_MS: Record<string, string> = {
  '256x256': '0.78–1.18',
  '512x512': '3.8–7.7',
  '1600x1004': '19–27',
  '4032x3024': '420–505',
};

async function hashOnly(): Promise<void> {
  console.log(`\n## PDQ hash only (backend: ${pdqBackend()}; baseline: TypeScript kernels, same run)\n`);
  console.log(
    '| size | source | wasm-simd median (min) ms | TypeScript median (min) ms | speed-up | dihedral x8 wasm ms | C++ -O3 (spec §5) ms |',
  );
  console.log('| --- | --- | --- | --- | --- | --- | --- |');
  const inputs = [
    ['reg-test-input/labelme-subset/q0003.jpg', 256, 256, 200],
    ['bridge-mods/square-512x512.jpg', 512, 512, 100],
    ['bridge-mods/aaa-orig.jpg', 1600, 1004, 40],
    ['reg-test-input/exif-rotn/exif-rotn-1.jpg', 4032, 3024, 10],
  ] as const;
  for (const [file, width, height, runs] of inputs) {
    const { pixels, source } = await image(file, width, height);
    const wasm = time(() => pdqHash(pixels), runs);
    const ts = time(() => pdqHash(pixels, { backend: 'typescript' }), Math.max(5, Math.floor(runs / 4)));
    const dihedral = time(() => pdqDihedralHashes(pixels), Math.max(5, Math.floor(runs / 2)));
    const size = `${width}x${height}`;
    console.log(
      `| ${size} | ${source} | ${ms(wasm.median)} (${ms(wasm.min)}) | ${ms(ts.median)} (${ms(ts.min)}) | ${(ts.median / wasm.median).toFixed(1)}x | ${ms(dihedral.median)} | ${CPP_MS[size]} |`,
    );
  }
}

async function endToEnd(): Promise<void> {
  console.log('\n## Decode (sharp) + PDQ, end to end\n');
  console.log('| set | images | in flight | images/s |');
  console.log('| --- | --- | --- | --- |');
  const sets = [
    ['1600x1004 JPEGs (bridge-mods)', 'bridge-mods', /aaa|blur|high|sharpen|shrink-a-little/],
    ['256x256 JPEGs (labelme-subset)', 'reg-test-input/labelme-subset', /\.jpg$/],
  ] as const;
  for (const [label, folder, pattern] of sets) {
    const dir = path.join(SHARED, 'pdq/images', folder);
    if (!existsSync(dir)) continue;
    const files = execFileSync('ls', [dir], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .filter((f) => pattern.test(f));
    const buffers = files.map((f) => readFileSync(path.join(dir, f)));
    for (const inFlight of [1, 2]) {
      const rounds = 3;
      const start = performance.now();
      for (let r = 0; r < rounds; r++) {
        let next = 0;
        const worker = async (): Promise<void> => {
          while (next < buffers.length) pdqHash(await decodeImage(buffers[next++]!));
        };
        await Promise.all(Array.from({ length: inFlight }, worker));
      }
      const seconds = (performance.now() - start) / 1000;
      console.log(
        `| ${label} | ${buffers.length} x ${rounds} | ${inFlight} | ${((buffers.length * rounds) / seconds).toFixed(1)} |`,
      );
    }
  }
}

async function video(): Promise<void> {
  const { ffmpeg } = findFfmpeg();
  const dir = mkdtempSync(path.join(tmpdir(), 'vigie-bench-'));
  try {
    const clip = path.join(dir, 'clip-720p-60s.mp4');
    execFileSync(ffmpeg, [
      '-v',
      'error',
      '-f',
      'lavfi',
      '-i',
      'testsrc2=duration=60:size=1280x720:rate=30',
      '-c:v',
      'libx264',
      '-preset',
      'veryfast',
      '-pix_fmt',
      'yuv420p',
      clip,
    ]);
    console.log(`\n## vPDQ, 60 s 1280x720 30 fps H.264 (testsrc2), ffmpeg ${ffmpeg}\n`);
    console.log('| sampling | frames hashed | seconds | seconds per minute of video |');
    console.log('| --- | --- | --- | --- |');
    for (const [label, secondsPerHash] of [
      ['1 fps (default)', 1],
      ['every frame', 0],
    ] as const) {
      const start = performance.now();
      const { frames } = await vpdqHashVideo(clip, { secondsPerHash });
      const seconds = (performance.now() - start) / 1000;
      console.log(`| ${label} | ${frames.length} | ${seconds.toFixed(2)} | ${seconds.toFixed(2)} |`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

console.log(
  `Node ${process.version}, ${new Date().toISOString()}, load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')} on ${cpus().length} CPUs`,
);
await hashOnly();
await endToEnd();
await video();
