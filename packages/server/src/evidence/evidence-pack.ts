/**
 * Evidence packs: every item of a case (or of the organisation) written as a BagIt bag with the
 * items' files, their Berkeley Protocol metadata (`data/items.json`), their complete custody chains
 * (`data/custody-log.jsonl`), liveness re-checks and a readable summary. Each item's content is
 * re-hashed before it goes in, and the export itself is logged in each item's custody chain (the
 * pack includes that entry).
 */
import { appendAudit } from '../audit/audit-log.ts';
import type { Actor } from '../identity/actor.ts';
import { inTransaction, type Db } from '../storage/transaction.ts';
import { writeBag, type BagFile } from './bagit.ts';
import { readBlob, type Vault } from './blob-store.ts';
import { VIGIE_VERSION } from './capture.ts';
import { appendCustody, custodyLog } from './custody.ts';
import { listEvidence, type EvidenceItem } from './items.ts';
import { listLivenessChecks, type LivenessCheck } from './liveness-job.ts';
import { PACK_CUSTODY, PACK_ITEMS, PACK_SUMMARY, type PackItem } from './pack-contents.ts';
import { renderSummary } from './summary-html.ts';

export interface PackScope {
  /** Only this case's items; all of the organisation's when absent. */
  caseId?: string | undefined;
  /** Shown in the bag metadata and summary (e.g. the case reference). */
  label: string;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

function packItem(item: EvidenceItem): PackItem {
  return {
    id: item.id,
    caseId: item.caseId,
    captureId: item.captureId,
    kind: item.kind,
    role: item.role,
    sourceUrl: item.sourceUrl,
    fileName: item.fileName,
    capturedAt: new Date(item.capturedAt).toISOString(),
    capturedBy: item.capturedBy,
    capturedFrom: item.capturedFrom,
    tool: item.tool,
    toolVersion: item.toolVersion,
    captureEnv: item.captureEnv,
    sha256: item.sha256,
    pdq: item.pdq,
    size: item.size,
    mediaType: item.mediaType,
    legalHold: item.legalHoldAt !== null,
    retentionUntil: iso(item.retentionUntil),
    purgedAt: iso(item.purgedAt),
    payloadPath: item.purgedAt === null ? `data/items/${item.id}/${item.fileName}` : null,
    custody: { entries: item.custodyEntries, headHash: item.custodyHeadHash },
  };
}

/** The id of the organisation's case with this reference (cases are owned by `src/cases`). */
export async function caseIdByReference(
  db: Db,
  orgId: string,
  reference: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('cases')
    .select('id')
    .where('org_id', '=', orgId)
    .where('reference', '=', reference)
    .executeTakeFirst();
  return row?.id;
}

export interface PackResult {
  dir: string;
  items: number;
  files: number;
}

export async function exportEvidencePack(
  db: Db,
  vault: Vault,
  actor: Actor,
  organisationName: string,
  scope: PackScope,
  outDir: string,
): Promise<PackResult> {
  const before = await listEvidence(db, actor.orgId, { caseId: scope.caseId });
  // Read and re-hash every live item first: a damaged blob stops the export before anything is logged.
  const contents = new Map<string, Buffer>();
  for (const item of before) {
    if (item.purgedAt === null) contents.set(item.id, await readBlob(db, vault, actor.orgId, item.sha256));
  }
  const exportedAt = Date.now();
  await inTransaction(db, async (trx) => {
    for (const item of before) {
      await appendCustody(trx, actor, item.id, 'exported', { pack: scope.label, format: 'bagit-1.0' }, null);
    }
    await appendAudit(trx, actor, {
      action: 'evidence.exported',
      targetType: scope.caseId ? 'case' : 'organisation',
      targetId: scope.caseId ?? actor.orgId,
      details: { items: before.length, label: scope.label },
    });
  });
  const items = (await listEvidence(db, actor.orgId, { caseId: scope.caseId })).filter((i) =>
    before.some((b) => b.id === i.id),
  );
  const packItems = items.map(packItem);
  const custody = await custodyLog(
    db,
    actor.orgId,
    items.map((i) => i.id),
  );
  const liveness = new Map<string, LivenessCheck[]>();
  for (const item of items.filter((i) => i.role === 'page')) {
    liveness.set(item.id, await listLivenessChecks(db, actor.orgId, item.id));
  }
  const payload: BagFile[] = [];
  for (const item of packItems) {
    const bytes = contents.get(item.id);
    if (item.payloadPath && bytes) payload.push({ path: item.payloadPath.slice('data/'.length), bytes });
  }
  payload.push(
    { path: PACK_ITEMS, bytes: Buffer.from(JSON.stringify(packItems, null, 2)) },
    {
      path: PACK_CUSTODY,
      bytes: Buffer.from(custody.map((e) => JSON.stringify(e)).join('\n') + (custody.length ? '\n' : '')),
    },
    {
      path: 'liveness-checks.json',
      bytes: Buffer.from(JSON.stringify(Object.fromEntries(liveness), null, 2)),
    },
    {
      path: PACK_SUMMARY,
      bytes: Buffer.from(
        renderSummary({
          title: `Evidence pack: ${scope.label}`,
          organisation: organisationName,
          exportedAt,
          exportedBy: `${actor.type}:${actor.id}`,
          items: packItems,
          custody,
          liveness,
        }),
      ),
    },
  );
  await writeBag(outDir, payload, [
    ['Source-Organization', organisationName],
    ['External-Identifier', scope.label],
    ['External-Description', `Vigie evidence pack: ${items.length} item(s) with chain of custody`],
    ['Bag-Software-Agent', `Vigie ${VIGIE_VERSION}`],
    ['Vigie-Pack-Version', '1'],
    ['Vigie-Exported-At', new Date(exportedAt).toISOString()],
    ['Vigie-Exported-By', `${actor.type}:${actor.id}`],
    ['Vigie-Custody-Entries', String(custody.length)],
  ]);
  return { dir: outDir, items: items.length, files: payload.length };
}
