/**
 * What an analyst, a platform callback or a job may record about a sent notice: the schema alone, with
 * no storage types, so the console validates its forms with exactly the server's rules.
 */
import { z } from 'zod';

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
