/**
 * Callbacks from platforms about notices they received (acknowledgement, decision, statement of
 * reasons). The platform signs each callback with the secret it got when it was added to the
 * directory:
 *
 *   x-vigie-timestamp: <epoch ms>
 *   x-vigie-signature: sha256=<hex HMAC-SHA256(secret, "<timestamp>.<payload>")>
 *
 * where `payload` is the JSON text carried as a string in the body (`{ "payload": "…" }`), so the
 * signature covers exact bytes whatever the JSON parser does. Callbacks older or newer than five
 * minutes are refused (replay window); a replay inside it adds nothing, because only the first event
 * of each kind changes a notice.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { appendAudit } from '../audit/audit-log.ts';
import type { Keyring } from '../crypto/keyring.ts';
import { AppError } from '../errors.ts';
import { systemActor } from '../identity/actor.ts';
import { callbackSecret } from '../platforms/platforms.ts';
import { inTransaction, type Db } from '../storage/transaction.ts';
import { appendNoticeEvent, type Now } from './log.ts';
import { eventsFromStatus, platformStatusSchema } from './platform-protocol.ts';

export const CALLBACK_WINDOW_MS = 5 * 60_000;

export const callbackPayloadSchema = platformStatusSchema.extend({
  /** The notice: its Vigie reference, or the platform's ticket id. */
  reference: z.string().max(200).optional(),
});

export function signCallback(secret: string, timestamp: string, payload: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${payload}`).digest('hex')}`;
}

const refused = (message: string) => new AppError('forbidden', { message });

export async function receivePlatformCallback(
  db: Db,
  keyring: Keyring,
  platformId: string,
  input: { timestamp: string | undefined; signature: string | undefined; payload: string },
  now: Now,
  requestId: string | null = null,
): Promise<{ noticeId: string; recorded: string[] }> {
  const at = now();
  // The same answer for an unknown platform and a bad signature: callers learn nothing about ids.
  const platform = await db
    .selectFrom('platforms')
    .selectAll()
    .where('id', '=', platformId)
    .executeTakeFirst();
  if (!platform || !input.timestamp || !input.signature) throw refused('The callback signature is invalid.');
  const expected = Buffer.from(
    signCallback(await callbackSecret(db, keyring, platform), input.timestamp, input.payload),
  );
  const given = Buffer.from(input.signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw refused('The callback signature is invalid.');
  }
  const timestamp = Number(input.timestamp);
  if (!Number.isInteger(timestamp) || Math.abs(at - timestamp) > CALLBACK_WINDOW_MS) {
    throw refused('The callback timestamp is outside the accepted window.');
  }
  let json: unknown;
  try {
    json = JSON.parse(input.payload);
  } catch {
    throw new AppError('malformed_json', { field: 'body.payload' });
  }
  const parsed = callbackPayloadSchema.safeParse(json);
  if (!parsed.success || (!parsed.data.reference && !parsed.data.ticketId)) {
    throw new AppError('validation_failed', {
      message: 'The payload does not match the callback schema (reference or ticketId, status fields).',
      field: 'body.payload',
    });
  }
  const key = parsed.data.reference ?? parsed.data.ticketId!;
  return inTransaction(db, async (trx) => {
    const notice = await trx
      .selectFrom('notices')
      .selectAll()
      .where('org_id', '=', platform.org_id)
      .where('platform_id', '=', platform.id)
      .where((eb) => eb.or([eb('reference', '=', key), eb('external_id', '=', key)]))
      .executeTakeFirst();
    if (!notice || notice.sent_at === null) {
      throw new AppError('not_found', {
        message: 'No sent notice with this reference.',
        field: 'body.payload',
      });
    }
    const actor = systemActor(platform.org_id, `platform:${platform.id}`);
    const events = eventsFromStatus(notice, parsed.data, at);
    for (const { event, at: eventAt } of events) {
      await appendNoticeEvent(trx, actor, notice.id, event, { now: () => at, at: eventAt, requestId });
    }
    if (events.length === 0) {
      // Still audited: the platform called, and said nothing new.
      await appendAudit(
        trx,
        actor,
        { action: 'notice.callback_noop', targetType: 'notice', targetId: notice.id },
        requestId,
      );
    }
    return { noticeId: notice.id, recorded: events.map((e) => e.event.type) };
  });
}
