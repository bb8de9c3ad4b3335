/** Public views shared by the evidence operations. */
import { z } from 'zod';
import { AppError, type ErrorCode } from '../../errors.ts';
import type { ServerDeps } from '../../http/operation.ts';
import { OutboundError } from '../../outbound/index.ts';
import type { Vault } from '../../evidence/index.ts';
import { epochMs, idParam } from '../schemas.ts';

export const itemIdParams = z.strictObject({ itemId: idParam });

export const evidenceItemSchema = z
  .object({
    id: z.string(),
    caseId: z.string().nullable(),
    captureId: z.string(),
    kind: z.enum(['url-capture', 'upload']),
    role: z.enum(['page', 'headers', 'screenshot', 'resource', 'file']),
    sourceUrl: z.string().nullable(),
    fileName: z.string(),
    capturedAt: epochMs,
    capturedBy: z.string().describe('`<actor type>:<actor id>` of who collected it'),
    capturedFrom: z.string().describe('host name of the Vigie server that collected it'),
    tool: z.string(),
    toolVersion: z.string(),
    captureEnv: z.record(z.string(), z.unknown()),
    sha256: z.string(),
    pdq: z.string().nullable(),
    size: z.number().int(),
    mediaType: z.string(),
    legalHoldAt: epochMs.nullable(),
    retentionUntil: epochMs.nullable(),
    purgedAt: epochMs.nullable(),
    custodyEntries: z.number().int(),
    custodyHeadHash: z.string(),
  })
  .meta({ id: 'EvidenceItem' });

export const vaultOf = (deps: ServerDeps): Vault => ({ keyring: deps.keyring, dataDir: deps.config.dataDir });

const OUTBOUND_TO_API: Record<OutboundError['code'], ErrorCode> = {
  outbound_bad_url: 'outbound_bad_url',
  outbound_blocked_address: 'outbound_blocked_address',
  outbound_too_large: 'outbound_too_large',
  outbound_timeout: 'outbound_timeout',
  outbound_dns_failed: 'outbound_failed',
  outbound_connection_failed: 'outbound_failed',
  outbound_too_many_redirects: 'outbound_failed',
};

/** Outbound failures become catalogue errors on the given field; anything else passes through. */
export function asApiError(error: unknown, field: string): unknown {
  if (!(error instanceof OutboundError)) return error;
  return new AppError(OUTBOUND_TO_API[error.code], { message: error.message, field });
}
