import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/identity/actor.ts';
import { createOrganisation } from '../../src/identity/organisations.ts';
import { claimJobs, completeJob, failJob } from '../../src/jobs/outbox.ts';
import type { JobHandler } from '../../src/jobs/worker.ts';
import type { TdbSettings } from '../../src/transparency/tdb-client.ts';
import {
  TDB_SUBMIT_JOB,
  listTdbSubmissions,
  scheduleTdbSubmissions,
  tdbSubmitHandler,
} from '../../src/transparency/tdb-submission.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { insertDecision } from './decisions.ts';
import { illegalVideoDecision } from './fixtures.ts';

const TOKEN = '7|tdb-secret-token';
const REQUIRED = ['decision_ground', 'content_type', 'category', 'content_date', 'application_date', 'decision_facts',
  'source_type', 'automated_detection', 'automated_decision', 'puid'] as const; // prettier-ignore

/**
 * A stand-in for the TDB API, written from spec §1.3: checks the request shape (a malformed request
 * gets 400, which the tests then see), stores statements by puid, refuses a whole batch with 422
 * keyed `statement_<n>` when one is bad or its puid exists, and can lose its answer after storing.
 */
class FakeTdb {
  readonly stored = new Map<string, Record<string, unknown>>();
  readonly shapeErrors: string[] = [];
  posts = 0;
  /** Statuses to answer the next POSTs with, after storing their statements (a lost 201). */
  failAfterStoring: number[] = [];
  /** Status to answer every request with, before looking at it. */
  refuseAll: number | null = null;
  private server: Server = createServer((req, res) => void this.handle(req, res));

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private send(res: ServerResponse, status: number, body: unknown) {
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  }

  private async handle(req: IncomingMessage, res: ServerResponse) {
    let raw = '';
    for await (const chunk of req) raw += String(chunk);
    if (this.refuseAll !== null) return this.send(res, this.refuseAll, { message: 'refused' });
    if (req.headers.authorization !== `Bearer ${TOKEN}`)
      return this.send(res, 401, { message: 'Unauthenticated.' });
    if (req.headers.accept !== 'application/json') this.shapeErrors.push('accept header');
    const existing = /^\/api\/v1\/statement\/existing-puid\/([A-Za-z0-9_-]+)$/.exec(req.url ?? '');
    if (req.method === 'GET' && existing) {
      const found = this.stored.has(existing[1]!);
      return this.send(res, found ? 302 : 404, {
        message: found ? 'statement of reason found' : 'statement of reason not found',
        puid: existing[1],
      });
    }
    if (req.method !== 'POST' || req.url !== '/api/v1/statements') return this.send(res, 404, {});
    this.posts += 1;
    if (!String(req.headers['content-type']).startsWith('application/json'))
      this.shapeErrors.push('content type');
    const body = JSON.parse(raw) as { statements?: Record<string, unknown>[] };
    const statements = body.statements;
    if (!Array.isArray(statements) || statements.length < 1 || statements.length > 100) {
      this.shapeErrors.push(`batch size ${String(statements?.length)}`);
      return this.send(res, 400, {});
    }
    const errors: Record<string, unknown> = {};
    statements.forEach((statement, index) => {
      const missing = REQUIRED.filter((field) => statement[field] === undefined);
      if (missing.length > 0) this.shapeErrors.push(`statement ${index} lacks ${missing.join(',')}`);
      if (this.stored.has(String(statement.puid))) {
        errors[`statement_${index}`] = { puid: ['The identifier given is not unique within this platform.'] };
      } else if (String(statement.decision_facts).includes('REJECT-ME')) {
        errors[`statement_${index}`] = { decision_facts: ['The decision facts are not acceptable.'] };
      }
    });
    if (Object.keys(errors).length > 0)
      return this.send(res, 422, { message: 'The given data was invalid.', errors });
    const created = statements.map((statement) => {
      const uuid = `uuid-${String(statement.puid)}`;
      this.stored.set(String(statement.puid), statement);
      return { ...statement, uuid, permalink: `https://tdb.example/statement/${uuid}` };
    });
    const lost = this.failAfterStoring.shift();
    if (lost !== undefined) return this.send(res, lost, { message: 'gateway timeout' });
    return this.send(res, 201, { statements: created });
  }
}

