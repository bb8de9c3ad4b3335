import { z } from 'zod';
import { verifyAudit } from '../../audit/audit-log.ts';
import { defineOperation } from '../../http/operation.ts';

export const verifyAuditLog = defineOperation({
  id: 'audit.verify',
  method: 'GET',
  path: '/api/v1/audit/verify',
  summary: "Re-check the organisation's hash chain; names the first bad entry.",
  tags: ['audit'],
  access: { permission: 'audit:read' },
  mutates: false,
  response: z.object({
    ok: z.boolean(),
    entries: z.number().int(),
    headHash: z.string().optional(),
    firstBad: z.object({ seq: z.number().int(), reason: z.string() }).optional(),
  }),
  handle: async ({ actor, db }) => {
    const result = await verifyAudit(db, actor.orgId);
    return result.ok
      ? { ok: true, entries: result.entries, headHash: result.headHash }
      : {
          ok: false,
          entries: result.entries,
          firstBad: { seq: result.firstBad.seq, reason: result.firstBad.reason },
        };
  },
});
