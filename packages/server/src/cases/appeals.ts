/**
 * Appeals (DSA Art. 20): the affected party (with the token from their statement of reasons) or a
 * reporter (with their report reference) contests a decision within six months. A reviewer other
 * than the one who decided upholds or reverses it; a reversal is a new decision that supersedes the
 * old one, never an edit.
 */
import { createHash } from 'node:crypto';
import { appendAudit } from '../audit/audit-log.ts';
import { AppError, notFound } from '../errors.ts';
import { systemActor, type Actor } from '../identity/actor.ts';
import type { Db } from '../storage/transaction.ts';
import type { Action } from './actions.ts';
import { appealDeadline } from './appeal-window.ts';
import { getCaseRow } from './cases.ts';
import { decisionFields, hashToken, recordDecision, toDecision, type DecisionOutcome } from './decisions.ts';
import { appendCaseEvents } from './events.ts';
import { findReportByReference } from './public-status.ts';
import { reportReferencePattern } from './references.ts';
import type { AppealTable } from './tables.ts';

export type AppealRole = 'affected_recipient' | 'notifier';
export type AppealOutcome = 'upheld' | 'reversed';

export interface Appeal {
  id: string;
  caseId: string;
  decisionId: string;
  role: AppealRole;
  reportId: string | null;
  grounds: string;
  status: 'open' | 'decided';
  outcome: AppealOutcome | null;
  statement: string | null;
  decidedBy: string | null;
  submittedAt: number;
  decidedAt: number | null;
}

const num = (v: number | null) => (v === null ? null : Number(v));

export function toAppeal(row: AppealTable): Appeal {
  return {
    id: row.id,
    caseId: row.case_id,
    decisionId: row.decision_id,
    role: row.role as AppealRole,
    reportId: row.report_id,
    grounds: row.grounds,
    status: row.status as Appeal['status'],
    outcome: row.outcome as AppealOutcome | null,
    statement: row.statement,
    decidedBy: row.decided_by,
    submittedAt: Number(row.submitted_at),
    decidedAt: num(row.decided_at),
  };
}

interface AppealRight {
  orgId: string;
  caseId: string;
  decisionId: string;
  role: AppealRole;
  deadline: number;
  /** Stable per holder and decision: the same person appealing twice gets the same appeal. */
  holder: string;
  reportId: string | null;
}

const invalidToken = () =>
  new AppError('not_found', { message: 'No decision to appeal with this link.', field: 'body.token' });

/** Who may appeal what with this token: an appeal token, or a report reference for its reporter. */
async function resolveToken(db: Db, token: string): Promise<AppealRight> {
  if (reportReferencePattern.test(token)) {
    const report = await findReportByReference(db, token).catch(() => {
      throw invalidToken();
    });
    const kase = await getCaseRow(db, report.orgId, report.caseId);
    if (!kase.decision_id) throw invalidToken();
    const decision = await db
      .selectFrom('decisions')
      .selectAll()
      .where('org_id', '=', report.orgId)
      .where('id', '=', kase.decision_id)
      .executeTakeFirstOrThrow();
    // Reporters appeal only decisions taken after their report (they were informed of those).
    if (Number(decision.decided_at) < report.receivedAt) throw invalidToken();
    return {
      orgId: report.orgId,
      caseId: kase.id,
      decisionId: decision.id,
      role: 'notifier',
      deadline: appealDeadline(Number(decision.decided_at)),
      holder: `report:${report.id}`,
      reportId: report.id,
    };
  }
  const row = await db
    .selectFrom('appeal_tokens')
    .selectAll()
    .where('token_hash', '=', hashToken(token))
    .executeTakeFirst();
  if (!row) throw invalidToken();
  return {
    orgId: row.org_id,
    caseId: row.case_id,
    decisionId: row.decision_id,
    role: row.role as AppealRole,
    deadline: Number(row.expires_at),
    holder: `token:${row.token_hash}`,
    reportId: null,
  };
}

export async function submitAppeal(
  db: Db,
  input: { token: string; grounds: string },
  requestId: string | null,
  now = Date.now(),
): Promise<{ appealId: string; submittedAt: number }> {
  const right = await resolveToken(db, input.token);
  if (now > right.deadline) throw new AppError('appeal_window_closed');
  const kase = await getCaseRow(db, right.orgId, right.caseId, true);
  if (kase.decision_id !== right.decisionId) {
    throw new AppError('conflict', {
      message: 'This decision has already been reviewed.',
      field: 'body.token',
    });
  }
  const id = createHash('sha256').update(`${right.holder}:${right.decisionId}`).digest('hex').slice(0, 32);
  const actor = systemActor(right.orgId, 'public-appeal');
  const existing = await db.selectFrom('appeals').selectAll().where('id', '=', id).executeTakeFirst();
  if (existing) {
    // The same person appealing the same decision again: one appeal, but the attempt is recorded.
    await appendAudit(
      db,
      actor,
      { action: 'appeal.resubmit', targetType: 'appeal', targetId: id },
      requestId,
    );
    return { appealId: existing.id, submittedAt: Number(existing.submitted_at) };
  }
  await db
    .insertInto('appeals')
    .values({
      id,
      org_id: right.orgId,
      case_id: right.caseId,
      decision_id: right.decisionId,
      role: right.role,
      report_id: right.reportId,
      grounds: input.grounds,
      status: 'open',
      outcome: null,
      statement: null,
      decided_by: null,
      submitted_at: now,
      decided_at: null,
    })
    .execute();
  await appendCaseEvents(
    db,
    actor,
    kase,
    [{ type: 'appealed', data: { appealId: id, role: right.role } }],
    { status: 'appealed' },
    now,
  );
  await appendAudit(
    db,
    actor,
    { action: 'appeal.submit', targetType: 'appeal', targetId: id, details: { role: right.role } },
    requestId,
  );
  return { appealId: id, submittedAt: now };
}

