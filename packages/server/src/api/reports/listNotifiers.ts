import { z } from 'zod';
import { listNotifiers as list } from '../../cases/misuse.ts';
import { defineOperation } from '../../http/operation.ts';
import { notifierSchema } from './notifierSchema.ts';

export const listNotifiers = defineOperation({
  id: 'notifiers.list',
  method: 'GET',
  path: '/api/v1/notifiers',
  summary: 'Notifiers with manifestly unfounded notices (DSA Art. 23), most first, with counts and ratios.',
  tags: ['reports'],
  access: { permission: 'cases:manage' },
  mutates: false,
  query: z.strictObject({ minUnfounded: z.coerce.number().int().min(0).default(1) }),
  response: z.object({ notifiers: z.array(notifierSchema) }),
  handle: async ({ actor, query, db }) => ({ notifiers: await list(db, actor.orgId, query.minUnfounded) }),
});
