import { z } from 'zod';
import { defineOperation } from '../../http/operation.ts';
import { inviteToStudy } from '../../studies/studies.ts';
import { epochMs, idParam } from '../schemas.ts';

export const inviteStudyMember = defineOperation({
  id: 'studies.invite',
  method: 'POST',
  path: '/api/v1/studies/:studyId/members',
  summary: 'Invite another organisation (by slug) into a study this organisation created.',
  tags: ['studies'],
  access: { permission: 'studies:manage' },
  mutates: true,
  successStatus: 201,
  params: z.strictObject({ studyId: idParam }),
  body: z.strictObject({ organisation: z.string().min(1).max(100) }),
  response: z.object({
    member: z.object({
      organisation: z.string(),
      status: z.string(),
      invitedAt: epochMs,
      acceptedAt: epochMs.nullable(),
    }),
  }),
  handle: async ({ actor, body, db, params, requestId }) => ({
    member: await inviteToStudy(db, actor, params.studyId, body.organisation, requestId),
  }),
});
