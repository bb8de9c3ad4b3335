/** Public views of language packs and of an organisation's versions of them. */
import { PACK_SCHEMA } from '@vigie/classify';
import { z } from 'zod';
import { packChangesSchema } from '../../language-packs/changes.ts';
import { epochMs } from '../schemas.ts';

/** Not a pattern: an unknown language is `404 not_found`, the same as one the caller cannot see. */
export const langParam = z.string().min(1).max(40).describe('Language code of a shipped pack: en, hi-Latn');

const termList = z.array(z.string());

export const languagePackSchema = z
  .object({
    schema: z.literal(PACK_SCHEMA),
    lang: z.string(),
    name: z.string(),
    version: z.string().describe('Shipped version; `<shipped>+org.<n>` for version n of the organisation'),
    segmentation: z.enum(['words', 'chars']),
    provenance: z.string(),
    reviewer: z
      .object({ name: z.string(), organisation: z.string().optional(), date: z.string() })
      .nullable(),
    includes: z.array(z.string()).optional(),
    negationScope: z.enum(['before', 'both']).optional(),
    notes: z.record(z.string(), z.string()).optional(),
    identity: termList,
    slurs: z.array(
      z.object({
        term: z.string(),
        group: z.string(),
        reclaimed: z.boolean().optional(),
        note: z.string().optional(),
      }),
    ),
    dehumanising: termList,
    derogatory: termList,
    hate: termList,
    threats: termList,
    profanity: termList,
    positive: termList,
    negation: termList,
    counter: termList,
    quoteCues: termList,
  })
  .meta({ id: 'LanguagePack' });

export const packVersionSchema = z
  .object({
    lang: z.string(),
    version: z.number().int(),
    changes: packChangesSchema.nullable().describe('`null`: this version returned to the shipped pack'),
    shippedVersion: z.string(),
    note: z.string(),
    createdBy: z.object({ type: z.string(), id: z.string(), name: z.string().nullable() }),
    createdAt: epochMs,
  })
  .meta({ id: 'LanguagePackVersion' });

export const changeNote = z.string().trim().min(1).max(2000).describe('Why: kept in the version history');
export const baseVersion = z
  .number()
  .int()
  .min(0)
  .describe('The version the edit started from (0: the shipped pack); a newer one answers 409 conflict');

export const savedVersionSchema = z.object({ version: packVersionSchema, pack: languagePackSchema });
