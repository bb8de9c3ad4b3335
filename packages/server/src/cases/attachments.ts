/**
 * Report attachments: hashed (SHA-256, MD5) at intake, sealed with the organisation key and stored
 * content-addressed under `<data dir>/blobs/<org>/<sha256>`. The perceptual hash (PDQ) of images is
 * computed later by a job, so a file that cannot be decoded never costs the report.
 */
import { createHash, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Keyring } from '../crypto/keyring.ts';
import { notFound } from '../errors.ts';
import type { Db } from '../storage/transaction.ts';
import type { ReportAttachmentTable } from './tables.ts';

export interface AttachmentInput {
  filename: string;
  mediaType: string;
  /** Base64 content. */
  data: string;
}

const blobContext = (orgId: string, sha256: string) => `blob:${orgId}:${sha256}`;

export function blobPath(dataDir: string, orgId: string, sha256: string): string {
  return path.join(dataDir, 'blobs', orgId, sha256);
}

/** Seals and writes one attachment; returns its row (not yet inserted). */
export async function storeAttachment(
  db: Db,
  keyring: Keyring,
  dataDir: string,
  orgId: string,
  reportId: string,
  input: AttachmentInput,
): Promise<ReportAttachmentTable> {
  const bytes = Buffer.from(input.data, 'base64');
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const md5 = createHash('md5').update(bytes).digest('hex');
  const file = blobPath(dataDir, orgId, sha256);
  if (!existsSync(file)) {
    const sealed = await keyring.seal(db, orgId, bytes, blobContext(orgId, sha256));
    await mkdir(path.dirname(file), { recursive: true });
    // Write then rename, so a crash never leaves a truncated blob under the final name.
    const partial = `${file}.${randomUUID()}.part`;
    await writeFile(partial, sealed);
    await rename(partial, file);
  }
  return {
    id: randomUUID(),
    org_id: orgId,
    report_id: reportId,
    filename: input.filename,
    media_type: input.mediaType,
    size: bytes.length,
    sha256,
    md5,
    pdq: null,
    hash_error: null,
    blob_path: path.relative(dataDir, file),
    created_at: Date.now(),
  };
}

export async function readAttachment(
  db: Db,
  keyring: Keyring,
  dataDir: string,
  row: Pick<ReportAttachmentTable, 'org_id' | 'sha256' | 'blob_path'>,
): Promise<Buffer> {
  const sealed = await readFile(path.join(dataDir, row.blob_path));
  return keyring.open(db, row.org_id, sealed, blobContext(row.org_id, row.sha256));
}

/**
 * One attachment of a report of the case, in the organisation; `not_found` (on `params.attachmentId`)
 * when the case, the attachment or the link between them is not the organisation's.
 */
export async function findCaseAttachment(
  db: Db,
  orgId: string,
  caseId: string,
  attachmentId: string,
): Promise<ReportAttachmentTable> {
  const row = await db
    .selectFrom('report_attachments')
    .innerJoin('reports', 'reports.id', 'report_attachments.report_id')
    .selectAll('report_attachments')
    .where('report_attachments.id', '=', attachmentId)
    .where('report_attachments.org_id', '=', orgId)
    .where('reports.org_id', '=', orgId)
    .where('reports.case_id', '=', caseId)
    .executeTakeFirst();
  if (!row) throw notFound('Attachment', 'params.attachmentId');
  return row;
}
