import { z } from 'zod';
import { defineOperation } from '../../http/operation.ts';
import { updateOrganisation as updateOrg } from '../../identity/organisations.ts';
import { organisationSchema } from '../schemas.ts';

export const updateOrganisation = defineOperation({
  id: 'organisation.update',
  method: 'PATCH',
  path: '/api/v1/organisation',
  summary: 'Rename the organisation or change its settings (merged key by key).',
  tags: ['organisation'],
  access: { permission: 'organisation:manage' },
  mutates: true,
  body: z.strictObject({
    name: z.string().min(1).max(200).optional(),
    settings: z.record(z.string().max(100), z.unknown()).optional(),
  }),
  response: organisationSchema,
  handle: async ({ actor, body, db, requestId }) => updateOrg(db, actor, body, requestId),
});
