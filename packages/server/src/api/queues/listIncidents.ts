import { z } from 'zod';
import { defineOperation } from '../../http/operation.ts';
import { listIncidents as list } from '../../triage/incidents.ts';
import { incidentSchema } from '../cases/schemas.ts';

export const listIncidents = defineOperation({
  id: 'incidents.list',
  method: 'GET',
  path: '/api/v1/incidents',
  summary:
    'Incidents of the organisation, newest first (active ones have no `endedAt`), each with the number of ' +
    'cases linked to it and how many of them are still open.',
  tags: ['queues'],
  access: { permission: 'cases:read' },
  mutates: false,
  response: z.object({
    incidents: z.array(incidentSchema.extend({ linkedCases: z.number().int(), openCases: z.number().int() })),
  }),
  handle: async ({ actor, db }) => ({ incidents: await list(db, actor.orgId) }),
});
