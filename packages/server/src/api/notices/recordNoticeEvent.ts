import { z } from 'zod';
import { defineOperation } from '../../http/operation.ts';
import { recordableEventSchema } from '../../notices/event-schema.ts';
import { appendNoticeEvent } from '../../notices/log.ts';
import { getNotice } from '../../notices/notices.ts';
import { epochMs, idParam } from '../schemas.ts';
import { noticeSchema } from './schemas.ts';

export const recordNoticeEvent = defineOperation({
  id: 'notices.recordEvent',
  method: 'POST',
  path: '/api/v1/notices/:noticeId/events',
  summary:
    "Record what happened to a notice: the platform's acknowledgement, decision or statement of reasons " +
    '(at = when it arrived), a follow-up, an escalation (DSC complaint, ODS body, law enforcement such as ' +
    'PHAROS), a reversal after escalation, a liveness check, an internal note, or closing it.',
  tags: ['notices'],
  access: { permission: 'notices:manage' },
  mutates: true,
  successStatus: 201,
  params: z.strictObject({ noticeId: idParam }),
  body: z.strictObject({ event: recordableEventSchema, at: epochMs.nonnegative().optional() }),
  response: z.object({ notice: noticeSchema }),
  handle: async ({ actor, body, db, params, requestId }) => {
    const now = Date.now();
    await appendNoticeEvent(db, actor, params.noticeId, body.event, {
      now: () => now,
      at: body.at,
      requestId,
    });
    return { notice: await getNotice(db, actor.orgId, params.noticeId, now) };
  },
});
