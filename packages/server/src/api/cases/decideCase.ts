import { z } from 'zod';
import { actions } from '../../cases/actions.ts';
import { decideCase as decide } from '../../cases/decisions.ts';
import { notifyDecision } from '../../cases/notify.ts';
import { defineOperation } from '../../http/operation.ts';
import { toCaseView } from '../../cases/cases.ts';
import { caseIdParams, caseSchema, decisionSchema } from './schemas.ts';

export const decideCase = defineOperation({
  id: 'cases.decide',
  method: 'POST',
  path: '/api/v1/cases/:caseId/decisions',
  summary:
    'Decide a case. Every action but no_action needs the statement-of-reasons fields (DSA Art. 17); the decision is final unless an appeal reverses it.',
  tags: ['cases'],
  access: { permission: 'cases:review' },
  mutates: true,
  successStatus: 201,
  params: caseIdParams,
  body: z.strictObject({
    action: z.enum(actions),
    fields: z
      .record(z.string(), z.unknown())
      .optional()
      .describe(
        'DecisionFields (transparency/decision-fields.ts); the action’s own restriction is added if missing',
      ),
    statement: z.string().trim().min(1).max(5000).optional().describe('Told to the reporters'),
    manifestlyUnfounded: z
      .boolean()
      .optional()
      .describe('With no_action: counts against the notifiers (Art. 23)'),
    affectedParty: z
      .strictObject({ email: z.email().max(320).optional(), language: z.enum(['fr', 'en']).optional() })
      .optional(),
  }),
  response: z.object({ decision: decisionSchema, case: caseSchema }),
  handle: async ({ actor, params, body, db, deps, requestId }) => {
    const outcome = await decide(db, actor, params.caseId, body, requestId);
    await notifyDecision(db, deps.keyring, actor, outcome, body.affectedParty, body.statement);
    return { decision: outcome.decision, case: toCaseView(outcome.case) };
  },
});
