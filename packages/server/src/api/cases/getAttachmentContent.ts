import { z } from 'zod';
import { appendAudit } from '../../audit/audit-log.ts';
import { findCaseAttachment, readAttachment } from '../../cases/attachments.ts';
import { AppError } from '../../errors.ts';
import { defineOperation } from '../../http/operation.ts';
import { can } from '../../identity/actor.ts';
import {
  mediaVariants,
  organisationSealer,
  originalMedia,
  protectedMedia,
  type StoredMedia,
} from '../../media/media-variants.ts';
import { idParam } from '../schemas.ts';
import { caseIdParams } from './schemas.ts';

export const getAttachmentContent = defineOperation({
  id: 'cases.getAttachmentContent',
  method: 'GET',
  path: '/api/v1/cases/:caseId/attachments/:attachmentId/content',
  summary:
    'A report attachment of the case. `variant=protected` (the default) is a blurred, greyscale, downscaled ' +
    'JPEG without metadata (a poster frame for videos; 415 for other files); `variant=original` is the file ' +
    'as received, needs `cases:review`, and is recorded in the audit log as a view.',
  tags: ['cases'],
  access: { permission: 'cases:read' },
  // A view of the original is audited in its own transaction; nothing else changes.
  mutates: false,
  params: caseIdParams.extend({ attachmentId: idParam }).strict(),
  query: z.strictObject({ variant: z.enum(mediaVariants).default('protected') }),
  response: z.unknown().describe('the image (protected: image/jpeg) or the original bytes'),
  handle: async ({ actor, deps, params, query, reply, requestId }) => {
    const attachment = await findCaseAttachment(deps.db, actor.orgId, params.caseId, params.attachmentId);
    const media: StoredMedia = {
      orgId: actor.orgId,
      sha256: attachment.sha256,
      fileName: attachment.filename,
      claimedType: attachment.media_type,
    };
    const read = () => readAttachment(deps.db, deps.keyring, deps.config.dataDir, attachment);
    if (query.variant === 'protected') {
      const sealer = organisationSealer(deps.keyring, deps.db, actor.orgId);
      const served = await protectedMedia(media, deps.config.dataDir, sealer, read);
      reply.headers(served.headers);
      return served.bytes;
    }
    if (!can(actor, 'cases:review'))
      throw new AppError('forbidden', {
        message: "Viewing an original needs the 'cases:review' permission.",
      });
    const served = originalMedia(media, await read());
    await appendAudit(
      deps.db,
      actor,
      {
        action: 'attachment.view_original',
        targetType: 'report_attachment',
        targetId: attachment.id,
        details: { caseId: params.caseId, sha256: attachment.sha256 },
      },
      requestId,
    );
    reply.headers(served.headers);
    return served.bytes;
  },
});
