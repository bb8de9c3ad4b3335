import { z } from 'zod';
import { listCases as listOrgCases } from '../../cases/cases.ts';
import { defineOperation } from '../../http/operation.ts';
import { caseSchema } from './schemas.ts';

export const listCases = defineOperation({
  id: 'cases.list',
  method: 'GET',
  path: '/api/v1/cases',
  summary: 'List cases, newest first; `overdue=true` lists open cases past their SLA, most overdue first.',
  tags: ['cases'],
  access: { permission: 'cases:read' },
  mutates: false,
  query: z.strictObject({
    status: z.enum(['open', 'decided', 'appealed', 'closed']).optional(),
    queueId: z.string().max(100).optional(),
    incidentId: z.string().max(100).optional().describe('only the cases linked to this crisis incident'),
    overdue: z.enum(['true', 'false']).optional(),
    limit: z.coerce.number().int().min(1).max(1000).default(100),
    before: z.coerce.number().int().optional().describe('openedAt of the last case of the previous page'),
    beforeId: z.string().max(100).optional().describe('id of the last case of the previous page'),
  }),
  response: z.object({ cases: z.array(caseSchema) }),
  handle: async ({ actor, query, db }) => ({
    cases: await listOrgCases(db, actor.orgId, { ...query, overdue: query.overdue === 'true' }),
  }),
});
