/**
 * One benchmark case in a fresh process (so RSS is this case's alone): build the index over n hashes, time
 * single queries, time brute force on a subset in the same run and check both give the same results, then
 * optionally time faiss on the same data. Prints one JSON line.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { HammingIndex, bruteForceQuery, type Match } from '../src/index.ts';
import { makeBank, makeQueries } from './data.ts';

/** This process's memory on transparent huge pages (Linux), 0 where the kernel does not say. */
function anonHugePagesBytes(): number {
  try {
    const rollup = readFileSync('/proc/self/smaps_rollup', 'utf8');
    const kib = /^AnonHugePages:\s+(\d+) kB/m.exec(rollup)?.[1];
    return kib === undefined ? 0 : Number(kib) * 1024;
  } catch {
    return 0;
  }
}

const { values } = parseArgs({
  options: {
    size: { type: 'string' },
    kind: { type: 'string' },
    radius: { type: 'string', default: '31' },
    queries: { type: 'string', default: '2000' },
    brute: { type: 'string', default: '50' },
    faiss: { type: 'boolean', default: false },
  },
});
const n = Number(values.size);
const clustered = values.kind === 'clustered';
const radius = Number(values.radius);
const queryCount = Number(values.queries);
const bruteCount = Math.min(Number(values.brute), queryCount);
const mib = (bytes: number) => Math.round(bytes / 2 ** 20);

const rssBefore = process.memoryUsage().rss;
const bank = makeBank(n, clustered, 12345);
const queries = makeQueries(bank, queryCount, 777);

let faissDir: string | undefined;
if (values.faiss) {
  // Written before the index adopts the bank array. Byte order is irrelevant to Hamming distance as long as
  // bank and queries use the same one.
  faissDir = mkdtempSync(path.join(tmpdir(), 'vigie-faiss-'));
  writeFileSync(path.join(faissDir, 'db.bin'), new Uint8Array(bank.buffer, bank.byteOffset, bank.byteLength));
  const q = new Uint32Array(queryCount * 8);
  queries.forEach((h, i) => q.set(h, i * 8));
  writeFileSync(path.join(faissDir, 'queries.bin'), new Uint8Array(q.buffer));
}

const t0 = performance.now();
const index = HammingIndex.fromPacked(bank);
const buildMs = performance.now() - t0;
const rssAfterBuild = process.memoryUsage().rss;
const hugePagesAfterBuild = anonHugePagesBytes();

// Warm up the JIT on queries that are not timed.
for (const q of makeQueries(bank, 300, 999)) index.query(q, radius);

const times: number[] = [];
let hits = 0;
const tAll = performance.now();
for (const q of queries) {
  const t = performance.now();
  hits += index.query(q, radius).length;
  times.push(performance.now() - t);
}
const totalMs = performance.now() - tAll;
times.sort((a, b) => a - b);
const pct = (p: number) => times[Math.min(times.length - 1, Math.floor(times.length * p))]!;

let bruteMs = 0;
let mismatches = 0;
let bruteHits = 0;
const same = (a: Match[], b: Match[]) =>
  a.length === b.length && a.every((m, i) => m.id === b[i]!.id && m.distance === b[i]!.distance);
for (const q of queries.slice(0, bruteCount)) {
  const t = performance.now();
  const expected = bruteForceQuery(bank, 8, q, radius);
  bruteMs += performance.now() - t;
  bruteHits += expected.length;
  if (!same(index.query(q, radius), expected)) mismatches++;
}
const bruteMeanMs = bruteMs / bruteCount;

let faiss: unknown = null;
if (faissDir) {
  const script = path.join(path.dirname(fileURLToPath(import.meta.url)), 'faiss_bench.py');
  const run = spawnSync(
    '/usr/bin/python3',
    [script, path.join(faissDir, 'db.bin'), path.join(faissDir, 'queries.bin'), String(radius)],
    {
      encoding: 'utf8',
    },
  );
  rmSync(faissDir, { recursive: true, force: true });
  faiss =
    run.status === 0
      ? JSON.parse(run.stdout.trim().split('\n').at(-1)!)
      : { skipped: `python exited ${run.status}: ${run.stderr.slice(-300)}` };
}

console.log(
  JSON.stringify({
    size: n,
    kind: values.kind,
    radius,
    buildS: buildMs / 1000,
    p50Ms: pct(0.5),
    p99Ms: pct(0.99),
    meanMs: totalMs / queryCount,
    qps: (queryCount * 1000) / totalMs,
    hits,
    bruteMeanMs,
    speedupVsBrute: bruteMeanMs / (totalMs / queryCount),
    bruteQueries: bruteCount,
    bruteHits,
    recall: mismatches === 0 ? 1 : 1 - mismatches / bruteCount,
    mismatches,
    indexMiB: mib(index.memoryBytes()),
    rssMiB: mib(rssAfterBuild),
    rssBeforeMiB: mib(rssBefore),
    hugePagesMiB: mib(hugePagesAfterBuild),
    layout: index
      .layout()
      .map((t) => `${t.substring.width}/${t.bucketBits}`)
      .join(' '),
    faiss,
  }),
);
