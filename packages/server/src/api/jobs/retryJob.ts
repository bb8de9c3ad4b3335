import { z } from 'zod';
import { AppError, notFound } from '../../errors.ts';
import { defineOperation } from '../../http/operation.ts';
import { getJob, retryDeadJob } from '../../jobs/outbox.ts';
import { idParam, jobSchema } from '../schemas.ts';

export const retryJob = defineOperation({
  id: 'jobs.retry',
  method: 'POST',
  path: '/api/v1/jobs/:jobId/retry',
  summary: 'Put a dead-lettered job back in the queue with a fresh attempt budget.',
  tags: ['jobs'],
  access: { permission: 'jobs:manage' },
  mutates: true,
  params: z.strictObject({ jobId: idParam }),
  response: jobSchema,
  handle: async ({ actor, params, db, audit }) => {
    const job = await retryDeadJob(db, actor.orgId, params.jobId);
    if (!job) {
      if (await getJob(db, actor.orgId, params.jobId)) {
        throw new AppError('conflict', {
          message: 'Only dead-lettered jobs can be retried.',
          field: 'params.jobId',
        });
      }
      throw notFound('Job', 'params.jobId');
    }
    await audit({ action: 'job.retry', targetType: 'job', targetId: job.id, details: { kind: job.kind } });
    const { orgId: _o, payload: _p, idempotencyKey: _k, ...view } = job;
    return view;
  },
});
