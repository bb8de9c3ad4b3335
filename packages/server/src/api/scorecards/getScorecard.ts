import { defineOperation } from '../../http/operation.ts';
import { getOrganisation } from '../../identity/organisations.ts';
import { scorecardCsv } from '../../scorecards/csv.ts';
import { organisationScorecard } from '../../scorecards/scorecard.ts';
import { scorecardQuerySchema, scorecardSchema } from './schemas.ts';

export const getScorecard = defineOperation({
  id: 'scorecards.get',
  method: 'GET',
  path: '/api/v1/scorecards',
  summary:
    "Response figures of the organisation's notices per platform × category × country × language, per " +
    'platform and overall, with the methodology note (definitions, period, exclusions).',
  tags: ['scorecards'],
  access: { permission: 'scorecards:read' },
  mutates: false,
  query: scorecardQuerySchema,
  response: scorecardSchema,
  handle: async ({ actor, db, query }) => {
    const organisation = await getOrganisation(db, actor.orgId);
    const card = await organisationScorecard(db, organisation, {
      from: query.from,
      to: query.to,
      asOf: query.asOf ?? Date.now(),
    });
    return query.format === 'csv' ? { ...card, csv: scorecardCsv(card) } : card;
  },
});
