import { z } from 'zod';
import { defineOperation } from '../../http/operation.ts';
import { getNotice, setNoticeStudy as flagIntoStudy } from '../../notices/notices.ts';
import { idParam } from '../schemas.ts';
import { noticeSchema } from './schemas.ts';

export const setNoticeStudy = defineOperation({
  id: 'notices.setStudy',
  method: 'POST',
  path: '/api/v1/notices/:noticeId/study',
  summary:
    'Flag the notice into a study the organisation belongs to (null takes it out). Other members then ' +
    'count it in the study scorecard; they never see the notice itself.',
  tags: ['notices', 'studies'],
  access: { permission: 'studies:manage' },
  mutates: true,
  params: z.strictObject({ noticeId: idParam }),
  body: z.strictObject({ studyId: idParam.nullable() }),
  response: z.object({ notice: noticeSchema }),
  handle: async ({ actor, body, db, params, requestId }) => {
    await flagIntoStudy(db, actor, params.noticeId, body.studyId, requestId);
    return { notice: await getNotice(db, actor.orgId, params.noticeId, Date.now()) };
  },
});
