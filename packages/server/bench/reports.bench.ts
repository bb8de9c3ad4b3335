/**
 * Public report intake benchmark: `POST /api/v1/public/reports` over loopback against a real server
 * process, at a fixed rate (wrk with a pacing script, bounded run), on SQLite then PostgreSQL. Every request is a
 * complete Art. 16 notice with a reporter contact (sealed at rest); one in ten names a URL reported
 * before, so grouping joins existing cases as well as opening new ones. The baseline is the public
 * status page (`GET /api/v1/public/reports/:reference`, one indexed read) in the same server at the
 * same rate: same rate limiting and serialisation, no write transaction.
 *
 * On PostgreSQL the run also reads the server's figures for the benchmark database: the CPU of its
 * backends per report, and reports per committed transaction (the size of the group-commit batches;
 * the few other transactions of the window, such as job polls, count too).
 *
 *   npm run bench:reports -w packages/server [-- --seconds 15 --sqlite-rate 500 --postgres-rate 1000 --dialects sqlite,postgres --profile DIR]
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { createOrganisation } from '../src/identity/organisations.ts';
import { freshDatabase, startBenchServer, type BenchServer, type Dialect } from './harness.ts';
import { wrkPaced, type LoadResult } from './wrk.ts';

const { values: args } = parseArgs({
  options: {
    seconds: { type: 'string', default: '15' },
    'sqlite-rate': { type: 'string', default: '500' },
    'postgres-rate': { type: 'string', default: '1000' },
    /**
     * Requests in flight at most. Public reports come from many independent clients; a closed loop of N
     * connections caps the rate at N / latency, and a group commit's latency is tens of milliseconds,
     * so 1,000 reports/s needs more than 20 in flight to be offered at all.
     */
    connections: { type: 'string', default: '100' },
    dialects: { type: 'string', default: 'sqlite,postgres' },
    /** A folder for the server's V8 CPU profiles (`--cpu-prof`), one per database. */
    profile: { type: 'string' },
  },
});
const DIALECTS = args.dialects.split(',').map((d) => {
  if (d !== 'sqlite' && d !== 'postgres') throw new Error(`--dialects: sqlite or postgres, not ${d}`);
  return d as Dialect;
});
const SECONDS = Number(args.seconds);
const CONNECTIONS = Number(args.connections);

interface Prepared {
  env: Record<string, string>;
  databaseUrl: string | undefined;
  slug: string;
  cleanup(): Promise<void>;
}

async function prepare(dialect: Dialect): Promise<Prepared> {
  const database = await freshDatabase(dialect, 'vigie-bench-reports-');
  const org = await createOrganisation(database.storage.db, { name: 'Bench intake' });
  await database.storage.close();
  return {
    env: database.env,
    databaseUrl: database.databaseUrl,
    slug: org.slug,
    cleanup: () => database.remove(),
  };
}

