/**
 * Decisions (DSA Art. 17). A decision row carries every statement-of-reasons field
 * (`DecisionFields`, rendered for the affected user and exported to the Transparency Database) and is
 * never edited: an appeal that reverses it adds a new decision and marks the old one superseded —
 * the database refuses anything else (migration 0004 triggers).
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { appendAudit } from '../audit/audit-log.ts';
import { AppError, type ErrorIssue } from '../errors.ts';
import type { Actor } from '../identity/actor.ts';
import type { Db } from '../storage/transaction.ts';
import { decisionFieldsSchema, type DecisionFields } from '../transparency/decision-fields.ts';
import { isRestrictive, restrictionOf, type Action } from './actions.ts';
import { appealDeadline } from './appeal-window.ts';
import { getCaseRow } from './cases.ts';
import { appendCaseEvents } from './events.ts';
import { recordUnfounded } from './misuse.ts';
import type { CaseTable, DecisionTable } from './tables.ts';
import { claimIsActive } from '../triage/claims.ts';

export interface Decision {
  id: string;
  caseId: string;
  decidedBy: string;
  decidedAt: number;
  action: Action;
  fields: DecisionFields | null;
  supersededBy: string | null;
}

export function toDecision(row: DecisionTable): Decision {
  return {
    id: row.id,
    caseId: row.case_id,
    decidedBy: row.decided_by,
    decidedAt: Number(row.decided_at),
    action: row.action as Action,
    fields: JSON.parse(row.fields) as DecisionFields | null,
    supersededBy: row.superseded_by,
  };
}

export interface DecisionInput {
  action: Action;
  /** Required for every action but `no_action`; the action's own restriction is added if missing. */
  fields?: Record<string, unknown> | undefined;
  /** Told to the reporters on their status page. */
  statement?: string | undefined;
  /** Counts against each notifier of the case (Art. 23); only with `no_action`. */
  manifestlyUnfounded?: boolean | undefined;
  /** Where the statement of reasons goes besides the platform's webhook. */
  affectedParty?: { email?: string | undefined; language?: string | undefined } | undefined;
}

function fieldIssues(error: z.ZodError, prefix: string): ErrorIssue[] {
  return error.issues.map((i) => ({ field: [prefix, ...i.path.map(String)].join('.'), message: i.message }));
}

/**
 * Validates the statement-of-reasons fields of a restrictive action, adding the action's own
 * restriction when the reviewer left it out (so `remove` always says content removed).
 */
export function decisionFields(
  action: Action,
  fields: Record<string, unknown> | undefined,
  prefix: string,
): DecisionFields | null {
  if (!isRestrictive(action)) return null;
  if (!fields) {
    throw new AppError('validation_failed', {
      message: 'A restrictive decision needs its statement-of-reasons fields.',
      field: prefix,
    });
  }
  const { kind, key } = restrictionOf[action];
  const given = (fields.restrictions ?? {}) as Record<string, Record<string, unknown> | undefined>;
  const restrictions = { ...given };
  if (kind === 'visibility') {
    const types = Array.isArray(given.visibility?.types) ? (given.visibility.types as unknown[]) : [];
    restrictions.visibility = { ...given.visibility, types: types.includes(key) ? types : [...types, key] };
  } else {
    restrictions.account = { type: key, ...given.account };
  }
  const merged = { ...fields, restrictions };
  const parsed = decisionFieldsSchema.safeParse(merged);
  if (!parsed.success) {
    const issues = fieldIssues(parsed.error, prefix);
    throw new AppError('validation_failed', {
      message: 'The statement-of-reasons fields are invalid.',
      field: issues[0]?.field ?? prefix,
      issues,
    });
  }
  return parsed.data;
}

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** Creates the affected party's appeal token (its hash is stored; the token goes in their notice). */
export async function createAppealToken(
  db: Db,
  orgId: string,
  caseId: string,
  decisionId: string,
  decidedAt: number,
): Promise<string> {
  const token = `VA-${randomBytes(24).toString('base64url')}`;
  await db
    .insertInto('appeal_tokens')
    .values({
      token_hash: hashToken(token),
      org_id: orgId,
      case_id: caseId,
      decision_id: decisionId,
      role: 'affected_recipient',
      expires_at: appealDeadline(decidedAt),
      created_at: decidedAt,
    })
    .execute();
  return token;
}

export interface DecisionOutcome {
  decision: Decision;
  /** For the affected party's notice; never returned by the API. */
  appealToken: string | null;
  case: CaseTable;
}

/** Inserts a decision row and its `decided` event (shared by first decisions and reversals). */
export async function recordDecision(
  db: Db,
  actor: Actor,
  kase: CaseTable,
  action: Action,
  fields: DecisionFields | null,
  eventType: 'decided' | 'reversed',
  extra: Record<string, unknown>,
  statement: string | undefined,
  now: number,
): Promise<DecisionOutcome> {
  const row: DecisionTable = {
    id: randomUUID(),
    org_id: actor.orgId,
    case_id: kase.id,
    decided_by: actor.id,
    decided_at: now,
    action,
    fields: JSON.stringify(fields),
    superseded_by: null,
    created_at: now,
  };
  await db.insertInto('decisions').values(row).execute();
  await appendCaseEvents(
    db,
    actor,
    kase,
    [
      { type: eventType, visibility: 'public', data: { decisionId: row.id, action, ...extra } },
      ...(statement
        ? [{ type: 'note' as const, visibility: 'public' as const, data: { text: statement } }]
        : []),
    ],
    { status: 'decided', decision_id: row.id, assigned_to: null, claim_expires_at: null },
    now,
  );
  const appealToken = isRestrictive(action)
    ? await createAppealToken(db, actor.orgId, kase.id, row.id, now)
    : null;
  return { decision: toDecision(row), appealToken, case: await getCaseRow(db, actor.orgId, kase.id) };
}

export async function decideCase(
  db: Db,
  actor: Actor,
  caseId: string,
  input: DecisionInput,
  requestId: string | null,
  now = Date.now(),
): Promise<DecisionOutcome> {
  const kase = await getCaseRow(db, actor.orgId, caseId, true);
  if (kase.status !== 'open') {
    throw new AppError('conflict', {
      message: `The case is ${kase.status}; a decision is changed only through an appeal.`,
      field: 'params.caseId',
    });
  }
  if (claimIsActive(kase, now) && kase.assigned_to !== actor.id) throw new AppError('case_claimed');
  if (input.manifestlyUnfounded && input.action !== 'no_action') {
    throw new AppError('validation_failed', {
      message: 'Only a decision to take no action can find the notices manifestly unfounded.',
      field: 'body.manifestlyUnfounded',
    });
  }
  const fields = decisionFields(input.action, input.fields, 'body.fields');
  const outcome = await recordDecision(
    db,
    actor,
    kase,
    input.action,
    fields,
    'decided',
    {},
    input.statement,
    now,
  );
  if (input.manifestlyUnfounded) await recordUnfounded(db, actor.orgId, caseId);
  await appendAudit(
    db,
    actor,
    {
      action: 'case.decide',
      targetType: 'case',
      targetId: caseId,
      details: {
        decisionId: outcome.decision.id,
        action: input.action,
        manifestlyUnfounded: !!input.manifestlyUnfounded,
      },
    },
    requestId,
  );
  return outcome;
}

export async function listDecisions(db: Db, orgId: string, caseId: string): Promise<Decision[]> {
  const rows = await db
    .selectFrom('decisions')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('case_id', '=', caseId)
    .orderBy('decided_at')
    .execute();
  return rows.map(toDecision);
}
