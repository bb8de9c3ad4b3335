/**
 * Matching benchmark. Each (size, kind) runs in its own process so RSS figures are not mixed.
 *   npm run bench -w packages/matching                      # full bar set: 1M and 10M, random and clustered
 *   npm run bench -w packages/matching -- --sizes 100000    # quick run
 * Flags: --sizes a,b  --kinds random,clustered  --queries N  --brute N  --no-faiss  --no-thp
 *
 * Each case process runs with `GLIBC_TUNABLES=glibc.malloc.hugetlb=1`, as `npm start` runs the service: glibc then
 * asks for transparent huge pages on large allocations (the index's tables and hash store), which the kernel's
 * default THP mode (`madvise`) grants only when asked. `--no-thp` leaves the environment as it is, to compare.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1000000,10000000' },
    kinds: { type: 'string', default: 'random,clustered' },
    queries: { type: 'string', default: '2000' },
    brute: { type: 'string' },
    'no-faiss': { type: 'boolean', default: false },
    'no-thp': { type: 'boolean', default: false },
  },
});
const here = path.dirname(fileURLToPath(import.meta.url));
const faissCheck = spawnSync('/usr/bin/python3', ['-c', 'import faiss'], { encoding: 'utf8' });
const faiss = !values['no-faiss'] && faissCheck.status === 0;
if (!faiss)
  console.log(
    values['no-faiss']
      ? 'faiss: skipped (--no-faiss)'
      : 'faiss: skipped (python3-faiss not importable with /usr/bin/python3)',
  );

interface Row {
  size: number;
  kind: string;
  buildS: number;
  p50Ms: number;
  p99Ms: number;
  qps: number;
  hits: number;
  bruteMeanMs: number;
  speedupVsBrute: number;
  bruteQueries: number;
  recall: number;
  indexMiB: number;
  rssMiB: number;
  hugePagesMiB: number;
  layout: string;
  faiss: {
    p50Ms?: number;
    p50_ms?: number;
    mean_ms?: number;
    build_s?: number;
    hits?: number;
    skipped?: string;
  } | null;
}

const caseEnv = values['no-thp']
  ? process.env
  : {
      ...process.env,
      GLIBC_TUNABLES: [process.env.GLIBC_TUNABLES, 'glibc.malloc.hugetlb=1'].filter(Boolean).join(':'),
    };

const rows: Row[] = [];
for (const size of values.sizes.split(',').map(Number)) {
  for (const kind of values.kinds.split(',')) {
    // Brute force costs ~n·20 ns per query here: fewer brute queries at 10M keep the run to minutes.
    const brute = values.brute ?? (size >= 5_000_000 ? '20' : '100');
    const args = [
      '--import',
      'tsx',
      path.join(here, 'case.ts'),
      '--size',
      String(size),
      '--kind',
      kind,
      '--queries',
      values.queries,
      '--brute',
      brute,
    ];
    if (faiss) args.push('--faiss');
    const run = spawnSync(process.execPath, args, {
      encoding: 'utf8',
      maxBuffer: 1 << 24,
      env: caseEnv,
    });
    if (run.status !== 0) {
      console.error(`case ${size} ${kind} failed:\n${run.stderr}`);
      process.exitCode = 1;
      continue;
    }
    const row = JSON.parse(run.stdout.trim().split('\n').at(-1)!) as Row;
    rows.push(row);
    console.log(JSON.stringify(row));
  }
}

const f = (x: number, d = 3) => x.toFixed(d);
console.log(
  '\n| size | data | build s | p50 ms | p99 ms | queries/s | brute ms/query | speed-up vs brute | recall | index MiB | RSS MiB (on huge pages) | faiss MultiHash p50 ms (build s) |',
);
console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
for (const r of rows) {
  const fx =
    r.faiss && r.faiss.p50_ms !== undefined
      ? `${f(r.faiss.p50_ms)} (${f(r.faiss.build_s ?? 0, 1)})`
      : (r.faiss?.skipped ?? 'not run');
  console.log(
    `| ${r.size.toLocaleString('en')} | ${r.kind} | ${f(r.buildS, 1)} | ${f(r.p50Ms)} | ${f(r.p99Ms)} | ${Math.round(r.qps)} | ${f(r.bruteMeanMs, 1)} | ${f(r.speedupVsBrute, 0)}× | ${r.recall === 1 ? '100%' : `${f(r.recall * 100, 2)}%`} (${r.bruteQueries} q) | ${r.indexMiB} | ${r.rssMiB} (${r.hugePagesMiB}) | ${fx} |`,
  );
}
