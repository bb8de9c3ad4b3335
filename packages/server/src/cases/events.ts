/**
 * The case event log. Every change to a case is one appended event; the `cases` row is the projection
 * of the log, updated by the same function in the same transaction, so the two never disagree.
 */
import type { Actor } from '../identity/actor.ts';
import type { Db } from '../storage/transaction.ts';
import type { CaseEventTable, CaseTable } from './tables.ts';

export const caseEventTypes = [
  'reported',
  'matched',
  'classified',
  'routed',
  'assigned',
  'released',
  'skipped',
  'note',
  'decided',
  'notified',
  'appealed',
  'upheld',
  'reversed',
  'escalated',
  'closed',
] as const;
export type CaseEventType = (typeof caseEventTypes)[number];

export type Visibility = 'internal' | 'public';

export interface CaseEvent {
  seq: number;
  type: CaseEventType;
  actorType: string;
  actorId: string;
  visibility: Visibility;
  data: Record<string, unknown>;
  at: number;
}

export interface NewCaseEvent {
  type: CaseEventType;
  visibility?: Visibility;
  data?: Record<string, unknown>;
}

/** A `case_events` row to insert (its id is assigned by the database). */
export type CaseEventRow = Omit<CaseEventTable, 'id'>;

/** The rows of `events` appended after `lastSeq`, for a case's first insert or an append. */
export function caseEventRows(
  actor: Pick<Actor, 'type' | 'id' | 'orgId'>,
  caseId: string,
  lastSeq: number,
  events: NewCaseEvent[],
  at: number,
): CaseEventRow[] {
  return events.map((event, i) => ({
    org_id: actor.orgId,
    case_id: caseId,
    seq: lastSeq + i + 1,
    type: event.type,
    actor_type: actor.type,
    actor_id: actor.id,
    visibility: event.visibility ?? 'internal',
    data: JSON.stringify(event.data ?? {}),
    at,
  }));
}

/**
 * Appends events to a case and applies `changes` to its projection. `lastSeq` is the projection's
 * current `last_seq`; the unique (case_id, seq) index turns a concurrent append into an error
 * instead of a silent interleaving.
 */
export async function appendCaseEvents(
  db: Db,
  actor: Pick<Actor, 'type' | 'id' | 'orgId'>,
  kase: { id: string; last_seq: number },
  events: NewCaseEvent[],
  changes: Partial<Omit<CaseTable, 'id' | 'org_id' | 'last_seq'>> = {},
  at = Date.now(),
): Promise<number> {
  const rows = caseEventRows(actor, kase.id, kase.last_seq, events, at);
  const seq = kase.last_seq + rows.length;
  if (rows.length > 0) await db.insertInto('case_events').values(rows).execute();
  const updated = await db
    .updateTable('cases')
    .set({ ...changes, last_seq: seq, updated_at: at })
    .where('org_id', '=', actor.orgId)
    .where('id', '=', kase.id)
    .where('last_seq', '=', kase.last_seq)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) throw new Error(`case ${kase.id} changed concurrently`);
  return seq;
}

export async function listCaseEvents(db: Db, orgId: string, caseId: string): Promise<CaseEvent[]> {
  const rows = await db
    .selectFrom('case_events')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('case_id', '=', caseId)
    .orderBy('seq')
    .execute();
  return rows.map((r) => ({
    seq: r.seq,
    type: r.type as CaseEventType,
    actorType: r.actor_type,
    actorId: r.actor_id,
    visibility: r.visibility as Visibility,
    data: JSON.parse(r.data) as Record<string, unknown>,
    at: Number(r.at),
  }));
}
