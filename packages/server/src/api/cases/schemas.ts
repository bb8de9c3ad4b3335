/** Public views of the notice-and-action objects, shared by the case, queue and appeal operations. */
import { z } from 'zod';
import { epochMs, webhookDeliveryFields } from '../schemas.ts';
import { actions } from '../../cases/actions.ts';
import { caseEventTypes } from '../../cases/events.ts';
import { webhookEventTypes } from '../../cases/event-webhooks.ts';

export const caseSchema = z
  .object({
    id: z.string(),
    reference: z.string(),
    status: z.enum(['open', 'decided', 'appealed', 'closed']),
    category: z.string(),
    language: z.string().nullable(),
    country: z.string().nullable(),
    url: z.string().nullable(),
    sourceType: z.string(),
    trustedFlagger: z.boolean(),
    reportCount: z.number().int(),
    matchCount: z.number().int(),
    priority: z.number().int(),
    priorityReasons: z.array(z.object({ reason: z.string(), weight: z.number() })),
    queueId: z.string().nullable(),
    assignedTo: z.string().nullable(),
    claimExpiresAt: epochMs.nullable(),
    escalatedAt: epochMs.nullable(),
    dueAt: epochMs.nullable(),
    decisionId: z.string().nullable(),
    openedAt: epochMs,
    updatedAt: epochMs,
    closedAt: epochMs.nullable(),
    classifierScore: z.number().nullable(),
    incidentId: z.string().nullable(),
  })
  .meta({ id: 'Case' });

export const caseEventSchema = z
  .object({
    seq: z.number().int(),
    type: z.enum(caseEventTypes),
    actorType: z.string(),
    actorId: z.string(),
    visibility: z.enum(['internal', 'public']),
    data: z.record(z.string(), z.unknown()),
    at: epochMs,
  })
  .meta({ id: 'CaseEvent' });

export const reportSchema = z
  .object({
    id: z.string(),
    channel: z.string(),
    notifierType: z.string(),
    url: z.string(),
    explanation: z.string(),
    category: z.string(),
    keywords: z.array(z.string()),
    language: z.string().nullable(),
    country: z.string().nullable(),
    anonymous: z.boolean(),
    receivedAt: epochMs,
    attachments: z.array(
      z.object({
        id: z.string(),
        filename: z.string(),
        mediaType: z.string(),
        size: z.number().int(),
        sha256: z.string(),
        pdq: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: 'Report' });

export const decisionSchema = z
  .object({
    id: z.string(),
    caseId: z.string(),
    decidedBy: z.string(),
    decidedAt: epochMs,
    action: z.enum(actions),
    fields: z.record(z.string(), z.unknown()).nullable(),
    supersededBy: z.string().nullable(),
  })
  .meta({ id: 'Decision' });

export const appealSchema = z
  .object({
    id: z.string(),
    caseId: z.string(),
    decisionId: z.string(),
    role: z.enum(['affected_recipient', 'notifier']),
    grounds: z.string(),
    status: z.enum(['open', 'decided']),
    outcome: z.enum(['upheld', 'reversed']).nullable(),
    statement: z.string().nullable(),
    decidedBy: z.string().nullable(),
    submittedAt: epochMs,
    decidedAt: epochMs.nullable(),
  })
  .meta({ id: 'Appeal' });

export const queueSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    position: z.number().int(),
    rule: z.record(z.string(), z.unknown()),
    slaMs: z.number().int(),
    createdAt: epochMs,
  })
  .meta({ id: 'Queue' });

export const caseIdParams = z.strictObject({ caseId: z.string().min(1).max(100) });

export const eventTypesSchema = z.array(z.enum(webhookEventTypes)).min(1).max(webhookEventTypes.length);

export const eventWebhookSchema = z
  .object({
    id: z.string(),
    url: z.string(),
    description: z.string(),
    eventTypes: z.array(z.enum(webhookEventTypes)),
    createdBy: z.string(),
    createdAt: epochMs,
    disabledAt: epochMs.nullable(),
  })
  .meta({ id: 'EventWebhook' });

export const eventDeliverySchema = z
  .object({ ...webhookDeliveryFields, eventType: z.string() })
  .meta({ id: 'EventWebhookDelivery' });

export const incidentSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string(),
    queueId: z.string().nullable(),
    priorityWeight: z.number().int(),
    contentKeys: z.array(z.string()),
    declaredBy: z.string(),
    declaredAt: epochMs,
    endedAt: epochMs.nullable(),
  })
  .meta({ id: 'Incident' });
