import { z } from 'zod';
import { defineOperation } from '../../http/operation.ts';
import { endIncident as end } from '../../triage/incidents.ts';
import { idParam } from '../schemas.ts';
import { incidentSchema } from '../cases/schemas.ts';

export const endIncident = defineOperation({
  id: 'incidents.end',
  method: 'POST',
  path: '/api/v1/incidents/:incidentId/end',
  summary: 'End an incident: its open cases are routed and prioritised by the ordinary rules again.',
  tags: ['queues'],
  access: { permission: 'cases:manage' },
  mutates: true,
  params: z.strictObject({ incidentId: idParam }),
  response: z.object({ incident: incidentSchema }),
  handle: async ({ actor, db, params, requestId }) => ({
    incident: await end(db, actor, params.incidentId, requestId),
  }),
});
