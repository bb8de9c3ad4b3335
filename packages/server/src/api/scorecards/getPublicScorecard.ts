import { z } from 'zod';
import { AppError } from '../../errors.ts';
import { defineOperation } from '../../http/operation.ts';
import { findOrganisationBySlug } from '../../identity/organisations.ts';
import { organisationScorecard } from '../../scorecards/scorecard.ts';
import { scorecardSchema } from './schemas.ts';

/** Organisation setting that publishes its scorecard: `settings.publishScorecard = true`. */
export const PUBLISH_SETTING = 'publishScorecard';

export const getPublicScorecard = defineOperation({
  id: 'scorecards.getPublic',
  method: 'GET',
  path: '/api/v1/public/scorecards/:orgSlug',
  summary:
    "An organisation's published scorecard: aggregate figures and methodology only. Answers 404 unless " +
    `the organisation set settings.${PUBLISH_SETTING} to true.`,
  tags: ['scorecards'],
  access: { public: true },
  mutates: false,
  params: z.strictObject({ orgSlug: z.string().min(1).max(100) }),
  query: z.strictObject({
    from: z.coerce.number().int().nonnegative().optional(),
    to: z.coerce.number().int().nonnegative().optional(),
  }),
  response: scorecardSchema,
  handle: async ({ db, params, query }) => {
    const organisation = await findOrganisationBySlug(db, params.orgSlug);
    // Unpublished and unknown look the same: nobody learns which organisations exist.
    if (!organisation || organisation.settings[PUBLISH_SETTING] !== true) {
      throw new AppError('not_found', { message: 'No published scorecard.', field: 'params.orgSlug' });
    }
    return organisationScorecard(db, organisation, { from: query.from, to: query.to, asOf: Date.now() });
  },
});
