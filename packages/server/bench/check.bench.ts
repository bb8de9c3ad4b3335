/**
 * Check API benchmark: precomputed-PDQ checks against a 1M-entry bank, over loopback, at a fixed
 * 1,000 requests/s (wrk with a pacing script by default, or autocannon; bounded run), on SQLite and on PostgreSQL. A real server process is
 * started per database. Half the queries are stored hashes with 0–16 flipped bits (matches), half are
 * random (misses). The baseline is the same request against an organisation whose bank is empty: same
 * authentication, validation and serialisation, no index work, so the ratio isolates the matching cost.
 *
 *   npm run bench:check -w packages/server [-- --entries 1000000 --seconds 15 --rate 1000 --dialects sqlite,postgres
 *     --driver wrk|autocannon --nice=-10]
 *
 * `--nice N` runs the server process and this driver at that scheduling priority (needs root for N < 0):
 * on a shared machine it keeps other workloads from dominating the tail latency being measured.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { loadavg, setPriority } from 'node:os';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { createBank } from '../src/banks/banks.ts';
import { systemActor } from '../src/identity/actor.ts';
import { createApiKey } from '../src/identity/api-keys.ts';
import { createOrganisation } from '../src/identity/organisations.ts';
import { sqliteFile } from '../src/storage/database.ts';
import { freshDatabase, startBenchServer, type BenchServer, type Dialect } from './harness.ts';
import { wrkPaced, type LoadResult } from './wrk.ts';

const { values: args } = parseArgs({
  options: {
    entries: { type: 'string', default: '1000000' },
    seconds: { type: 'string', default: '15' },
    rate: { type: 'string', default: '1000' },
    connections: { type: 'string', default: '20' },
    dialects: { type: 'string', default: 'sqlite,postgres' },
    nice: { type: 'string' },
    driver: { type: 'string', default: 'wrk' },
  },
});
const ENTRIES = Number(args.entries);
const SECONDS = Number(args.seconds);
const RATE = Number(args.rate);
const CONNECTIONS = Number(args.connections);
const NICE = args.nice === undefined ? undefined : Number(args.nice);
const DIALECTS = args.dialects.split(',').map((d) => {
  if (d !== 'sqlite' && d !== 'postgres') throw new Error(`--dialects: sqlite or postgres, not ${d}`);
  return d;
});
const DRIVER = args.driver;
if (DRIVER !== 'wrk' && DRIVER !== 'autocannon') throw new Error('--driver must be wrk or autocannon');
if (NICE !== undefined) setPriority(NICE);

/** Deterministic xorshift so every run checks the same hashes. */
function prng(seed: number) {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 2 ** 32;
  };
}

function randomPdq(random: () => number): string {
  let hex = '';
  for (let i = 0; i < 8; i++)
    hex += Math.floor(random() * 2 ** 32)
      .toString(16)
      .padStart(8, '0');
  return hex;
}

function flip(hex: string, count: number, random: () => number): string {
  const digits = hex.split('').map((c) => Number.parseInt(c, 16));
  const bits = new Set<number>();
  while (bits.size < count) bits.add(Math.floor(random() * 256));
  for (const bit of bits) digits[bit >> 2] = digits[bit >> 2]! ^ (8 >> (bit & 3));
  return digits.map((d) => d.toString(16)).join('');
}

const valueKey = (hex: string) => createHash('sha256').update(`pdq:${hex}`).digest('hex');

interface Seeded {
  env: Record<string, string>;
  apiKey: string;
  emptyApiKey: string;
  stored: string[];
  seedSeconds: number;
  cleanup(): Promise<void>;
}

/** Creates the organisations, keys and banks through the domain code, then bulk-inserts the entries. */
async function seed(dialect: Dialect): Promise<Seeded> {
  const database = await freshDatabase(dialect, 'vigie-bench-');
  const { storage, dataDir, databaseUrl } = database;
  const org = await createOrganisation(storage.db, { name: 'Bench platform' });
  const empty = await createOrganisation(storage.db, { name: 'Bench baseline' });
  const key = async (orgId: string) =>
    (
      await createApiKey(storage.db, systemActor(orgId, 'bench'), {
        name: 'bench',
        permissions: ['check:submit'],
      })
    ).secret;
  const apiKey = await key(org.id);
  const emptyApiKey = await key(empty.id);
  const bank = await createBank(
    storage.db,
    systemActor(org.id, 'bench'),
    { name: 'BENCH_PDQ', action: 'block' },
    null,
  );
  await createBank(storage.db, systemActor(empty.id, 'bench'), { name: 'EMPTY', action: 'block' }, null);

  const random = prng(42);
  const stored: string[] = [];
  const started = Date.now();
  const now = Date.now();
  if (dialect === 'sqlite') {
    await storage.close();
    const sqlite = new BetterSqlite3(sqliteFile(dataDir));
    const insert = sqlite.prepare(
      `insert into bank_entries (org_id, bank_id, signal_type, value, value_key, labels, source, added_by, added_at,
         jurisdictions, status) values (?, ?, 'pdq', ?, ?, '["gifct:bench"]', 'bench', 'system:bench', ?, '[]', 'active')`,
    );
    sqlite.transaction(() => {
      for (let i = 0; i < ENTRIES; i++) {
        const hex = randomPdq(random);
        if (i % 500 === 0) stored.push(hex);
        insert.run(org.id, bank.id, hex, valueKey(hex), now);
      }
    })();
    sqlite.close();
  } else {
    await storage.close();
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    for (let done = 0; done < ENTRIES;) {
      const values: string[] = [];
      const keys: string[] = [];
      for (let i = 0; i < 50_000 && done < ENTRIES; i++, done++) {
        const hex = randomPdq(random);
        if (done % 500 === 0) stored.push(hex);
        values.push(hex);
        keys.push(valueKey(hex));
      }
      await client.query(
        `insert into bank_entries (org_id, bank_id, signal_type, value, value_key, labels, source, added_by, added_at,
           jurisdictions, status)
         select $1, $2, 'pdq', v, k, '["gifct:bench"]', 'bench', 'system:bench', $3, '[]', 'active'
         from unnest($4::text[], $5::text[]) as t(v, k)`,
        [org.id, bank.id, now, values, keys],
      );
    }
    await client.query('analyze bank_entries');
    await client.end();
  }
  return {
    env: database.env,
    apiKey,
    emptyApiKey,
    stored,
    seedSeconds: (Date.now() - started) / 1000,
    cleanup: () => database.remove(),
  };
}

