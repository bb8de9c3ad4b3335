/**
 * The notice API Vigie speaks with platforms on an `api` channel (documented in the README):
 * - submit: `POST <channel address>` with the notice as JSON and `Idempotency-Key: <notice id>`;
 *   a 2xx answer may carry `{ ticketId }`;
 * - status: `GET <statusUrl>` (`{ticketId}` replaced, else the notice reference) answering
 *   `{ acknowledgedAt?, decision?: { outcome, decidedAt, text? }, statementOfReasons?: { receivedAt, text?, sorUuid? } }`
 *   with times as epoch milliseconds or ISO 8601;
 * - callbacks: the same status fields pushed to `POST /api/v1/platform-callbacks/:platformId`
 *   (see callbacks.ts).
 */
import { z } from 'zod';
import { DECISION_OUTCOMES } from './event-schema.ts';
import type { NoticeTable } from './tables.ts';

const time = z.union([
  z.number().int().nonnegative(),
  z.iso.datetime({ offset: true }).transform((iso) => Date.parse(iso)),
]);

export const platformStatusSchema = z.object({
  ticketId: z.string().max(200).optional(),
  acknowledgedAt: time.optional(),
  decision: z
    .object({ outcome: z.enum(DECISION_OUTCOMES), decidedAt: time, text: z.string().max(20_000).optional() })
    .optional(),
  statementOfReasons: z
    .object({
      receivedAt: time,
      text: z.string().max(50_000).optional(),
      sorUuid: z.string().max(100).optional(),
    })
    .optional(),
});
export type PlatformStatus = z.infer<typeof platformStatusSchema>;

export const submitAnswerSchema = z.object({ ticketId: z.string().max(200).optional() }).loose();

export function submissionBody(notice: NoticeTable): string {
  return JSON.stringify({
    reference: notice.reference,
    items: JSON.parse(notice.items) as unknown,
    explanation: notice.body,
    legalBasis: notice.legal_basis,
    category: notice.category,
    trustedFlagger: notice.trusted_flagger === 1,
    language: notice.language,
    country: notice.country,
  });
}

export function statusUrl(template: string, notice: NoticeTable): string {
  return template.replace('{ticketId}', encodeURIComponent(notice.external_id ?? notice.reference));
}

/**
 * The events a platform status adds to a notice, each at the time the platform states, kept within
 * [sent, now] so a wrong platform clock cannot put a response before the notice or in the future.
 */
export function eventsFromStatus(notice: NoticeTable, status: PlatformStatus, now: number) {
  const sentAt = notice.sent_at ?? now;
  const clamp = (at: number) => Math.min(now, Math.max(sentAt, at));
  const events = [];
  if (status.acknowledgedAt !== undefined && notice.acknowledged_at === null) {
    events.push({
      event: { type: 'acknowledged' as const, ...(status.ticketId ? { ticketId: status.ticketId } : {}) },
      at: clamp(status.acknowledgedAt),
    });
  }
  if (status.decision && notice.decided_at === null) {
    const { outcome, text } = status.decision;
    events.push({
      event: { type: 'decision' as const, outcome, ...(text !== undefined ? { text } : {}) },
      at: clamp(status.decision.decidedAt),
    });
  }
  if (status.statementOfReasons && notice.sor_received_at === null) {
    const { text, sorUuid } = status.statementOfReasons;
    events.push({
      event: {
        type: 'statement_of_reasons' as const,
        ...(text !== undefined ? { text } : {}),
        ...(sorUuid !== undefined ? { sorUuid } : {}),
      },
      at: clamp(status.statementOfReasons.receivedAt),
    });
  }
  return events.sort((a, b) => a.at - b.at);
}
