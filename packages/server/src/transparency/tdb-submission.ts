/**
 * Submission of statements of reasons to the EU Transparency Database (Art. 24(5)).
 *
 * `scheduleTdbSubmissions` gives every decision of the organisation not yet handled a
 * `tdb_submissions` row — `queued`, `rejected` (fails our validator; never sent) or `not_required`
 * (restricts nothing) — and enqueues the queued ones as `transparency.submit_batch` jobs of at most
 * 100. The job posts its batch; on a 422 (nothing stored) it sets aside the statements the TDB named
 * and posts the rest again; on anything else it throws, and the outbox retries with backoff. A retry
 * first asks the TDB which puids it already holds, so a batch whose 201 was lost is not sent twice,
 * and a duplicate-puid refusal counts as stored once the TDB confirms the puid.
 */
import { randomUUID } from 'node:crypto';
import { appendAudit } from '../audit/audit-log.ts';
import type { Actor } from '../identity/actor.ts';
import { enqueueJob } from '../jobs/outbox.ts';
import type { JobHandler } from '../jobs/worker.ts';
import type { Db } from '../storage/transaction.ts';
import { statementOfDecision } from './sor-export.ts';
import {
  TDB_MAX_BATCH,
  isDuplicatePuidError,
  postStatementBatch,
  puidExists,
  tdbSettingsFromEnv,
  type TdbSettings,
} from './tdb-client.ts';
import type { TdbStatement } from './tdb-statement.ts';
import type { TdbSubmissionStatus } from './tables.ts';

export const TDB_SUBMIT_JOB = 'transparency.submit_batch';

export interface TdbBatchPayload {
  decisionIds: string[];
}

export interface ScheduleResult {
  queued: number;
  rejected: number;
  notRequired: number;
  jobs: number;
}

/** Queues every decision of the organisation that has no submission record yet. */
export async function scheduleTdbSubmissions(
  db: Db,
  actor: Actor,
  requestId: string | null,
): Promise<ScheduleResult> {
  const decisions = await db
    .selectFrom('decisions')
    .leftJoin('tdb_submissions', 'tdb_submissions.decision_id', 'decisions.id')
    .select(['decisions.id', 'decisions.decided_at', 'decisions.fields'])
    .where('decisions.org_id', '=', actor.orgId)
    .where('tdb_submissions.decision_id', 'is', null)
    .orderBy('decisions.decided_at')
    .orderBy('decisions.id')
    .execute();
  const now = Date.now();
  const result: ScheduleResult = { queued: 0, rejected: 0, notRequired: 0, jobs: 0 };
  const queued: string[] = [];
  for (const decision of decisions) {
    const rendered = statementOfDecision({
      id: decision.id,
      decidedAt: Number(decision.decided_at),
      fields: decision.fields,
    });
    const status = rendered === null ? 'not_required' : 'violations' in rendered ? 'rejected' : 'queued';
    await db
      .insertInto('tdb_submissions')
      .values({
        decision_id: decision.id,
        org_id: actor.orgId,
        puid: rendered !== null && 'statement' in rendered ? rendered.statement.puid : decision.id,
        status,
        tdb_uuid: null,
        permalink: null,
        errors: rendered !== null && 'violations' in rendered ? JSON.stringify(rendered.violations) : null,
        queued_at: now,
        updated_at: now,
        submitted_at: null,
      })
      .execute();
    if (status === 'queued') queued.push(decision.id);
    else if (status === 'rejected') result.rejected += 1;
    else result.notRequired += 1;
  }
  for (let start = 0; start < queued.length; start += TDB_MAX_BATCH) {
    const payload: TdbBatchPayload = { decisionIds: queued.slice(start, start + TDB_MAX_BATCH) };
    await enqueueJob(db, {
      kind: TDB_SUBMIT_JOB,
      orgId: actor.orgId,
      payload,
      idempotencyKey: `tdb:${randomUUID()}`,
    });
    result.jobs += 1;
  }
  result.queued = queued.length;
  await appendAudit(
    db,
    actor,
    {
      action: 'transparency.tdb_scheduled',
      targetType: 'organisation',
      targetId: actor.orgId,
      details: { ...result },
    },
    requestId,
  );
  return result;
}

type Outcome =
  | { status: 'submitted'; uuid: string | null; permalink: string | null }
  | { status: 'rejected'; errors: unknown };

interface Pending {
  decisionId: string;
  statement: TdbStatement;
}