function startProcess(env: Record<string, string>): Promise<BenchServer> {
  // The load comes from one address: lift the per-address public limit for the measurement.
  return startBenchServer(
    { ...env, VIGIE_PUBLIC_RATE_LIMIT: '1000000000' },
    args.profile ? { nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${args.profile}`] } : {},
  );
}

const languages = [
  ['fr', 'FR', 'Ce message fait l’apologie d’un attentat et appelle à recommencer.'],
  ['en', 'IE', 'This post praises a terrorist attack and calls for more.'],
  ['de', 'DE', 'Dieser Beitrag verherrlicht einen Anschlag und ruft zu weiteren auf.'],
  ['ar', 'FR', 'هذا المنشور يمجد هجومًا إرهابيًا ويدعو إلى المزيد.'],
] as const;

let serial = 0;
/** A notice body; one in ten repeats an earlier URL so that it joins that case. */
function noticeBody(slug: string, run: string): string {
  serial++;
  const [language, country, explanation] = languages[serial % languages.length]!;
  const url =
    serial % 10 === 0
      ? `https://social.example/${run}/posts/${serial - 5}`
      : `https://social.example/${run}/posts/${serial}`;
  return JSON.stringify({
    organisation: slug,
    url,
    explanation,
    category: 'STATEMENT_CATEGORY_RISK_FOR_PUBLIC_SECURITY',
    keywords: ['KEYWORD_TERRORIST_CONTENT'],
    language,
    country,
    reporter: { name: `Reporter ${serial % 500}`, email: `reporter${serial % 500}@example.net` },
    goodFaith: true,
  });
}

/** A paced run of one request kind: a POST cycling through `bodies`, or a GET of `path`. */
function drive(
  url: string,
  rate: number,
  seconds: number,
  request: { method: 'GET' | 'POST'; path: string; bodies?: string[] },
): Promise<LoadResult> {
  return wrkPaced({
    url: `${url}${request.path}`,
    method: request.method,
    bodies: request.bodies ?? [],
    rate,
    seconds,
    connections: CONNECTIONS,
  });
}

/** Enough distinct notices for a run (a few more than the schedule sends), so URLs repeat only as planned. */
const notices = (slug: string, run: string, rate: number, seconds: number) =>
  Array.from({ length: Math.ceil(rate * seconds * 1.1) }, () => noticeBody(slug, run));

async function analyse(databaseUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('analyze');
  } finally {
    await client.end();
  }
}

/** The machine's 1-minute load average when a run ends: on a shared machine, read figures with it. */
const loadAverage = () => readFileSync('/proc/loadavg', 'utf8').split(' ')[0]!;

async function oneReference(url: string, slug: string): Promise<string> {
  const response = await fetch(`${url}/api/v1/public/reports`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: noticeBody(slug, 'probe'),
  });
  if (response.status !== 201)
    throw new Error(`probe report failed: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { reference: string }).reference;
}

/**
 * A PostgreSQL database's committed transactions and the CPU seconds of its server processes
 * (backends only: the WAL writer and checkpointer are shared with other databases). Statistics lag
 * by up to a second, hence the pause.
 */
async function postgresUsage(databaseUrl: string): Promise<{ commits: number; cpu: Map<number, number> }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const commits = await client.query<{ commits: string }>(
      'select xact_commit as commits from pg_stat_database where datname = current_database()',
    );
    const backends = await client.query<{ pid: number }>(
      'select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()',
    );
    const cpu = new Map<number, number>();
    for (const { pid } of backends.rows) {
      try {
        cpu.set(pid, cpuSeconds(pid));
      } catch {
        // ended meanwhile
      }
    }
    return { commits: Number(commits.rows[0]?.commits ?? 0), cpu };
  } finally {
    await client.end();
  }
}

/** CPU used by backends between two readings (a backend that ended in between is not counted). */
function backendCpuBetween(before: Map<number, number>, after: Map<number, number>): number {
  let total = 0;
  for (const [pid, seconds] of after) total += seconds - (before.get(pid) ?? 0);
  return total;
}

/** CPU seconds (user + system) used so far by a process: a figure that other load cannot inflate. */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
}

const rows: string[] = [];
for (const dialect of DIALECTS) {
  const rate = Number(dialect === 'sqlite' ? args['sqlite-rate'] : args['postgres-rate']);
  const prepared = await prepare(dialect);
  const { child, url } = await startProcess(prepared.env);
  try {
    const reference = await oneReference(url, prepared.slug);
    const post = (run: string, seconds: number) => ({
      method: 'POST' as const,
      path: '/api/v1/public/reports',
      bodies: notices(prepared.slug, run, rate, seconds),
    });
    await drive(url, rate, 3, post('warmup', 3)); // JIT, pools, first data key
    // A production database has statistics (autovacuum analyses a table once a tenth of it has changed);
    // this one was created seconds ago and would run the whole measurement without any, on plans that
    // guess (e.g. a case's events read through the organisation-wide index: 4 ms instead of 0.05).
    if (prepared.databaseUrl) await analyse(prepared.databaseUrl);
    const postgresBefore = prepared.databaseUrl ? await postgresUsage(prepared.databaseUrl) : undefined;
    const cpuBefore = cpuSeconds(child.pid!);
    const measured = post('measured', SECONDS);
    const intake = await drive(url, rate, SECONDS, measured);
    const reports = Math.max(intake.total, 1);
    const cpuMsPerReport = ((cpuSeconds(child.pid!) - cpuBefore) * 1000) / reports;
    let postgresCpuMsPerReport = '–';
    let reportsPerCommit = '–';
    if (prepared.databaseUrl && postgresBefore) {
      const after = await postgresUsage(prepared.databaseUrl);
      postgresCpuMsPerReport = ((backendCpuBetween(postgresBefore.cpu, after.cpu) * 1000) / reports).toFixed(
        2,
      );
      reportsPerCommit = (reports / Math.max(after.commits - postgresBefore.commits, 1)).toFixed(1);
    }
    const baseline = await drive(url, rate, SECONDS, {
      method: 'GET',
      path: `/api/v1/public/reports/${reference}`,
    });
    rows.push(
      `| ${dialect} | ${loadAverage()} | ${rate} | ${intake.rate.toFixed(0)} | ${intake.p50} | ${intake.p99} | ${intake.max} | ${intake.errors} | ${cpuMsPerReport.toFixed(2)} | ${postgresCpuMsPerReport} | ${reportsPerCommit} | ` +
        `${baseline.rate.toFixed(0)} | ${baseline.p50} | ${baseline.p99} | ${(intake.p99 / Math.max(baseline.p99, 1)).toFixed(1)}× |`,
    );
    console.error(`${dialect}: ${intake.total} reports`);
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    await prepared.cleanup();
  }
}

console.log(
  `\nPOST /api/v1/public/reports (full Art. 16 notice, sealed contact, 10% join an existing case), ${SECONDS} s at a fixed rate, ${CONNECTIONS} connections (wrk), loopback\n`,
);
console.log(
  '| database | load avg (1 min) | target req/s | achieved req/s | p50 ms | p99 ms | max ms | errors | server CPU ms/report | PostgreSQL CPU ms/report | reports per commit | baseline req/s | baseline p50 ms | baseline p99 ms | p99 vs baseline |',
);
console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
for (const row of rows) console.log(row);
