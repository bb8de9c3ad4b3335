import { z } from 'zod';
import { defineOperation } from '../../http/operation.ts';
import { listNotifications as listOrganisationNotifications } from '../../notifications/outbox.ts';

export const listNotifications = defineOperation({
  id: 'notifications.list',
  method: 'GET',
  path: '/api/v1/notifications',
  summary:
    'Notices sent or to be sent to affected users and reporters, newest first. Held notices (no address, ' +
    'or no SMTP server configured) are read here and delivered by hand. Addresses are never shown.',
  tags: ['notifications'],
  access: { permission: 'cases:read' },
  mutates: false,
  query: z.strictObject({
    caseId: z.string().max(100).optional(),
    status: z.enum(['queued', 'sent', 'held']).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  }),
  response: z.object({
    notifications: z.array(
      z.object({
        id: z.string(),
        caseId: z.string().nullable(),
        decisionId: z.string().nullable(),
        kind: z.string(),
        recipientKind: z.string(),
        hasRecipient: z.boolean(),
        locale: z.string(),
        channel: z.string(),
        subject: z.string(),
        bodyText: z.string(),
        bodyHtml: z.string(),
        status: z.string(),
        lastError: z.string().nullable(),
        createdAt: z.number().int(),
        sentAt: z.number().int().nullable(),
      }),
    ),
  }),
  handle: async ({ actor, query, db }) => ({
    notifications: await listOrganisationNotifications(db, actor, query),
  }),
});
