/** Schemas shared by several operations. Each is the public view of a domain object. */
import { z } from 'zod';
import { permissions, roles } from '../identity/permissions.ts';

export const idParam = z.string().min(1).max(100);
export const epochMs = z.number().int().describe('Milliseconds since 1970-01-01T00:00:00Z');

export const roleSchema = z.enum(roles);
export const permissionSchema = z.enum(permissions);
/** BCP 47 language tags the user reads, e.g. `fr`, `ar`, `hi-Latn`. */
export const languageTag = z
  .string()
  .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'a BCP 47 language tag such as fr or hi-Latn');

export const userSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    displayName: z.string(),
    role: roleSchema,
    languages: z.array(z.string()),
    mustChangePassword: z.boolean(),
    createdAt: epochMs,
    disabledAt: epochMs.nullable(),
  })
  .meta({ id: 'User' });

export const apiKeySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    prefix: z.string(),
    permissions: z.array(permissionSchema),
    createdBy: z.string(),
    createdAt: epochMs,
    revokedAt: epochMs.nullable(),
    lastUsedAt: epochMs.nullable(),
  })
  .meta({ id: 'ApiKey' });

export const organisationSchema = z
  .object({
    id: z.string(),
    slug: z.string(),
    name: z.string(),
    settings: z.record(z.string(), z.unknown()),
    createdAt: epochMs,
  })
  .meta({ id: 'Organisation' });

export const auditEntrySchema = z
  .object({
    seq: z.number().int(),
    at: epochMs,
    actorType: z.string(),
    actorId: z.string(),
    action: z.string(),
    targetType: z.string(),
    targetId: z.string(),
    requestId: z.string().nullable(),
    details: z.record(z.string(), z.unknown()),
    prevHash: z.string(),
    hash: z.string(),
  })
  .meta({ id: 'AuditEntry' });

export const jobSchema = z
  .object({
    id: z.string(),
    kind: z.string(),
    status: z.enum(['pending', 'running', 'done', 'dead']),
    attempts: z.number().int(),
    maxAttempts: z.number().int(),
    runAt: epochMs,
    lastError: z.string().nullable(),
    createdAt: epochMs,
    finishedAt: epochMs.nullable(),
  })
  .meta({ id: 'Job' });

/** Strips the organisation id and other internals from a domain object before it leaves the API. */
export function publicView<T extends { orgId?: unknown }>(value: T): Omit<T, 'orgId'> {
  const { orgId: _orgId, ...rest } = value;
  return rest;
}

/** What every webhook delivery log shows, whichever kind of subscription it belongs to. */
export const webhookDeliveryFields = {
  id: z.string(),
  webhookId: z.string(),
  jobId: z.string().nullable(),
  status: z.enum(['pending', 'delivered', 'failed']),
  attempts: z.number().int(),
  lastStatusCode: z.number().int().nullable(),
  lastError: z.string().nullable(),
  createdAt: epochMs,
  updatedAt: epochMs,
  deliveredAt: epochMs.nullable(),
  payload: z.unknown(),
};
