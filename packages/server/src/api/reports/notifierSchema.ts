import { z } from 'zod';
import { epochMs } from '../schemas.ts';

export const notifierSchema = z
  .object({
    key: z.string(),
    label: z.string(),
    noticeCount: z.number().int(),
    unfoundedCount: z.number().int(),
    unfoundedRatio: z.number(),
    warnedAt: epochMs.nullable(),
    suspendedUntil: epochMs.nullable(),
  })
  .meta({ id: 'Notifier' });

export const notifierParams = z.strictObject({ notifierKey: z.string().min(1).max(200) });