export async function getAppeal(db: Db, orgId: string, appealId: string): Promise<Appeal> {
  const row = await db
    .selectFrom('appeals')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('id', '=', appealId)
    .executeTakeFirst();
  if (!row) throw notFound('Appeal', 'params.appealId');
  return toAppeal(row);
}

export async function listAppeals(db: Db, orgId: string, status?: Appeal['status']): Promise<Appeal[]> {
  const rows = await db
    .selectFrom('appeals')
    .selectAll()
    .where('org_id', '=', orgId)
    .$if(status !== undefined, (q) => q.where('status', '=', status as string))
    .orderBy('submitted_at')
    .limit(500)
    .execute();
  return rows.map(toAppeal);
}

export interface AppealDecisionInput {
  outcome: AppealOutcome;
  /** The reasoned decision told to the complainant (Art. 20(5)). */
  statement: string;
  /** For a reversal: the new decision; by default a restriction is lifted (`no_action`). */
  newAction?: Action | undefined;
  newFields?: Record<string, unknown> | undefined;
}

export interface AppealDecision {
  appeal: Appeal;
  reversal: DecisionOutcome | null;
  /** The decision that was contested (for the platform: what to restore). */
  contested: ReturnType<typeof toDecision>;
}

export async function decideAppeal(
  db: Db,
  actor: Actor,
  appealId: string,
  input: AppealDecisionInput,
  requestId: string | null,
  now = Date.now(),
): Promise<AppealDecision> {
  const appeal = await getAppeal(db, actor.orgId, appealId);
  if (appeal.status !== 'open')
    throw new AppError('conflict', { message: 'The appeal is already decided.', field: 'params.appealId' });
  const contestedRow = await db
    .selectFrom('decisions')
    .selectAll()
    .where('org_id', '=', actor.orgId)
    .where('id', '=', appeal.decisionId)
    .executeTakeFirstOrThrow();
  if (contestedRow.decided_by === actor.id) throw new AppError('same_reviewer');
  const kase = await getCaseRow(db, actor.orgId, appeal.caseId, true);
  if (kase.decision_id !== appeal.decisionId) {
    throw new AppError('conflict', {
      message: 'The contested decision was already reviewed.',
      field: 'params.appealId',
    });
  }
  let reversal: DecisionOutcome | null = null;
  if (input.outcome === 'reversed') {
    const newAction: Action =
      input.newAction ?? (contestedRow.action === 'no_action' ? 'remove' : 'no_action');
    if (newAction === contestedRow.action) {
      throw new AppError('validation_failed', {
        message: 'A reversal must change the action.',
        field: 'body.newAction',
      });
    }
    const fields = decisionFields(newAction, input.newFields, 'body.newFields');
    reversal = await recordDecision(
      db,
      actor,
      kase,
      newAction,
      fields,
      'reversed',
      { appealId, supersedes: contestedRow.id },
      input.statement,
      now,
    );
    await db
      .updateTable('decisions')
      .set({ superseded_by: reversal.decision.id })
      .where('org_id', '=', actor.orgId)
      .where('id', '=', contestedRow.id)
      .execute();
  } else {
    await appendCaseEvents(
      db,
      actor,
      kase,
      [
        { type: 'upheld', visibility: 'public', data: { appealId, decisionId: contestedRow.id } },
        { type: 'note', visibility: 'public', data: { text: input.statement } },
      ],
      { status: 'decided' },
      now,
    );
  }
  await db
    .updateTable('appeals')
    .set({
      status: 'decided',
      outcome: input.outcome,
      statement: input.statement,
      decided_by: actor.id,
      decided_at: now,
    })
    .where('org_id', '=', actor.orgId)
    .where('id', '=', appealId)
    .execute();
  await appendAudit(
    db,
    actor,
    {
      action: 'appeal.decide',
      targetType: 'appeal',
      targetId: appealId,
      details: { outcome: input.outcome },
    },
    requestId,
  );
  return {
    appeal: await getAppeal(db, actor.orgId, appealId),
    reversal,
    contested: toDecision(contestedRow),
  };
}
