import { z } from 'zod';
import { defineOperation } from '../../http/operation.ts';
import { declareIncident as declare } from '../../triage/incidents.ts';
import { incidentSchema } from '../cases/schemas.ts';

const hex = (length: number) =>
  z.string().regex(new RegExp(`^[0-9a-fA-F]{${length}}$`), `${length} hex digits`);

export const declareIncident = defineOperation({
  id: 'incidents.declare',
  method: 'POST',
  path: '/api/v1/incidents',
  summary:
    'Declare an incident (crisis protocol) by the URLs and hashes of its content. Open and future cases ' +
    'about that content are linked to it, go to its queue first and get its priority weight (default 60).',
  tags: ['queues'],
  access: { permission: 'cases:manage' },
  mutates: true,
  successStatus: 201,
  body: z.strictObject({
    name: z.string().trim().min(1).max(200),
    description: z.string().max(2000).optional(),
    queueId: z.string().min(1).max(100).optional(),
    priorityWeight: z.number().int().min(0).max(200).optional(),
    urls: z.array(z.string().min(1).max(2000)).max(1000).optional(),
    hashes: z
      .array(
        z.discriminatedUnion('kind', [
          z.strictObject({ kind: z.literal('sha256'), value: hex(64) }),
          z.strictObject({ kind: z.literal('md5'), value: hex(32) }),
          z.strictObject({ kind: z.literal('pdq'), value: hex(64) }),
        ]),
      )
      .max(1000)
      .optional(),
  }),
  response: z.object({ incident: incidentSchema, linkedCases: z.number().int() }),
  handle: async ({ actor, body, db, requestId }) => declare(db, actor, body, requestId),
});