function startProcess(env: Record<string, string>): Promise<BenchServer> {
  const nodeArgs = process.env.BENCH_CPU_PROF
    ? [`--cpu-prof`, `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`]
    : [];
  return startBenchServer(env, { nodeArgs, nice: NICE });
}

function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

function requestBodies(stored: string[]): string[] {
  const random = prng(7);
  return Array.from({ length: 4000 }, (_, i) => {
    const hash =
      i % 2 === 0
        ? flip(stored[Math.floor(random() * stored.length)]!, Math.floor(random() * 17), random)
        : randomPdq(random);
    return JSON.stringify({ hashes: { pdq: [hash] } });
  });
}

async function drive(url: string, apiKey: string, bodies: string[], seconds: number): Promise<LoadResult> {
  if (DRIVER === 'wrk')
    return wrkPaced({
      url: `${url}/api/v1/check`,
      method: 'POST',
      bodies,
      rate: RATE,
      seconds,
      connections: CONNECTIONS,
      authorization: `Bearer ${apiKey}`,
    });
  let next = 0;
  const result = await autocannon({
    url: `${url}/api/v1/check`,
    method: 'POST',
    connections: CONNECTIONS,
    duration: seconds,
    overallRate: RATE,
    headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
    requests: [
      {
        setupRequest: (request) => {
          next = (next + 1) % bodies.length;
          return { ...request, body: bodies[next] };
        },
      },
    ],
  });
  return {
    rate: result.requests.total / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    errors: result.errors + result.timeouts + result.non2xx,
    total: result.requests.total,
  };
}

/** Verifies that the near-match half of the bodies really matches before timing anything. */
async function matchShare(url: string, apiKey: string, bodies: string[]): Promise<number> {
  let matched = 0;
  const sample = bodies.slice(0, 200);
  for (const body of sample) {
    const response = await fetch(`${url}/api/v1/check`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
      body,
    });
    const json = (await response.json()) as { matches?: unknown[] };
    if ((json.matches?.length ?? 0) > 0) matched++;
  }
  return matched / sample.length;
}

const rows: string[] = [];
for (const dialect of DIALECTS) {
  const seeded = await seed(dialect);
  const { child, url, startMs } = await startProcess(seeded.env);
  try {
    const bodies = requestBodies(seeded.stored);
    const share = await matchShare(url, seeded.apiKey, bodies);
    await drive(url, seeded.apiKey, bodies, 3); // warm-up: JIT, connection pools
    const bank = await drive(url, seeded.apiKey, bodies, SECONDS);
    const baseline = await drive(url, seeded.emptyApiKey, bodies, SECONDS);
    const rss = rssMiB(child.pid!);
    rows.push(
      `| ${dialect} | ${ENTRIES.toLocaleString('en')} | ${seeded.seedSeconds.toFixed(1)} | ${(startMs / 1000).toFixed(1)} | ${rss.toFixed(0)} | ` +
        `${(share * 100).toFixed(0)}% | ${bank.rate.toFixed(0)} | ${bank.p50} | ${bank.p99} | ${bank.max} | ${bank.errors} | ` +
        `${baseline.rate.toFixed(0)} | ${baseline.p50} | ${baseline.p99} | ${(bank.p99 / Math.max(baseline.p99, 0.01)).toFixed(2)}× |`,
    );
    console.error(`${dialect}: done (${bank.total} requests)`);
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    await seeded.cleanup();
  }
}

console.log(
  `\nPOST /api/v1/check, one precomputed PDQ per request, ${RATE} req/s for ${SECONDS} s, ${CONNECTIONS} connections ` +
    `(${DRIVER}), loopback${NICE === undefined ? '' : `, nice ${NICE}`}; load average at the end: ` +
    `${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}\n`,
);
console.log(
  '| database | entries | seed s | server start s (index load) | server RSS MiB | sample matched | achieved req/s | p50 ms | p99 ms | max ms | errors | baseline req/s | baseline p50 ms | baseline p99 ms | p99 vs baseline |',
);
console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
for (const row of rows) console.log(row);
