import { z } from 'zod';
import { openEvidenceContent } from '../../evidence/index.ts';
import { defineOperation } from '../../http/operation.ts';
import { itemIdParams, vaultOf } from './schemas.ts';

export const downloadEvidence = defineOperation({
  id: 'evidence.download',
  method: 'GET',
  path: '/api/v1/evidence/:itemId/content',
  summary:
    'The item content exactly as collected (re-hashed before it is sent), as an attachment. Every download is ' +
    'logged in the chain of custody as a view.',
  tags: ['evidence'],
  access: { permission: 'evidence:read' },
  // Reading changes no state but the custody chain, which is appended in its own transaction.
  mutates: false,
  params: itemIdParams,
  response: z.unknown().describe('the raw bytes (application/octet-stream)'),
  handle: async ({ actor, deps, params, reply, requestId }) => {
    const { item, bytes } = await openEvidenceContent(
      deps.db,
      vaultOf(deps),
      actor,
      params.itemId,
      requestId,
    );
    // Served as opaque bytes so captured HTML can never run in the console's origin.
    reply
      .header('content-type', 'application/octet-stream')
      .header(
        'content-disposition',
        `attachment; filename="${item.fileName.replace(/[^A-Za-z0-9._-]/g, '_')}"`,
      )
      .header('x-evidence-sha256', item.sha256)
      .header('x-evidence-media-type', item.mediaType);
    return bytes;
  },
});
