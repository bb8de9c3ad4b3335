import { z } from 'zod';
import { getEvidence, listLivenessChecks as listChecks } from '../../evidence/index.ts';
import { defineOperation } from '../../http/operation.ts';
import { epochMs } from '../schemas.ts';
import { itemIdParams } from './schemas.ts';

const checkSchema = z
  .object({
    delayMs: z.number().int(),
    afterDays: z.number(),
    checkedAt: epochMs,
    outcome: z.enum([
      'online_same',
      'online_similar',
      'online_changed',
      'removed',
      'restricted',
      'unavailable',
      'unreachable',
      'refused',
    ]),
    stillOnline: z.boolean(),
    httpStatus: z.number().int().nullable(),
    finalUrl: z.string().nullable(),
    sameContent: z.boolean(),
    pdqDistance: z.number().int().nullable(),
    errorCode: z.string().nullable(),
  })
  .meta({ id: 'LivenessCheck' });

export const listLivenessChecks = defineOperation({
  id: 'evidence.liveness',
  method: 'GET',
  path: '/api/v1/evidence/:itemId/liveness',
  summary:
    'The scheduled re-checks of a captured URL: whether it was still online after each delay and still served ' +
    'the captured content (same SHA-256, or PDQ within 31 for images).',
  tags: ['evidence'],
  access: { permission: 'evidence:read' },
  mutates: false,
  params: itemIdParams,
  response: z.object({ checks: z.array(checkSchema) }),
  handle: async ({ actor, db, params }) => {
    const item = await getEvidence(db, actor.orgId, params.itemId);
    return { checks: await listChecks(db, actor.orgId, item.id) };
  },
});
