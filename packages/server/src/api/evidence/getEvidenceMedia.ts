import { z } from 'zod';
import { appendAudit } from '../../audit/audit-log.ts';
import { readBlob } from '../../evidence/blob-store.ts';
import { getEvidence, openEvidenceContent } from '../../evidence/index.ts';
import { AppError } from '../../errors.ts';
import { defineOperation } from '../../http/operation.ts';
import {
  mediaVariants,
  organisationSealer,
  originalMedia,
  protectedMedia,
} from '../../media/media-variants.ts';
import { itemIdParams, vaultOf } from './schemas.ts';

export const getEvidenceMedia = defineOperation({
  id: 'evidence.getMedia',
  method: 'GET',
  path: '/api/v1/evidence/:itemId/media',
  summary:
    'An evidence item for display in the console. `variant=protected` (the default) is a blurred, greyscale, ' +
    'downscaled JPEG without metadata (a poster frame for videos; 415 for other files); `variant=original` is ' +
    'the content as collected, logged in the chain of custody and the audit log as a view.',
  tags: ['evidence'],
  access: { permission: 'evidence:read' },
  // Views are appended to the custody chain and the audit log in their own transactions.
  mutates: false,
  params: itemIdParams,
  query: z.strictObject({ variant: z.enum(mediaVariants).default('protected') }),
  response: z.unknown().describe('the image (protected: image/jpeg) or the original bytes'),
  handle: async ({ actor, deps, params, query, reply, requestId }) => {
    const item = await getEvidence(deps.db, actor.orgId, params.itemId);
    if (item.purgedAt !== null) throw new AppError('evidence_purged');
    const media = {
      orgId: actor.orgId,
      sha256: item.sha256,
      fileName: item.fileName,
      claimedType: item.mediaType,
    };
    if (query.variant === 'protected') {
      const sealer = organisationSealer(deps.keyring, deps.db, actor.orgId);
      const read = () => readBlob(deps.db, vaultOf(deps), actor.orgId, item.sha256);
      const served = await protectedMedia(media, deps.config.dataDir, sealer, read);
      reply.headers(served.headers);
      return served.bytes;
    }
    const { bytes } = await openEvidenceContent(deps.db, vaultOf(deps), actor, item.id, requestId);
    await appendAudit(
      deps.db,
      actor,
      {
        action: 'evidence.view_original',
        targetType: 'evidence_item',
        targetId: item.id,
        details: { caseId: item.caseId, sha256: item.sha256 },
      },
      requestId,
    );
    const served = originalMedia(media, bytes);
    reply.headers(served.headers);
    return served.bytes;
  },
});
