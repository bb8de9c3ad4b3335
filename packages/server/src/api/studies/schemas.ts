import { z } from 'zod';
import { epochMs } from '../schemas.ts';

export const studySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    title: z.string(),
    description: z.string(),
    owned: z.boolean(),
    membership: z.string(),
    createdAt: epochMs,
  })
  .meta({ id: 'Study' });

export const studyName = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'lower-case letters, digits and dashes, e.g. failure-to-act-2026');
