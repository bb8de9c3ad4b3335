import { z } from 'zod';
import { listAudit } from '../../audit/audit-log.ts';
import { defineOperation } from '../../http/operation.ts';
import { auditEntrySchema } from '../schemas.ts';

export const listAuditEntries = defineOperation({
  id: 'audit.list',
  method: 'GET',
  path: '/api/v1/audit',
  summary: "The organisation's audit log, newest first, paged by sequence number.",
  tags: ['audit'],
  access: { permission: 'audit:read' },
  mutates: false,
  query: z.strictObject({
    limit: z.coerce.number().int().min(1).max(500).default(100),
    before: z.coerce.number().int().min(1).optional(),
    action: z.string().max(100).optional(),
  }),
  response: z.object({ entries: z.array(auditEntrySchema), nextCursor: z.number().int().nullable() }),
  handle: async ({ actor, query, db }) => {
    const page = await listAudit(db, actor.orgId, query);
    return {
      entries: page.entries.map(({ id: _id, orgId: _orgId, ...entry }) => entry),
      nextCursor: page.nextCursor,
    };
  },
});
