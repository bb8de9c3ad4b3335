/**
 * Two server processes on one database: an entry added or retracted through one process is matched (or
 * no longer matched) by the other within a second. Runs on SQLite, or on PostgreSQL with DATABASE_URL.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBank } from '../../src/banks/banks.ts';
import { systemActor } from '../../src/identity/actor.ts';
import { createApiKey } from '../../src/identity/api-keys.ts';
import { createOrganisation } from '../../src/identity/organisations.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { flipBits, firstBits, randomHex, type ResponseBody } from './helpers.ts';

const FIXTURE = path.join(import.meta.dirname, 'server-process.ts');
let database: TestDatabase;
const children: ChildProcess[] = [];
let headers: Record<string, string>;
let bankId: string;

function startProcess(): Promise<string> {
  const child = spawn(process.execPath, ['--import', 'tsx', FIXTURE], {
    env: { ...process.env, ...database.env, PORT: '0', HOST: '127.0.0.1', VIGIE_LOG_LEVEL: 'error' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`server exited early with ${code}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line.startsWith('READY ')) resolve(line.slice(6).replace('localhost', '127.0.0.1'));
    });
  });
}

async function call(base: string, method: string, url: string, body?: unknown) {
  const response = await fetch(`${base}${url}`, {
    method,
    headers: { ...headers, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as ResponseBody };
}

/** Checks through `base` every 25 ms until `done(matches)` holds; returns the time it took. */
async function timeUntil(base: string, pdq: string, done: (matchCount: number) => boolean): Promise<number> {
  const started = Date.now();
  for (;;) {
    const { body } = await call(base, 'POST', '/api/v1/check', { hashes: { pdq: [pdq] } });
    if (done(body.matches.length)) return Date.now() - started;
    if (Date.now() - started > 10_000) throw new Error('the change never reached the other process');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

beforeAll(async () => {
  database = await createTestDatabase();
  const db = database.storage.db;
  const org = await createOrganisation(db, { name: 'Two processes' });
  const actor = systemActor(org.id, 'test');
  const { secret } = await createApiKey(db, actor, {
    name: 'k',
    permissions: ['banks:manage', 'banks:read', 'check:submit'],
  });
  headers = { authorization: `Bearer ${secret}` };
  bankId = (await createBank(db, actor, { name: 'SHARED' }, null)).id;
});

afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  await database?.drop();
});

describe('bank changes across server processes', () => {
  it('an entry added in process A matches in process B, and its retraction stops matching in B, each within 1 s', async () => {
    const [a, b] = await Promise.all([startProcess(), startProcess()]);
    const pdq = randomHex(64);
    const query = flipBits(pdq, firstBits(9));
    expect((await call(b, 'POST', '/api/v1/check', { hashes: { pdq: [query] } })).body.matches).toEqual([]);

    const added = await call(a, 'POST', `/api/v1/banks/${bankId}/entries`, { signalType: 'pdq', value: pdq });
    expect(added.status).toBe(201);
    const addVisibleMs = await timeUntil(b, query, (n) => n === 1);

    const retracted = await call(a, 'POST', `/api/v1/bank-entries/${added.body.entry.id}/retract`, {
      reason: 'test',
    });
    expect(retracted.status).toBe(200);
    const retractVisibleMs = await timeUntil(b, query, (n) => n === 0);

    console.log(
      `${database.dialect}: add visible in B after ${addVisibleMs} ms, retraction after ${retractVisibleMs} ms`,
    );
    expect(addVisibleMs).toBeLessThan(1000);
    expect(retractVisibleMs).toBeLessThan(1000);
  }, 60_000);
});
