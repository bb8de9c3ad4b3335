/** Public views of outbound notices. */
import { z } from 'zod';
import { CATEGORY } from '../../taxonomy/index.ts';
import { CHANNEL_KINDS } from '../../platforms/channels.ts';
import { countryCode } from '../platforms/schemas.ts';
import { epochMs, idParam, languageTag } from '../schemas.ts';

const clockSchema = z
  .object({
    dueAt: epochMs,
    metAt: epochMs.nullable(),
    state: z.enum(['running', 'overdue', 'met', 'met_late', 'stopped']),
    lateByMs: z.number().int(),
  })
  .nullable();

export const noticeSchema = z
  .object({
    id: z.string(),
    reference: z.string(),
    platformId: z.string(),
    platformSlug: z.string(),
    caseId: z.string().nullable(),
    studyId: z.string().nullable(),
    channel: z.string(),
    channelAddress: z.string(),
    legalBasis: z.string(),
    trustedFlagger: z.boolean(),
    category: z.string(),
    country: z.string().nullable(),
    language: z.string().nullable(),
    text: z.string(),
    items: z.array(z.object({ url: z.string() })),
    status: z.string(),
    externalId: z.string().nullable(),
    sentAt: epochMs.nullable(),
    acknowledgedAt: epochMs.nullable(),
    decision: z.string().nullable(),
    decidedAt: epochMs.nullable(),
    statementOfReasonsAt: epochMs.nullable(),
    escalatedAt: epochMs.nullable(),
    reversedAt: epochMs.nullable(),
    contentGoneAt: epochMs.nullable(),
    closedAt: epochMs.nullable(),
    createdBy: z.string(),
    createdAt: epochMs,
    clocks: z.object({ acknowledgement: clockSchema, decision: clockSchema }),
  })
  .meta({ id: 'Notice' });

export const noticeEventSchema = z
  .object({
    seq: z.number().int(),
    type: z.string(),
    actorType: z.string(),
    actorId: z.string(),
    at: epochMs,
    recordedAt: epochMs,
    data: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'NoticeEvent' });

export const noticeInputSchema = z.strictObject({
  platformId: idParam,
  channel: z.enum(CHANNEL_KINDS),
  /** E.g. `DSA Art. 16; C. pén. art. 421-2-5`. */
  legalBasis: z.string().min(1).max(2000),
  trustedFlagger: z.boolean().optional(),
  category: z.enum(CATEGORY).optional(),
  country: countryCode.optional(),
  language: languageTag.optional(),
  text: z.string().min(1).max(50_000),
  items: z
    .array(z.strictObject({ url: z.url({ protocol: /^https?$/ }).max(2000) }))
    .min(1)
    .max(500)
    .optional(),
  caseId: idParam.optional(),
  studyId: idParam.optional(),
  sentAt: epochMs.nonnegative().optional(),
});
