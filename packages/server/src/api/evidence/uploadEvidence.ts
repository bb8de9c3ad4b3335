import { z } from 'zod';
import { AppError } from '../../errors.ts';
import { recordEvidence } from '../../evidence/index.ts';
import { VIGIE_VERSION } from '../../evidence/capture.ts';
import { defineOperation } from '../../http/operation.ts';
import { evidenceItemSchema, vaultOf } from './schemas.ts';

export const uploadEvidence = defineOperation({
  id: 'evidence.upload',
  method: 'POST',
  path: '/api/v1/evidence/uploads',
  summary:
    'Upload a file as evidence (multipart/form-data: one file part `file`, optional field `caseId`). ' +
    'Stored content-addressed and encrypted; SHA-256 (and PDQ for images) computed by the server.',
  tags: ['evidence'],
  access: { permission: 'evidence:manage' },
  // The upload streams in before any transaction opens; items, custody and audit commit together after.
  mutates: false,
  successStatus: 201,
  response: z.object({ item: evidenceItemSchema }),
  handle: async ({ actor, deps, request, reply, requestId }) => {
    if (!request.isMultipart()) {
      throw new AppError('unsupported_media_type', {
        message: 'Send multipart/form-data with a part named file.',
      });
    }
    const limit = deps.config.evidence.maxUploadBytes;
    let caseId: string | undefined;
    let file: { name: string; mediaType: string; bytes: Buffer } | undefined;
    for await (const part of request.parts({ limits: { files: 1, fields: 2, fileSize: limit, parts: 3 } })) {
      if (part.type === 'field') {
        if (part.fieldname !== 'caseId' || typeof part.value !== 'string' || part.value.length > 100)
          throw new AppError('validation_failed', {
            message: 'Unknown or invalid form field.',
            field: `body.${part.fieldname}`,
          });
        caseId = part.value;
        continue;
      }
      if (part.fieldname !== 'file') {
        part.file.resume();
        throw new AppError('validation_failed', {
          message: 'Send the file in a part named file.',
          field: `body.${part.fieldname}`,
        });
      }
      const bytes = await part.toBuffer().catch(() => undefined);
      if (!bytes || part.file.truncated) {
        reply.header('connection', 'close');
        throw new AppError('body_too_large', {
          message: `The file is larger than ${limit} bytes.`,
          field: 'body.file',
        });
      }
      file = {
        name: part.filename || 'upload',
        mediaType: part.mimetype || 'application/octet-stream',
        bytes,
      };
    }
    if (!file)
      throw new AppError('validation_failed', { message: 'No file part named file.', field: 'body.file' });
    const [item] = await recordEvidence(
      deps.db,
      vaultOf(deps),
      actor,
      {
        kind: 'upload',
        caseId,
        artefacts: [
          {
            role: 'file',
            fileName: file.name,
            bytes: file.bytes,
            mediaType: file.mediaType,
            sourceUrl: null,
            tool: 'vigie-upload',
            toolVersion: VIGIE_VERSION,
            captureEnv: { uploadedVia: 'api', declaredMediaType: file.mediaType, clientAddress: request.ip },
          },
        ],
      },
      requestId,
    );
    return { item: item! };
  },
});
