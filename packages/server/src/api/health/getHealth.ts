import { z } from 'zod';
import { defineOperation } from '../../http/operation.ts';

export const getHealth = defineOperation({
  id: 'health.get',
  method: 'GET',
  path: '/api/health',
  summary: 'Liveness: the process is up and serving requests.',
  tags: ['health'],
  access: { public: true, rateLimit: 'probe' },
  mutates: false,
  response: z.object({ status: z.literal('ok'), uptimeSeconds: z.number() }),
  handle: async () => ({ status: 'ok' as const, uptimeSeconds: Math.round(process.uptime()) }),
});
