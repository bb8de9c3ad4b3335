import { z } from 'zod';
import { getBank as getOrgBank } from '../../banks/banks.ts';
import { defineOperation } from '../../http/operation.ts';
import { idParam, publicView } from '../schemas.ts';
import { bankSchema } from './schemas.ts';

export const getBank = defineOperation({
  id: 'banks.get',
  method: 'GET',
  path: '/api/v1/banks/:bankId',
  summary: 'Get one bank.',
  tags: ['banks'],
  access: { permission: 'banks:read' },
  mutates: false,
  params: z.strictObject({ bankId: idParam }),
  response: z.object({ bank: bankSchema }),
  handle: async ({ actor, db, params }) => ({
    bank: publicView(await getOrgBank(db, actor.orgId, params.bankId)),
  }),
});
