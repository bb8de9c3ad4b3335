import { z } from 'zod';
import { getCaseDetail } from '../../cases/cases.ts';
import { listDecisions } from '../../cases/decisions.ts';
import { defineOperation } from '../../http/operation.ts';
import { caseEventSchema, caseIdParams, caseSchema, decisionSchema, reportSchema } from './schemas.ts';

export const getCase = defineOperation({
  id: 'cases.get',
  method: 'GET',
  path: '/api/v1/cases/:caseId',
  summary: 'A case with its event log, its reports (reporter contacts stay sealed) and its decisions.',
  tags: ['cases'],
  access: { permission: 'cases:read' },
  mutates: false,
  params: caseIdParams,
  response: z.object({
    case: caseSchema,
    events: z.array(caseEventSchema),
    reports: z.array(reportSchema),
    decisions: z.array(decisionSchema),
  }),
  handle: async ({ actor, params, db }) => {
    const detail = await getCaseDetail(db, actor.orgId, params.caseId);
    return { ...detail, decisions: await listDecisions(db, actor.orgId, params.caseId) };
  },
});