let database: TestDatabase;
let tdb: FakeTdb;
let settings: TdbSettings;
let handler: JobHandler;

beforeAll(async () => {
  database = await createTestDatabase();
  tdb = new FakeTdb();
  settings = { apiUrl: await tdb.start(), token: TOKEN };
  handler = tdbSubmitHandler(() => settings);
});
afterAll(async () => {
  await tdb?.stop();
  await database?.drop();
});
beforeEach(() => {
  tdb.failAfterStoring = [];
  tdb.refuseAll = null;
});

/** Runs every due submit job once, as the worker would: effects and completion in one transaction. */
async function runDueJobs(): Promise<{ done: number; failed: string[] }> {
  const db = database.storage.db;
  const jobs = await claimJobs(db, 'test-worker', 50, 60_000, [TDB_SUBMIT_JOB]);
  const failed: string[] = [];
  for (const job of jobs) {
    try {
      const effects = await handler(job, db);
      await db.transaction().execute(async (trx) => {
        if (effects) await effects(trx);
        await completeJob(trx, job.id, 'test-worker');
      });
    } catch (error) {
      failed.push((error as Error).message);
      await failJob(db, job, 'test-worker', error);
      await db.updateTable('jobs').set({ run_at: 0 }).where('id', '=', job.id).execute();
    }
  }
  return { done: jobs.length - failed.length, failed };
}

async function newOrganisation(name: string) {
  const organisation = await createOrganisation(database.storage.db, { name });
  return systemActor(organisation.id, 'test');
}

const facts = (text: string) => ({ ...illegalVideoDecision(), facts: text });

