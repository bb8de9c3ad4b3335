import { z } from 'zod';
import { listBanks as listOrgBanks } from '../../banks/banks.ts';
import { defineOperation } from '../../http/operation.ts';
import { publicView } from '../schemas.ts';
import { bankSchema } from './schemas.ts';

export const listBanks = defineOperation({
  id: 'banks.list',
  method: 'GET',
  path: '/api/v1/banks',
  summary: "List the organisation's banks.",
  tags: ['banks'],
  access: { permission: 'banks:read' },
  mutates: false,
  response: z.object({ banks: z.array(bankSchema) }),
  handle: async ({ actor, db }) => ({ banks: (await listOrgBanks(db, actor.orgId)).map(publicView) }),
});
