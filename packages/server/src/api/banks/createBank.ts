import { z } from 'zod';
import { createBank as createOrgBank } from '../../banks/banks.ts';
import { defineOperation } from '../../http/operation.ts';
import { publicView } from '../schemas.ts';
import { actionSchema, bankName, bankSchema, thresholdsSchema } from './schemas.ts';

export const createBank = defineOperation({
  id: 'banks.create',
  method: 'POST',
  path: '/api/v1/banks',
  summary: 'Create a bank: a named hash list with the action and thresholds its matches carry.',
  tags: ['banks'],
  access: { permission: 'banks:manage' },
  mutates: true,
  successStatus: 201,
  body: z.strictObject({
    name: bankName,
    description: z.string().max(2000).optional(),
    action: actionSchema.optional(),
    thresholds: thresholdsSchema.optional(),
  }),
  response: z.object({ bank: bankSchema }),
  handle: async ({ actor, body, db, requestId }) => ({
    bank: publicView(await createOrgBank(db, actor, body, requestId)),
  }),
});
