import { z } from 'zod';
import { setHold } from '../../evidence/index.ts';
import { defineOperation } from '../../http/operation.ts';
import { epochMs } from '../schemas.ts';
import { evidenceItemSchema, itemIdParams } from './schemas.ts';

export const setEvidenceHold = defineOperation({
  id: 'evidence.setHold',
  method: 'PUT',
  path: '/api/v1/evidence/:itemId/hold',
  summary: 'Set or release the legal hold and the retention date of an item (each change logged in custody).',
  tags: ['evidence'],
  access: { permission: 'evidence:manage' },
  mutates: true,
  params: itemIdParams,
  body: z
    .strictObject({ legalHold: z.boolean().optional(), retentionUntil: epochMs.nullable().optional() })
    .refine(
      (b) => b.legalHold !== undefined || b.retentionUntil !== undefined,
      'give legalHold or retentionUntil',
    ),
  response: z.object({ item: evidenceItemSchema }),
  handle: async ({ actor, body, db, params, requestId }) => ({
    item: await setHold(db, actor, params.itemId, body, requestId),
  }),
});
