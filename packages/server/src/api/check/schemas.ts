/** Inputs and the answer of the check operations. */
import { z } from 'zod';
import { matchSchema } from '../banks/schemas.ts';

const hex = (digits: number, what: string) =>
  z.string().regex(new RegExp(`^[0-9a-fA-F]{${digits}}$`), `${what}: ${digits} hexadecimal digits`);

export const pdqHex = hex(64, 'a PDQ hash');
export const md5Hex = hex(32, 'an MD5 digest');
export const sha256Hex = hex(64, 'a SHA-256 digest');
export const simhashHex = hex(16, 'a 64-bit SimHash');
const urlText = z.string().min(1).max(8000);
const text = z.string().min(1).max(100_000);

export const checkBody = z.strictObject({
  hashes: z
    .strictObject({
      pdq: z
        .array(
          z.union([
            pdqHex,
            z.strictObject({ hash: pdqHex, quality: z.number().int().min(0).max(100).optional() }),
          ]),
        )
        .max(100)
        .optional(),
      md5: z.array(md5Hex).max(100).optional(),
      sha256: z.array(sha256Hex).max(100).optional(),
      simhash: z.array(simhashHex).max(100).optional(),
      /** vPDQ in the upstream text format, one string per video. */
      vpdq: z.array(z.string().min(1).max(2_000_000)).max(10).optional(),
    })
    .optional(),
  urls: z.array(urlText).max(100).optional(),
  texts: z.array(text).max(20).optional(),
  /** Open a case (notice and action) when anything matches. */
  record: z.boolean().optional(),
  /** What was checked, for the case and webhook payloads. */
  content: z.strictObject({ url: urlText.optional(), mediaType: z.string().max(100).optional() }).optional(),
});
export type CheckBody = z.infer<typeof checkBody>;

export const checkedHashesSchema = z.object({
  pdq: z.array(
    z.object({
      hash: z.string(),
      quality: z.number().int().nullable(),
      skipped: z.enum(['low_quality']).nullable(),
    }),
  ),
  md5: z.array(z.string()),
  sha256: z.array(z.string()),
  simhash: z.array(z.string()),
  vpdq: z.array(z.object({ frames: z.number().int(), value: z.string() })),
  urls: z.array(z.string()),
  texts: z.array(z.object({ sha256: z.string(), simhash: z.string() })),
});

export const checkResponse = z
  .object({
    hashes: checkedHashesSchema,
    matches: z.array(matchSchema),
    /** The job that opens the case, when `record` was set and something matched. */
    recorded: z.object({ jobId: z.string() }).nullable(),
  })
  .meta({ id: 'CheckResult' });

export const batchItem = z.discriminatedUnion('signalType', [
  z.strictObject({ signalType: z.literal('pdq'), value: pdqHex }),
  z.strictObject({ signalType: z.literal('md5'), value: md5Hex }),
  z.strictObject({ signalType: z.literal('sha256'), value: sha256Hex }),
  z.strictObject({ signalType: z.literal('simhash'), value: simhashHex }),
  z.strictObject({ signalType: z.literal('url'), value: urlText }),
  z.strictObject({ signalType: z.literal('text'), value: text }),
]);
