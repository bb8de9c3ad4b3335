/**
 * The events of a notice's life and how each one moves its projection. Only the FIRST event of a
 * kind sets the projection's time (first acknowledgement, first decision, first time found gone):
 * the clocks and scorecards measure how long the platform took to respond at all.
 */
import type { RecordableEvent } from './event-schema.ts';
import type { NoticeTable } from './tables.ts';

/** Events only the module itself writes. */
export type SystemEvent =
  | { type: 'created' }
  /** For API deliveries: the platform's ticket and the SHA-256 of the exact bytes submitted. */
  | { type: 'sent'; ticketId?: string | undefined; submissionSha256?: string }
  | { type: 'reminder'; clock: 'acknowledgement' | 'decision'; dueAt: number }
  /** The API delivery gave up after its last attempt; the notice was never sent. */
  | { type: 'delivery_failed'; error: string; attempts: number };

export type NoticeEvent = RecordableEvent | SystemEvent;

type Projection = Pick<
  NoticeTable,
  | 'status'
  | 'sent_at'
  | 'acknowledged_at'
  | 'decision'
  | 'decided_at'
  | 'sor_received_at'
  | 'escalated_at'
  | 'reversed_at'
  | 'content_gone_at'
  | 'closed_at'
  | 'external_id'
>;

/** The projection columns an event changes (only those). */
export function projectEvent(current: Projection, event: NoticeEvent, at: number): Partial<Projection> {
  switch (event.type) {
    case 'sent':
      return { status: 'sent', sent_at: at, ...(event.ticketId ? { external_id: event.ticketId } : {}) };
    case 'acknowledged':
      return {
        ...(current.acknowledged_at === null ? { acknowledged_at: at } : {}),
        ...(event.ticketId && current.external_id === null ? { external_id: event.ticketId } : {}),
      };
    case 'decision':
      return current.decided_at === null ? { decision: event.outcome, decided_at: at } : {};
    case 'statement_of_reasons':
      return current.sor_received_at === null ? { sor_received_at: at } : {};
    case 'escalated':
      return current.escalated_at === null ? { escalated_at: at } : {};
    case 'reversed':
      return current.reversed_at === null ? { reversed_at: at } : {};
    case 'liveness':
      return !event.online && current.content_gone_at === null ? { content_gone_at: at } : {};
    case 'closed':
      return { status: 'closed', closed_at: at };
    case 'delivery_failed':
      return { status: 'delivery_failed' };
    case 'created':
    case 'follow_up':
    case 'note':
    case 'reminder':
      return {};
  }
}

/** Why an event cannot be added in the notice's current state, or `undefined` when it can. */
export function eventConflict(current: Projection, event: NoticeEvent): string | undefined {
  if (event.type === 'sent' || event.type === 'delivery_failed') {
    return current.sent_at === null ? undefined : 'The notice was already sent.';
  }
  if (event.type === 'note' || event.type === 'created') return undefined;
  if (current.sent_at === null) return 'The notice has not been sent yet.';
  if (event.type === 'closed' && current.closed_at !== null) return 'The notice is already closed.';
  if (event.type === 'reversed' && current.escalated_at === null) {
    return 'A reversal after escalation needs an escalation first.';
  }
  return undefined;
}
