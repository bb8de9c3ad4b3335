/**
 * Response clocks of a notice, computed from its projection and the expected response times of the
 * channel it went through (copied onto the notice as `ack_due_at` / `decision_due_at` when sent, so
 * later directory edits do not move past deadlines). Pure: `asOf` is the only notion of time.
 *
 * - The acknowledgement clock stops at the first acknowledgement OR the first decision (a decision
 *   answers the notice even when the platform never acknowledged it).
 * - The decision clock stops at the first decision.
 * - A clock is `overdue` when `asOf` is strictly after its due time and it has not stopped; closing
 *   the notice stops a running clock (`stopped`).
 */
import type { NoticeTable } from './tables.ts';

export type ClockState = 'running' | 'overdue' | 'met' | 'met_late' | 'stopped';

export interface Clock {
  dueAt: number;
  /** When the clock stopped because the platform responded (at or before `asOf`). */
  metAt: number | null;
  state: ClockState;
  /** How far past the due time: `asOf − dueAt` when overdue, `metAt − dueAt` when met late, else 0. */
  lateByMs: number;
}

export interface NoticeClocks {
  acknowledgement: Clock | null;
  decision: Clock | null;
}

type ClockInputs = Pick<
  NoticeTable,
  'sent_at' | 'ack_due_at' | 'decision_due_at' | 'acknowledged_at' | 'decided_at' | 'closed_at'
>;

const seen = (at: number | null, asOf: number) => (at !== null && at <= asOf ? at : null);

function clock(dueAt: number, metAt: number | null, closedAt: number | null, asOf: number): Clock {
  if (metAt !== null) {
    return metAt > dueAt
      ? { dueAt, metAt, state: 'met_late', lateByMs: metAt - dueAt }
      : { dueAt, metAt, state: 'met', lateByMs: 0 };
  }
  if (closedAt !== null) return { dueAt, metAt: null, state: 'stopped', lateByMs: 0 };
  if (asOf > dueAt) return { dueAt, metAt: null, state: 'overdue', lateByMs: asOf - dueAt };
  return { dueAt, metAt: null, state: 'running', lateByMs: 0 };
}

export function noticeClocks(n: ClockInputs, asOf: number): NoticeClocks {
  if (n.sent_at === null || n.sent_at > asOf || n.ack_due_at === null || n.decision_due_at === null) {
    return { acknowledgement: null, decision: null };
  }
  const acknowledgedAt = seen(n.acknowledged_at, asOf);
  const decidedAt = seen(n.decided_at, asOf);
  const closedAt = seen(n.closed_at, asOf);
  const firstAnswer =
    acknowledgedAt === null
      ? decidedAt
      : decidedAt === null
        ? acknowledgedAt
        : Math.min(acknowledgedAt, decidedAt);
  return {
    acknowledgement: clock(n.ack_due_at, firstAnswer, closedAt, asOf),
    decision: clock(n.decision_due_at, decidedAt, closedAt, asOf),
  };
}

export const isOverdue = (clocks: NoticeClocks) =>
  clocks.acknowledgement?.state === 'overdue' || clocks.decision?.state === 'overdue';
