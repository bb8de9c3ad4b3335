import { z } from 'zod';
import { updateBank as updateOrgBank } from '../../banks/banks.ts';
import { defineOperation } from '../../http/operation.ts';
import { idParam, publicView } from '../schemas.ts';
import { actionSchema, bankName, bankSchema, thresholdsSchema } from './schemas.ts';

export const updateBank = defineOperation({
  id: 'banks.update',
  method: 'PATCH',
  path: '/api/v1/banks/:bankId',
  summary: 'Rename a bank, change its action or thresholds (merged per signal type), or disable it.',
  tags: ['banks'],
  access: { permission: 'banks:manage' },
  mutates: true,
  params: z.strictObject({ bankId: idParam }),
  body: z.strictObject({
    name: bankName.optional(),
    description: z.string().max(2000).optional(),
    action: actionSchema.optional(),
    thresholds: thresholdsSchema.optional(),
    disabled: z.boolean().optional(),
  }),
  response: z.object({ bank: bankSchema }),
  handle: async ({ actor, body, db, params, requestId }) => ({
    bank: publicView(await updateOrgBank(db, actor, params.bankId, body, requestId)),
  }),
});
