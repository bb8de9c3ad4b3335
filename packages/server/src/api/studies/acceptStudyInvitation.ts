import { z } from 'zod';
import { defineOperation } from '../../http/operation.ts';
import { acceptStudyInvitation as acceptInvitation } from '../../studies/studies.ts';
import { idParam } from '../schemas.ts';
import { studySchema } from './schemas.ts';

export const acceptStudyInvitation = defineOperation({
  id: 'studies.accept',
  method: 'POST',
  path: '/api/v1/studies/:studyId/accept',
  summary: "Accept the organisation's invitation to a study.",
  tags: ['studies'],
  access: { permission: 'studies:manage' },
  mutates: true,
  params: z.strictObject({ studyId: idParam }),
  response: z.object({ study: studySchema }),
  handle: async ({ actor, db, params, requestId }) => ({
    study: await acceptInvitation(db, actor, params.studyId, requestId),
  }),
});
