/**
 * Evidence items: one row per stored artefact (a captured page, its response headers, a
 * screenshot, a sub-resource, an uploaded file), described with the Berkeley Protocol metadata —
 * who collected it, when, from which machine, with which tool and version, its SHA-256 (and PDQ for
 * images). Artefacts collected together share a `captureId`. Content lives in the blob store;
 * purging deletes the content but keeps the row and its custody chain.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { appendAudit } from '../audit/audit-log.ts';
import { AppError, notFound } from '../errors.ts';
import type { Actor } from '../identity/actor.ts';
import { enqueueJob } from '../jobs/outbox.ts';
import { inTransaction, isPostgres, type Db } from '../storage/transaction.ts';
import { deleteDerivatives } from '../media/derivative-cache.ts';
import { deleteBlob, EvidenceIntegrityError, readBlob, writeBlob, type Vault } from './blob-store.ts';
import { appendCustody, GENESIS_HASH } from './custody.ts';
import { imagePdq } from './fingerprint.ts';
import { LIVENESS_CHECK_JOB } from './liveness-job.ts';
import type { EvidenceItemTable } from './tables.ts';

export type EvidenceKind = 'url-capture' | 'upload';
export type ArtefactRole = 'page' | 'headers' | 'screenshot' | 'resource' | 'file';

export interface EvidenceItem {
  id: string;
  caseId: string | null;
  captureId: string;
  kind: EvidenceKind;
  role: ArtefactRole;
  sourceUrl: string | null;
  fileName: string;
  capturedAt: number;
  capturedBy: string;
  capturedFrom: string;
  tool: string;
  toolVersion: string;
  captureEnv: Record<string, unknown>;
  sha256: string;
  pdq: string | null;
  size: number;
  mediaType: string;
  legalHoldAt: number | null;
  retentionUntil: number | null;
  purgedAt: number | null;
  custodyEntries: number;
  custodyHeadHash: string;
}

export function toEvidenceItem(row: EvidenceItemTable): EvidenceItem {
  return {
    id: row.id,
    caseId: row.case_id,
    captureId: row.capture_id,
    kind: row.kind as EvidenceKind,
    role: row.role as ArtefactRole,
    sourceUrl: row.source_url,
    fileName: row.file_name,
    capturedAt: Number(row.captured_at),
    capturedBy: row.captured_by,
    capturedFrom: row.captured_from,
    tool: row.tool,
    toolVersion: row.tool_version,
    captureEnv: JSON.parse(row.capture_env) as Record<string, unknown>,
    sha256: row.sha256,
    pdq: row.pdq,
    size: Number(row.size),
    mediaType: row.media_type,
    legalHoldAt: row.legal_hold_at === null ? null : Number(row.legal_hold_at),
    retentionUntil: row.retention_until === null ? null : Number(row.retention_until),
    purgedAt: row.purged_at === null ? null : Number(row.purged_at),
    custodyEntries: Number(row.custody_seq),
    custodyHeadHash: row.custody_hash,
  };
}

export interface NewArtefact {
  role: ArtefactRole;
  fileName: string;
  bytes: Buffer;
  mediaType: string;
  sourceUrl: string | null;
  tool: string;
  toolVersion: string;
  captureEnv: Record<string, unknown>;
}

export interface NewEvidence {
  kind: EvidenceKind;
  caseId?: string | null | undefined;
  artefacts: NewArtefact[];
  /** For URL captures: when to re-check that the page is still online (ms after capture). */
  livenessDelaysMs?: readonly number[];
}

/** A file name safe as one path segment on any system (it becomes a file in evidence packs). */
export function safeFileName(name: string, fallback = 'file'): string {
  const cleaned = name
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}._ -]/gu, '_')
    .replace(/^[.\s]+/, '')
    .trim()
    .slice(0, 150);
  return cleaned || fallback;
}

/** Checks that the case exists in the actor's organisation (evidence links to cases by id). */
export async function assertCase(db: Db, orgId: string, caseId: string): Promise<void> {
  const found = await db
    .selectFrom('cases')
    .select('id')
    .where('id', '=', caseId)
    .where('org_id', '=', orgId)
    .executeTakeFirst();
  if (!found) throw notFound('Case', 'body.caseId');
}

/**
 * Stores the artefacts of one collection: blobs first (content-addressed, so a retry rewrites
 * nothing), then, in one transaction, the items, a `collected` custody entry each, the audit entry
 * and the liveness checks of a captured page.
 */
