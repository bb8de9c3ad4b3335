import { z } from 'zod';
import { captureSettings, captureUrl } from '../../evidence/index.ts';
import { defineOperation } from '../../http/operation.ts';
import { idParam } from '../schemas.ts';
import { asApiError, evidenceItemSchema, vaultOf } from './schemas.ts';

export const captureEvidence = defineOperation({
  id: 'evidence.capture',
  method: 'POST',
  path: '/api/v1/evidence/captures',
  summary:
    'Capture a URL as evidence: the body as served, response headers, sub-resources and (with Chromium) a ' +
    'screenshot, through the SSRF-safe fetcher; schedules liveness re-checks. Private, loopback, link-local ' +
    'and metadata addresses are refused (422 outbound_blocked_address).',
  tags: ['evidence'],
  access: { permission: 'evidence:manage' },
  // The fetch takes up to VIGIE_FETCH_TIMEOUT_MS: it runs before any transaction (no lock held while
  // waiting on a remote server); the items, custody, audit and jobs are then written in one transaction.
  mutates: false,
  successStatus: 201,
  body: z.strictObject({
    url: z.string().min(1).max(4096),
    caseId: idParam.optional(),
  }),
  response: z.object({ items: z.array(evidenceItemSchema) }),
  handle: async ({ actor, body, deps, requestId }) => {
    try {
      const items = await captureUrl(
        deps.db,
        vaultOf(deps),
        actor,
        body,
        await captureSettings(deps.config),
        requestId,
      );
      return { items };
    } catch (error) {
      throw asApiError(error, 'body.url');
    }
  },
});
