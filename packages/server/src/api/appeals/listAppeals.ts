import { z } from 'zod';
import { listAppeals as listOrgAppeals } from '../../cases/appeals.ts';
import { defineOperation } from '../../http/operation.ts';
import { appealSchema } from '../cases/schemas.ts';

export const listAppeals = defineOperation({
  id: 'appeals.list',
  method: 'GET',
  path: '/api/v1/appeals',
  summary: 'List appeals (DSA Art. 20), oldest first.',
  tags: ['appeals'],
  access: { permission: 'cases:read' },
  mutates: false,
  query: z.strictObject({ status: z.enum(['open', 'decided']).optional() }),
  response: z.object({ appeals: z.array(appealSchema) }),
  handle: async ({ actor, query, db }) => ({ appeals: await listOrgAppeals(db, actor.orgId, query.status) }),
});
