import { sql } from 'kysely';
import { z } from 'zod';
import { AppError } from '../../errors.ts';
import { defineOperation } from '../../http/operation.ts';

const READY_TIMEOUT_MS = 2000;

export const getReady = defineOperation({
  id: 'health.ready',
  method: 'GET',
  path: '/api/ready',
  summary: 'Readiness: the database answers. 503 `database_unavailable` when it does not.',
  tags: ['health'],
  access: { public: true, rateLimit: 'probe' },
  mutates: false,
  response: z.object({ status: z.literal('ready'), database: z.enum(['sqlite', 'postgres']) }),
  handle: async ({ deps }) => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('timeout')), READY_TIMEOUT_MS);
    });
    try {
      await Promise.race([sql`select 1`.execute(deps.db), timeout]);
    } catch {
      throw new AppError('database_unavailable');
    } finally {
      clearTimeout(timer);
    }
    return {
      status: 'ready' as const,
      database: deps.config.databaseUrl ? ('postgres' as const) : ('sqlite' as const),
    };
  },
});
