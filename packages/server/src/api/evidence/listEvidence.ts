import { z } from 'zod';
import { listEvidence as listItems } from '../../evidence/index.ts';
import { defineOperation } from '../../http/operation.ts';
import { idParam } from '../schemas.ts';
import { evidenceItemSchema } from './schemas.ts';

export const listEvidence = defineOperation({
  id: 'evidence.list',
  method: 'GET',
  path: '/api/v1/evidence',
  summary: 'Evidence items of the organisation, newest first; filter by case or capture.',
  tags: ['evidence'],
  access: { permission: 'evidence:read' },
  mutates: false,
  query: z.strictObject({
    caseId: idParam.optional(),
    captureId: idParam.optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  }),
  response: z.object({ items: z.array(evidenceItemSchema) }),
  handle: async ({ actor, db, query }) => ({ items: await listItems(db, actor.orgId, query) }),
});
