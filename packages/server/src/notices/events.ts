/**
 * The events of a notice's life and how each one moves its projection. Only the FIRST event of a
 * kind sets the projection's time (first acknowledgement, first decision, first time found gone):
 * the clocks and scorecards measure how long the platform took to respond at all.
 */
import { z } from 'zod';
import type { NoticeTable } from './tables.ts';

export const DECISION_OUTCOMES = ['removed', 'restricted', 'rejected', 'no_action'] as const;
export type DecisionOutcome = (typeof DECISION_OUTCOMES)[number];
/** Outcomes that count as the platform acting on the content. */
export const ACTION_OUTCOMES: ReadonlySet<string> = new Set(['removed', 'restricted']);

export const ESCALATION_KINDS = ['dsc_complaint', 'ods_body', 'law_enforcement'] as const;

/** Events an analyst (or a platform callback, or a job) may add to a sent notice. */
export const recordableEventSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('acknowledged'), ticketId: z.string().max(200).optional() }),
  z.strictObject({
    type: z.literal('decision'),
    outcome: z.enum(DECISION_OUTCOMES),
    text: z.string().max(20_000).optional(),
  }),
  z.strictObject({
    type: z.literal('statement_of_reasons'),
    text: z.string().max(50_000).optional(),
    /** The DSA Transparency Database id, when the platform filed one. */
    sorUuid: z.string().max(100).optional(),
  }),
  z.strictObject({ type: z.literal('follow_up'), text: z.string().min(1).max(20_000) }),
  z.strictObject({
    type: z.literal('escalated'),
    kind: z.enum(ESCALATION_KINDS),
    /** Who it went to: a Digital Services Coordinator, an ODS body, `PHAROS`, … */
    recipient: z.string().min(1).max(200),
    reference: z.string().max(200).optional(),
  }),
  z.strictObject({ type: z.literal('reversed'), outcome: z.enum(['removed', 'restricted']) }),
  z.strictObject({
    type: z.literal('liveness'),
    online: z.boolean(),
    httpStatus: z.number().int().optional(),
    url: z.string().max(2000).optional(),
  }),
  z.strictObject({ type: z.literal('note'), text: z.string().min(1).max(20_000) }),
  z.strictObject({ type: z.literal('closed'), reason: z.string().max(2000).optional() }),
]);
export type RecordableEvent = z.infer<typeof recordableEventSchema>;

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
