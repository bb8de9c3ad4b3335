/** Public views of scorecards: aggregate figures and the methodology note, never notice content. */
import { z } from 'zod';
import { epochMs } from '../schemas.ts';

export const figuresSchema = z
  .object({
    sent: z.number().int(),
    acknowledged: z.number().int(),
    acknowledgedShare: z.number(),
    medianMsToAcknowledgement: z.number().nullable(),
    decided: z.number().int(),
    actioned: z.number().int(),
    actionedByLivenessOnly: z.number().int(),
    medianMsToAction: z.number().nullable(),
    removedWithin24h: z.number().int(),
    removedWithin24hShare: z.number(),
    removedWithin7d: z.number().int(),
    removedWithin7dShare: z.number(),
    noResponse: z.number().int(),
    noResponseShare: z.number(),
    escalated: z.number().int(),
    reversedAfterEscalation: z.number().int(),
    reversalShare: z.number().nullable(),
  })
  .meta({ id: 'ScorecardFigures' });

export const scorecardSchema = z
  .object({
    scope: z.object({ kind: z.enum(['organisation', 'study']), name: z.string() }),
    period: z.object({ from: epochMs.nullable(), to: epochMs.nullable(), asOf: epochMs }),
    rows: z.array(
      z.object({
        platform: z.string(),
        category: z.string(),
        country: z.string().nullable(),
        language: z.string().nullable(),
        figures: figuresSchema,
      }),
    ),
    channels: z.array(
      z.object({
        platform: z.string(),
        channel: z.string(),
        trustedFlagger: z.boolean(),
        figures: figuresSchema,
      }),
    ),
    platforms: z.array(z.object({ platform: z.string(), figures: figuresSchema })),
    overall: figuresSchema,
    excluded: z.object({ unsent: z.number().int() }),
    methodology: z.string(),
    /** The same figures as CSV, when asked for with format=csv. */
    csv: z.string().optional(),
  })
  .meta({ id: 'Scorecard' });

export const scorecardQuerySchema = z.strictObject({
  from: z.coerce.number().pipe(epochMs.nonnegative()).optional(),
  to: z.coerce.number().pipe(epochMs.nonnegative()).optional(),
  asOf: z.coerce.number().pipe(epochMs.nonnegative()).optional(),
  format: z.enum(['json', 'csv']).default('json'),
});
