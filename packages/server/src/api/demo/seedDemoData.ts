import { z } from 'zod';
import { seedDemo } from '../../cases/demo-seed.ts';
import { defineOperation } from '../../http/operation.ts';

/**
 * The whole seed runs in the request's transaction (all or nothing, replayable by Idempotency-Key),
 * which on SQLite holds the write lock meanwhile: hence the bound, a few seconds of seeding.
 */
export const MAX_DEMO_CASES = 200;

const count = z.number().int().nonnegative();

export const seedDemoData = defineOperation({
  id: 'demo.seed',
  method: 'POST',
  path: '/api/v1/demo/seed',
  summary:
    "Fill the caller's organisation with demo data made through the real code paths, as " +
    '`vigie demo seed` does: reports in seven languages, bank matches, decisions with statements of ' +
    'reasons, appeals, evidence captures and notices to demo platforms, plus three demo moderators. ' +
    'For trying Vigie; the data cannot be told apart from real cases afterwards.',
  tags: ['demo'],
  access: { permission: 'organisation:manage' },
  mutates: true,
  successStatus: 201,
  body: z.strictObject({ cases: z.number().int().min(1).max(MAX_DEMO_CASES).default(50) }),
  response: z.object({
    cases: count,
    reports: count,
    decisions: z.record(z.string(), count),
    appeals: count,
    reversals: count,
    matches: count,
    evidenceCaptures: count,
    notices: z.object({ decided: count, acknowledged: count, ignored: count }),
  }),
  handle: async ({ actor, body, db, deps, audit }) => {
    const result = await seedDemo(db, actor.orgId, {
      cases: body.cases,
      keyring: deps.keyring,
      dataDir: deps.config.dataDir,
    });
    await audit({
      action: 'demo.seed',
      targetType: 'organisation',
      targetId: actor.orgId,
      details: { ...result },
    });
    return result;
  },
});