export async function recordEvidence(
  db: Db,
  vault: Vault,
  actor: Actor,
  input: NewEvidence,
  requestId: string | null,
): Promise<EvidenceItem[]> {
  const caseId = input.caseId ?? null;
  if (caseId !== null) await assertCase(db, actor.orgId, caseId);
  const capturedAt = Date.now();
  const captureId = randomUUID();
  const rows: EvidenceItemTable[] = [];
  for (const [index, artefact] of input.artefacts.entries()) {
    const { sha256, storageKey } = await writeBlob(db, vault, actor.orgId, artefact.bytes);
    rows.push({
      id: index === 0 ? captureId : randomUUID(),
      org_id: actor.orgId,
      case_id: caseId,
      capture_id: captureId,
      kind: input.kind,
      role: artefact.role,
      source_url: artefact.sourceUrl,
      file_name: safeFileName(artefact.fileName),
      captured_at: capturedAt,
      captured_by: `${actor.type}:${actor.id}`,
      captured_from: hostname(),
      tool: artefact.tool,
      tool_version: artefact.toolVersion,
      capture_env: JSON.stringify(artefact.captureEnv),
      sha256,
      pdq: await imagePdq(artefact.bytes, artefact.mediaType),
      size: artefact.bytes.length,
      media_type: artefact.mediaType,
      storage_key: storageKey,
      legal_hold_at: null,
      retention_until: null,
      purged_at: null,
      custody_seq: 0,
      custody_hash: GENESIS_HASH,
    });
  }
  return inTransaction(db, async (trx) => {
    const items: EvidenceItem[] = [];
    for (const row of rows) {
      await trx.insertInto('evidence_items').values(row).execute();
      const entry = await appendCustody(
        trx,
        actor,
        row.id,
        'collected',
        {
          sha256: row.sha256,
          size: row.size,
          role: row.role,
          tool: `${row.tool} ${row.tool_version}`,
          sourceUrl: row.source_url,
        },
        requestId,
      );
      items.push(toEvidenceItem({ ...row, custody_seq: entry.seq, custody_hash: entry.hash }));
    }
    await appendAudit(
      trx,
      actor,
      {
        action: input.kind === 'upload' ? 'evidence.uploaded' : 'evidence.captured',
        targetType: 'evidence_capture',
        targetId: captureId,
        details: { caseId, items: rows.map((r) => ({ id: r.id, role: r.role, sha256: r.sha256 })) },
      },
      requestId,
    );
    const page = rows.find((r) => r.role === 'page');
    for (const delayMs of page ? (input.livenessDelaysMs ?? []) : []) {
      await enqueueJob(trx, {
        kind: LIVENESS_CHECK_JOB,
        orgId: actor.orgId,
        payload: { itemId: page!.id, delayMs },
        runAt: capturedAt + delayMs,
        idempotencyKey: `${LIVENESS_CHECK_JOB}:${page!.id}:${delayMs}`,
        maxAttempts: 3,
      });
    }
    return items;
  });
}

async function itemRow(db: Db, orgId: string, itemId: string, forUpdate = false): Promise<EvidenceItemTable> {
  const row = await db
    .selectFrom('evidence_items')
    .selectAll()
    .where('id', '=', itemId)
    .where('org_id', '=', orgId)
    .$if(forUpdate && isPostgres(db), (q) => q.forUpdate())
    .executeTakeFirst();
  if (!row) throw notFound('Evidence item', 'params.itemId');
  return row;
}

export async function getEvidence(db: Db, orgId: string, itemId: string): Promise<EvidenceItem> {
  return toEvidenceItem(await itemRow(db, orgId, itemId));
}

export interface EvidenceFilter {
  caseId?: string | undefined;
  captureId?: string | undefined;
  limit?: number | undefined;
}

/** Newest first. */
export async function listEvidence(
  db: Db,
  orgId: string,
  filter: EvidenceFilter = {},
): Promise<EvidenceItem[]> {
  const rows = await db
    .selectFrom('evidence_items')
    .selectAll()
    .where('org_id', '=', orgId)
    .$if(filter.caseId !== undefined, (q) => q.where('case_id', '=', filter.caseId as string))
    .$if(filter.captureId !== undefined, (q) => q.where('capture_id', '=', filter.captureId as string))
    .orderBy('captured_at', 'desc')
    .orderBy('id')
    .$if(filter.limit !== undefined, (q) => q.limit(filter.limit as number))
    .execute();
  return rows.map(toEvidenceItem);
}

export interface HoldChange {
  legalHold?: boolean | undefined;
  /** Epoch ms after which the content may be purged; null keeps it until purged by hand. */
  retentionUntil?: number | null | undefined;
}