describe('transparency.submit_batch against a fake TDB', () => {
  it('submits in batches of at most 100, stores uuid and permalink, isolates a refused statement', async () => {
    const actor = await newOrganisation('Batcher');
    const db = database.storage.db;
    const decidedAt = Date.parse('2026-11-22T10:00:00Z');
    const decisionIds: string[] = [];
    for (let i = 0; i < 150; i++) {
      decisionIds.push(
        (await insertDecision(db, actor.orgId, { fields: facts(`Post ${i}.`), decidedAt: decidedAt + i }))
          .decisionId,
      );
    }
    const refused = (
      await insertDecision(db, actor.orgId, { fields: facts('REJECT-ME'), decidedAt: decidedAt + 10 })
    ).decisionId;
    const invalid = (
      await insertDecision(db, actor.orgId, {
        fields: { ...illegalVideoDecision(), restrictions: {} },
        decidedAt,
      })
    ).decisionId;
    await insertDecision(db, actor.orgId, { fields: null, decidedAt });

    const scheduled = await scheduleTdbSubmissions(db, actor, null);
    expect(scheduled).toEqual({ queued: 151, rejected: 1, notRequired: 1, jobs: 2 });
    const postsBefore = tdb.posts;
    expect(await runDueJobs()).toEqual({ done: 2, failed: [] });
    expect(tdb.shapeErrors).toEqual([]);
    // Two batches, plus one re-post of the batch that held the refused statement.
    expect(tdb.posts - postsBefore).toBe(3);

    const submissions = await listTdbSubmissions(db, actor, { limit: 500 });
    const byId = new Map(submissions.map((s) => [s.decisionId, s]));
    for (const id of decisionIds) {
      expect(byId.get(id)).toMatchObject({
        status: 'submitted',
        tdbUuid: `uuid-${id}`,
        permalink: `https://tdb.example/statement/uuid-${id}`,
      });
      expect(tdb.stored.has(id)).toBe(true);
    }
    expect(byId.get(refused)).toMatchObject({
      status: 'rejected',
      errors: { decision_facts: ['The decision facts are not acceptable.'] },
    });
    expect(tdb.stored.has(refused)).toBe(false);
    expect(byId.get(invalid)?.status).toBe('rejected');
    expect(JSON.stringify(byId.get(invalid)?.errors)).toContain('at_least_one_restriction');
    expect(tdb.stored.has(invalid)).toBe(false);

    // Scheduling again finds nothing new.
    expect((await scheduleTdbSubmissions(db, actor, null)).queued).toBe(0);
  });

  it('does not send twice when the answer to a stored batch was lost', async () => {
    const actor = await newOrganisation('Lost answer');
    const db = database.storage.db;
    const ids = [];
    for (let i = 0; i < 3; i++) {
      ids.push(
        (await insertDecision(db, actor.orgId, { fields: facts(`Lost ${i}.`), decidedAt: Date.now() }))
          .decisionId,
      );
    }
    await scheduleTdbSubmissions(db, actor, null);
    tdb.failAfterStoring = [504];
    const first = await runDueJobs();
    expect(first.failed).toEqual(['the Transparency Database answered 504']);
    expect((await listTdbSubmissions(db, actor, { limit: 10 })).every((s) => s.status === 'queued')).toBe(
      true,
    );
    const posts = tdb.posts;
    expect(await runDueJobs()).toEqual({ done: 1, failed: [] });
    expect(tdb.posts).toBe(posts); // the retry asked existing-puid and posted nothing
    const after = await listTdbSubmissions(db, actor, { limit: 10 });
    expect(after.map((s) => s.status)).toEqual(['submitted', 'submitted', 'submitted']);
    for (const id of ids) expect(tdb.stored.has(id)).toBe(true);
  });

  it('counts a duplicate puid as stored once the TDB confirms it', async () => {
    const actor = await newOrganisation('Duplicate');
    const db = database.storage.db;
    const { decisionId } = await insertDecision(db, actor.orgId, {
      fields: facts('Dup.'),
      decidedAt: Date.now(),
    });
    const fresh = (
      await insertDecision(db, actor.orgId, { fields: facts('Fresh.'), decidedAt: Date.now() + 1 })
    ).decisionId;
    tdb.stored.set(decisionId, { puid: decisionId });
    await scheduleTdbSubmissions(db, actor, null);
    expect(await runDueJobs()).toEqual({ done: 1, failed: [] });
    const rows = new Map((await listTdbSubmissions(db, actor, { limit: 10 })).map((s) => [s.decisionId, s]));
    expect(rows.get(decisionId)).toMatchObject({ status: 'submitted', tdbUuid: null });
    expect(rows.get(fresh)).toMatchObject({ status: 'submitted', tdbUuid: `uuid-${fresh}` });
  });

  it('retries on 429 and 401 without recording anything, and never puts the token in errors', async () => {
    const actor = await newOrganisation('Refused');
    const db = database.storage.db;
    await insertDecision(db, actor.orgId, { fields: facts('Later.'), decidedAt: Date.now() });
    await scheduleTdbSubmissions(db, actor, null);
    tdb.refuseAll = 429;
    expect((await runDueJobs()).failed).toEqual(['the Transparency Database answered 429']);
    const wrongToken = tdbSubmitHandler(() => ({ ...settings, token: 'wrong' }));
    const saved = handler;
    handler = wrongToken;
    tdb.refuseAll = null;
    try {
      expect((await runDueJobs()).failed).toEqual(['the Transparency Database answered 401']);
    } finally {
      handler = saved;
    }
    const job = await db
      .selectFrom('jobs')
      .selectAll()
      .where('org_id', '=', actor.orgId)
      .executeTakeFirstOrThrow();
    expect(job.last_error).not.toContain('secret');
    expect((await listTdbSubmissions(db, actor, { limit: 10 }))[0]?.status).toBe('queued');
    expect(await runDueJobs()).toEqual({ done: 1, failed: [] });
    expect((await listTdbSubmissions(db, actor, { limit: 10 }))[0]?.status).toBe('submitted');
  });

  it('fails the job when the TDB is unreachable', async () => {
    const actor = await newOrganisation('Unreachable');
    const db = database.storage.db;
    await insertDecision(db, actor.orgId, { fields: facts('Away.'), decidedAt: Date.now() });
    await scheduleTdbSubmissions(db, actor, null);
    const saved = handler;
    handler = tdbSubmitHandler(() => ({ apiUrl: 'http://127.0.0.1:1', token: TOKEN, timeoutMs: 2000 }));
    try {
      const { failed } = await runDueJobs();
      expect(failed[0]).toMatch(/could not be reached/);
    } finally {
      handler = saved;
    }
    expect(await runDueJobs()).toEqual({ done: 1, failed: [] });
  });
});
