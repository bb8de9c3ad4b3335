import { z } from 'zod';
import { defineOperation } from '../../http/operation.ts';
import { listJobs as listOrgJobs } from '../../jobs/outbox.ts';
import { jobSchema } from '../schemas.ts';

export const listJobs = defineOperation({
  id: 'jobs.list',
  method: 'GET',
  path: '/api/v1/jobs',
  summary:
    "The organisation's background jobs (webhook deliveries, notifications…), newest first; `status=dead` lists the dead letters.",
  tags: ['jobs'],
  access: { permission: 'jobs:read' },
  mutates: false,
  query: z.strictObject({
    status: z.enum(['pending', 'running', 'done', 'dead']).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  }),
  response: z.object({ jobs: z.array(jobSchema) }),
  handle: async ({ actor, query, db }) => ({
    jobs: (await listOrgJobs(db, actor.orgId, query)).map(
      ({ orgId: _o, payload: _p, idempotencyKey: _k, ...job }) => job,
    ),
  }),
});
