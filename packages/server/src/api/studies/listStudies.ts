import { z } from 'zod';
import { defineOperation } from '../../http/operation.ts';
import { listStudies as listCollectiveStudies } from '../../studies/studies.ts';
import { studySchema } from './schemas.ts';

export const listStudies = defineOperation({
  id: 'studies.list',
  method: 'GET',
  path: '/api/v1/studies',
  summary: 'Studies the organisation belongs to or is invited to.',
  tags: ['studies'],
  access: { permission: 'scorecards:read' },
  mutates: false,
  response: z.object({ studies: z.array(studySchema) }),
  handle: async ({ actor, db }) => ({ studies: await listCollectiveStudies(db, actor.orgId) }),
});