/** Posts `pending`, setting aside what a 422 names, until everything is stored or set aside. */
async function submit(
  settings: TdbSettings,
  pending: Pending[],
  outcomes: Map<string, Outcome>,
): Promise<void> {
  let remaining = pending;
  while (remaining.length > 0) {
    const answer = await postStatementBatch(
      settings,
      remaining.map((item) => item.statement),
    );
    if (answer.kind === 'stored') {
      const byPuid = new Map(answer.statements.map((stored) => [stored.puid, stored]));
      for (const item of remaining) {
        const stored = byPuid.get(item.statement.puid);
        outcomes.set(item.decisionId, {
          status: 'submitted',
          uuid: stored?.uuid ?? null,
          permalink: stored?.permalink ?? null,
        });
      }
      return;
    }
    if (answer.errors.size === 0) {
      // A 422 that names no statement cannot be narrowed down: set the whole batch aside.
      for (const item of remaining)
        outcomes.set(item.decisionId, { status: 'rejected', errors: answer.message });
      return;
    }
    const next: Pending[] = [];
    for (const [index, item] of remaining.entries()) {
      const error = answer.errors.get(index);
      if (error === undefined) next.push(item);
      else if (isDuplicatePuidError(error) && (await puidExists(settings, item.statement.puid))) {
        outcomes.set(item.decisionId, { status: 'submitted', uuid: null, permalink: null });
      } else {
        outcomes.set(item.decisionId, { status: 'rejected', errors: error });
      }
    }
    remaining = next;
  }
}

export function tdbSubmitHandler(getSettings: () => TdbSettings | undefined): JobHandler {
  return async (job, db) => {
    const settings = getSettings();
    if (!settings)
      throw new Error('TDB submission is not configured (VIGIE_TDB_API_URL, VIGIE_TDB_API_TOKEN)');
    const orgId = job.orgId ?? '';
    const { decisionIds } = job.payload as TdbBatchPayload;
    const rows = await db
      .selectFrom('tdb_submissions')
      .innerJoin('decisions', 'decisions.id', 'tdb_submissions.decision_id')
      .select(['decisions.id', 'decisions.decided_at', 'decisions.fields'])
      .where('tdb_submissions.org_id', '=', orgId)
      .where('decisions.org_id', '=', orgId)
      .where('tdb_submissions.status', '=', 'queued')
      .where('tdb_submissions.decision_id', 'in', decisionIds.length > 0 ? decisionIds : [''])
      .orderBy('decisions.decided_at')
      .execute();
    const outcomes = new Map<string, Outcome>();
    const pending: Pending[] = [];
    for (const row of rows) {
      const rendered = statementOfDecision({
        id: row.id,
        decidedAt: Number(row.decided_at),
        fields: row.fields,
      });
      if (rendered === null || 'violations' in rendered) {
        outcomes.set(row.id, { status: 'rejected', errors: rendered?.violations ?? 'restricts nothing' });
      } else {
        pending.push({ decisionId: row.id, statement: rendered.statement });
      }
    }
    // An earlier attempt may have been stored without our seeing the 201.
    const unsent: Pending[] = [];
    for (const item of pending) {
      if (job.attempts > 1 && (await puidExists(settings, item.statement.puid))) {
        outcomes.set(item.decisionId, { status: 'submitted', uuid: null, permalink: null });
      } else {
        unsent.push(item);
      }
    }
    await submit(settings, unsent, outcomes);
    return async (trx) => {
      const now = Date.now();
      for (const [decisionId, outcome] of outcomes) {
        await trx
          .updateTable('tdb_submissions')
          .set(
            outcome.status === 'submitted'
              ? {
                  status: 'submitted',
                  tdb_uuid: outcome.uuid,
                  permalink: outcome.permalink,
                  errors: null,
                  submitted_at: now,
                  updated_at: now,
                }
              : { status: 'rejected', errors: JSON.stringify(outcome.errors), updated_at: now },
          )
          .where('decision_id', '=', decisionId)
          .where('org_id', '=', orgId)
          .execute();
      }
    };
  };
}

/** The handler a server process registers, with the TDB settings from the environment. */
export const submitTdbBatch: JobHandler = tdbSubmitHandler(() => tdbSettingsFromEnv());

export interface TdbSubmissionView {
  decisionId: string;
  puid: string;
  status: string;
  tdbUuid: string | null;
  permalink: string | null;
  errors: unknown;
  queuedAt: number;
  submittedAt: number | null;
}

/** The organisation's submission records, newest first. */
export async function listTdbSubmissions(
  db: Db,
  actor: Actor,
  filter: { status?: string | undefined; limit: number },
): Promise<TdbSubmissionView[]> {
  const rows = await db
    .selectFrom('tdb_submissions')
    .selectAll()
    .where('org_id', '=', actor.orgId)
    .$if(filter.status !== undefined, (q) => q.where('status', '=', filter.status as TdbSubmissionStatus))
    .orderBy('queued_at', 'desc')
    .orderBy('decision_id')
    .limit(filter.limit)
    .execute();
  return rows.map((row) => ({
    decisionId: row.decision_id,
    puid: row.puid,
    status: row.status,
    tdbUuid: row.tdb_uuid,
    permalink: row.permalink,
    errors: row.errors === null ? null : (JSON.parse(row.errors) as unknown),
    queuedAt: Number(row.queued_at),
    submittedAt: row.submitted_at === null ? null : Number(row.submitted_at),
  }));
}
