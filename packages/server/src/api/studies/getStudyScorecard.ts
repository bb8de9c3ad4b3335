import { defineOperation } from '../../http/operation.ts';
import { scorecardCsv } from '../../scorecards/csv.ts';
import { studyScorecard } from '../../scorecards/scorecard.ts';
import { activeStudyOf } from '../../studies/studies.ts';
import { scorecardQuerySchema, scorecardSchema } from '../scorecards/schemas.ts';
import { z } from 'zod';
import { idParam } from '../schemas.ts';

export const getStudyScorecard = defineOperation({
  id: 'studies.scorecard',
  method: 'GET',
  path: '/api/v1/studies/:studyId/scorecard',
  summary:
    "The study's scorecard, aggregated over the notices every active member flagged into it. " +
    'Aggregates only: no notice text, reporter or note of any organisation.',
  tags: ['studies', 'scorecards'],
  access: { permission: 'scorecards:read' },
  mutates: false,
  params: z.strictObject({ studyId: idParam }),
  query: scorecardQuerySchema,
  response: scorecardSchema,
  handle: async ({ actor, db, params, query }) => {
    const study = await activeStudyOf(db, actor.orgId, params.studyId, 'params.studyId');
    const card = await studyScorecard(db, study, {
      from: query.from,
      to: query.to,
      asOf: query.asOf ?? Date.now(),
    });
    return query.format === 'csv' ? { ...card, csv: scorecardCsv(card) } : card;
  },
});
