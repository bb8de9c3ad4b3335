import { z } from 'zod';
import { defineOperation } from '../../http/operation.ts';
import { getNotice as getOutboundNotice, listNoticeEvents } from '../../notices/notices.ts';
import { idParam } from '../schemas.ts';
import { noticeEventSchema, noticeSchema } from './schemas.ts';

export const getNotice = defineOperation({
  id: 'notices.get',
  method: 'GET',
  path: '/api/v1/notices/:noticeId',
  summary: 'A notice with its clocks and its full event log.',
  tags: ['notices'],
  access: { permission: 'notices:read' },
  mutates: false,
  params: z.strictObject({ noticeId: idParam }),
  response: z.object({ notice: noticeSchema, events: z.array(noticeEventSchema) }),
  handle: async ({ actor, db, params }) => ({
    notice: await getOutboundNotice(db, actor.orgId, params.noticeId, Date.now()),
    events: await listNoticeEvents(db, actor.orgId, params.noticeId),
  }),
});
