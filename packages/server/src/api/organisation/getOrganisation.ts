import { defineOperation } from '../../http/operation.ts';
import { getOrganisation as getOrg } from '../../identity/organisations.ts';
import { organisationSchema } from '../schemas.ts';

export const getOrganisation = defineOperation({
  id: 'organisation.get',
  method: 'GET',
  path: '/api/v1/organisation',
  summary: "The caller's organisation and its settings.",
  tags: ['organisation'],
  access: { permission: 'organisation:read' },
  mutates: false,
  response: organisationSchema,
  handle: async ({ actor, db }) => getOrg(db, actor.orgId),
});