/** Sets or releases the legal hold and the retention date, each change logged in custody and audit. */
export async function setHold(
  db: Db,
  actor: Actor,
  itemId: string,
  change: HoldChange,
  requestId: string | null,
): Promise<EvidenceItem> {
  return inTransaction(db, async (trx) => {
    const row = await itemRow(trx, actor.orgId, itemId, true);
    if (row.purged_at !== null) throw new AppError('evidence_purged');
    const now = Date.now();
    if (change.legalHold !== undefined && change.legalHold !== (row.legal_hold_at !== null)) {
      await trx
        .updateTable('evidence_items')
        .set({ legal_hold_at: change.legalHold ? now : null })
        .where('id', '=', itemId)
        .where('org_id', '=', actor.orgId)
        .execute();
      await appendCustody(
        trx,
        actor,
        itemId,
        change.legalHold ? 'legal_hold_set' : 'legal_hold_released',
        {},
        requestId,
      );
    }
    if (change.retentionUntil !== undefined && change.retentionUntil !== row.retention_until) {
      await trx
        .updateTable('evidence_items')
        .set({ retention_until: change.retentionUntil })
        .where('id', '=', itemId)
        .where('org_id', '=', actor.orgId)
        .execute();
      await appendCustody(
        trx,
        actor,
        itemId,
        'retention_set',
        { retentionUntil: change.retentionUntil },
        requestId,
      );
    }
    await appendAudit(
      trx,
      actor,
      {
        action: 'evidence.hold_changed',
        targetType: 'evidence_item',
        targetId: itemId,
        details: { ...change },
      },
      requestId,
    );
    return toEvidenceItem(await itemRow(trx, actor.orgId, itemId));
  });
}

/**
 * Deletes an item's content, keeping its metadata and custody chain (with a `purged` entry).
 * Refused under legal hold. The blob file goes once no other live item of the organisation has the
 * same content.
 */
export async function purgeEvidence(
  db: Db,
  vault: Vault,
  actor: Actor,
  itemId: string,
  reason: string,
  requestId: string | null,
  /** Retention purges only: purge only if the retention date (as read under lock) is still past this. */
  expiredBy?: number,
): Promise<EvidenceItem> {
  const { item, blobStillUsed } = await inTransaction(db, async (trx) => {
    const row = await itemRow(trx, actor.orgId, itemId, true);
    if (row.purged_at !== null) throw new AppError('evidence_purged');
    if (expiredBy !== undefined && (row.retention_until === null || Number(row.retention_until) > expiredBy))
      throw new AppError('conflict', { message: 'The retention date was moved since the item fell due.' });
    if (row.legal_hold_at !== null)
      throw new AppError('evidence_on_legal_hold', { message: 'Release the legal hold before purging.' });
    await trx
      .updateTable('evidence_items')
      .set({ purged_at: Date.now() })
      .where('id', '=', itemId)
      .where('org_id', '=', actor.orgId)
      .execute();
    await appendCustody(trx, actor, itemId, 'purged', { reason, sha256: row.sha256 }, requestId);
    await appendAudit(
      trx,
      actor,
      { action: 'evidence.purged', targetType: 'evidence_item', targetId: itemId, details: { reason } },
      requestId,
    );
    const sharing = await trx
      .selectFrom('evidence_items')
      .select('id')
      .where('org_id', '=', actor.orgId)
      .where('sha256', '=', row.sha256)
      .where('purged_at', 'is', null)
      .executeTakeFirst();
    return {
      item: toEvidenceItem(await itemRow(trx, actor.orgId, itemId)),
      blobStillUsed: sharing !== undefined,
    };
  });
  // After commit: a rolled-back purge must not have lost the content.
  if (!blobStillUsed) await deleteBlob(vault, actor.orgId, item.sha256);
  await deleteDerivatives(vault.dataDir, actor.orgId, item.sha256);
  return item;
}

/** Purges every item whose retention date has passed and that is not under legal hold. */
export async function purgeExpiredEvidence(
  db: Db,
  vault: Vault,
  actor: Actor,
  now = Date.now(),
): Promise<number> {
  const due = await db
    .selectFrom('evidence_items')
    .select('id')
    .where('org_id', '=', actor.orgId)
    .where('retention_until', '<=', now)
    .where('legal_hold_at', 'is', null)
    .where('purged_at', 'is', null)
    .execute();
  let purged = 0;
  for (const { id } of due) {
    try {
      await purgeEvidence(db, vault, actor, id, 'retention period ended', null, now);
      purged++;
    } catch (error) {
      // A hold set or a retention date moved since the query: that item is kept, the others go on.
      const kept = error instanceof AppError && ['conflict', 'evidence_on_legal_hold'].includes(error.code);
      if (!kept) throw error;
    }
  }
  return purged;
}

/** The item's content, re-hashed; the read is logged in the item's custody chain as a view. */
export async function openEvidenceContent(
  db: Db,
  vault: Vault,
  actor: Actor,
  itemId: string,
  requestId: string | null,
): Promise<{ item: EvidenceItem; bytes: Buffer }> {
  const item = toEvidenceItem(await itemRow(db, actor.orgId, itemId));
  if (item.purgedAt !== null) throw new AppError('evidence_purged');
  let bytes: Buffer;
  try {
    bytes = await readBlob(db, vault, actor.orgId, item.sha256);
  } catch (error) {
    if (error instanceof EvidenceIntegrityError)
      throw new AppError('evidence_integrity_failed', { message: error.message });
    throw error;
  }
  await appendCustody(db, actor, itemId, 'viewed', { sha256: item.sha256 }, requestId);
  return { item, bytes };
}
