import { z } from 'zod';
import { purgeEvidence as purgeItem } from '../../evidence/index.ts';
import { defineOperation } from '../../http/operation.ts';
import { evidenceItemSchema, itemIdParams, vaultOf } from './schemas.ts';

export const purgeEvidence = defineOperation({
  id: 'evidence.purge',
  method: 'POST',
  path: '/api/v1/evidence/:itemId/purge',
  summary:
    "Delete an item's content, keeping its metadata and chain of custody. Refused under legal hold " +
    '(409 evidence_on_legal_hold).',
  tags: ['evidence'],
  access: { permission: 'evidence:manage' },
  mutates: true,
  params: itemIdParams,
  body: z.strictObject({ reason: z.string().min(1).max(1000) }),
  response: z.object({ item: evidenceItemSchema }),
  handle: async ({ actor, body, db, deps, params, requestId }) => ({
    item: await purgeItem(db, vaultOf(deps), actor, params.itemId, body.reason, requestId),
  }),
});
