/** Public views and shared inputs of the bank, entry, webhook and check operations. */
import { z } from 'zod';
import { ENTRY_STATUSES } from '../../banks/entries.ts';
import { RECOMMENDED_ACTIONS, SIGNAL_TYPES, thresholdsSchema } from '../../banks/signals.ts';
import { epochMs, idParam, webhookDeliveryFields } from '../schemas.ts';

export const signalTypeSchema = z.enum(SIGNAL_TYPES);
export const actionSchema = z.enum(RECOMMENDED_ACTIONS);
export const entryStatusSchema = z.enum(ENTRY_STATUSES);
export { thresholdsSchema };

export const bankName = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/, 'letters, digits, _ . - (at most 100), e.g. TERROR_PDQ');

export const bankSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string(),
    action: actionSchema,
    thresholds: z.object({
      pdq: z.number().int(),
      simhash: z.number().int(),
      vpdq: z.object({
        distance: z.number().int(),
        queryMatchPercent: z.number(),
        targetMatchPercent: z.number(),
      }),
    }),
    createdAt: epochMs,
    updatedAt: epochMs,
    disabledAt: epochMs.nullable(),
  })
  .meta({ id: 'Bank' });

export const provenanceSchema = z.object({
  source: z.string(),
  sourceId: z.string().nullable(),
  addedBy: z.string(),
  addedAt: epochMs,
  evidenceRef: z.string().nullable(),
});

export const entrySchema = z
  .object({
    id: z.string(),
    bankId: z.string(),
    signalType: signalTypeSchema,
    value: z.string(),
    labels: z.array(z.string()),
    provenance: provenanceSchema,
    confidence: z.number().nullable(),
    jurisdictions: z.array(z.string()),
    status: entryStatusSchema,
    statusReason: z.string().nullable(),
    statusChangedAt: epochMs.nullable(),
    statusChangedBy: z.string().nullable(),
  })
  .meta({ id: 'BankEntry' });

/** ISO 3166-1 alpha-2 code, or EU. */
export const jurisdiction = z.string().regex(/^[A-Za-z]{2}$/, 'a two-letter country code or EU');

export const newEntryFields = {
  labels: z.array(z.string().max(200)).max(50).optional(),
  source: z.string().min(1).max(200).optional(),
  sourceId: z.string().min(1).max(500).optional(),
  evidenceRef: z.string().min(1).max(2000).optional(),
  confidence: z.number().min(0).max(1).optional(),
  jurisdictions: z.array(jurisdiction).max(300).optional(),
};

export const reasonBody = z.strictObject({ reason: z.string().min(1).max(2000) });

export const webhookUrl = z.url({ protocol: /^https?$/ }).max(2000);

export const webhookSchema = z
  .object({
    id: z.string(),
    bankId: z.string(),
    url: z.string(),
    description: z.string(),
    createdBy: z.string(),
    createdAt: epochMs,
    disabledAt: epochMs.nullable(),
  })
  .meta({ id: 'BankWebhook' });

export const deliverySchema = z
  .object({ ...webhookDeliveryFields, bankId: z.string() })
  .meta({ id: 'WebhookDelivery' });

/** A page of a delivery log (bank and decision-event webhooks alike): newest first, keyset cursor. */
export const deliveryPageQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  before: z.coerce.number().int().optional().describe('createdAt of the last delivery of the previous page'),
  beforeId: z.string().max(100).optional().describe('id of the last delivery of the previous page'),
});

/** Where the next (older) page starts: pass both as `before` and `beforeId`; null on the last page. */
export const deliveryCursorSchema = z
  .object({ before: epochMs, beforeId: z.string() })
  .meta({ id: 'WebhookDeliveryCursor' })
  .nullable();

export const deliveryIdParams = z.strictObject({ webhookId: idParam, deliveryId: idParam });

export const importReportSchema = z
  .object({
    dryRun: z.boolean(),
    accepted: z.number().int(),
    rejected: z.array(
      z.object({ line: z.number().int(), field: z.string(), code: z.string(), reason: z.string() }),
    ),
    duplicates: z.array(
      z.object({
        line: z.number().int(),
        firstLine: z.number().int(),
        signalType: z.string(),
        value: z.string(),
      }),
    ),
    alreadyInBank: z.array(z.object({ line: z.number().int(), entryId: z.string() })),
    inserted: z.number().int(),
    statusChanged: z.array(
      z.object({ line: z.number().int(), entryId: z.string(), status: entryStatusSchema }),
    ),
  })
  .meta({ id: 'BankImportReport' });

export const matchSchema = z
  .object({
    signalType: signalTypeSchema,
    query: z.string(),
    bankId: z.string(),
    bankName: z.string(),
    entryId: z.string(),
    value: z.string(),
    distance: z.number().int().nullable(),
    vpdq: z.object({ queryMatchPercent: z.number(), targetMatchPercent: z.number() }).optional(),
    labels: z.array(z.string()),
    provenance: provenanceSchema,
    confidence: z.number().nullable(),
    jurisdictions: z.array(z.string()),
    action: actionSchema,
  })
  .meta({ id: 'BankMatch' });
