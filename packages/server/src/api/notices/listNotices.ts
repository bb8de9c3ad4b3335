import { z } from 'zod';
import { defineOperation } from '../../http/operation.ts';
import { listNotices as listOutboundNotices } from '../../notices/notices.ts';
import { epochMs, idParam } from '../schemas.ts';
import { noticeSchema } from './schemas.ts';

export const listNotices = defineOperation({
  id: 'notices.list',
  method: 'GET',
  path: '/api/v1/notices',
  summary:
    "The organisation's notices, newest first; with overdue=true, those with a response clock overdue at asOf.",
  tags: ['notices'],
  access: { permission: 'notices:read' },
  mutates: false,
  query: z.strictObject({
    overdue: z.enum(['true', 'false']).optional(),
    asOf: z.coerce.number().pipe(epochMs.nonnegative()).optional(),
    platformId: idParam.optional(),
    status: z.enum(['pending_delivery', 'delivery_failed', 'sent', 'closed']).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  }),
  response: z.object({ notices: z.array(noticeSchema), asOf: epochMs }),
  handle: async ({ actor, db, query }) => {
    const asOf = query.asOf ?? Date.now();
    const notices = await listOutboundNotices(
      db,
      actor.orgId,
      {
        overdue: query.overdue === 'true',
        platformId: query.platformId,
        status: query.status,
        limit: query.limit,
      },
      asOf,
    );
    return { notices, asOf };
  },
});
