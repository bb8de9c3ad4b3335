import { z } from 'zod';
import { custodyLog, getEvidence, verifyCustody } from '../../evidence/index.ts';
import { defineOperation } from '../../http/operation.ts';
import { epochMs } from '../schemas.ts';
import { itemIdParams } from './schemas.ts';

const custodyEntrySchema = z
  .object({
    seq: z.number().int(),
    at: epochMs,
    actorType: z.string(),
    actorId: z.string(),
    action: z.string(),
    requestId: z.string().nullable(),
    details: z.string().describe('JSON text, exactly as hashed'),
    prevHash: z.string(),
    hash: z.string(),
  })
  .meta({ id: 'CustodyEntry' });

export const listCustody = defineOperation({
  id: 'evidence.custody',
  method: 'GET',
  path: '/api/v1/evidence/:itemId/custody',
  summary: "The item's chain of custody, oldest first, with the result of re-walking its hash chain.",
  tags: ['evidence'],
  access: { permission: 'evidence:read' },
  mutates: false,
  params: itemIdParams,
  response: z.object({
    entries: z.array(custodyEntrySchema),
    intact: z.boolean(),
    problem: z.string().nullable(),
  }),
  handle: async ({ actor, db, params }) => {
    const item = await getEvidence(db, actor.orgId, params.itemId);
    const entries = await custodyLog(db, actor.orgId, [item.id]);
    const check = verifyCustody(
      entries,
      new Map([[item.id, { seq: item.custodyEntries, hash: item.custodyHeadHash }]]),
    );
    return {
      entries: entries.map(({ orgId: _orgId, itemId: _itemId, ...entry }) => entry),
      intact: check.ok,
      problem: check.ok ? null : `entry ${check.seq}: ${check.reason}`,
    };
  },
});
