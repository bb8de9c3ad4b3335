import { z } from 'zod';
import { getEvidence as getItem } from '../../evidence/index.ts';
import { defineOperation } from '../../http/operation.ts';
import { evidenceItemSchema, itemIdParams } from './schemas.ts';

export const getEvidence = defineOperation({
  id: 'evidence.get',
  method: 'GET',
  path: '/api/v1/evidence/:itemId',
  summary:
    'Metadata of one evidence item (Berkeley Protocol fields, hashes, hold, custody head). Not logged as a view.',
  tags: ['evidence'],
  access: { permission: 'evidence:read' },
  mutates: false,
  params: itemIdParams,
  response: z.object({ item: evidenceItemSchema }),
  handle: async ({ actor, db, params }) => ({ item: await getItem(db, actor.orgId, params.itemId) }),
});
