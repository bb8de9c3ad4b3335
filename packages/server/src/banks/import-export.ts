/**
 * Bank import and export in four formats: Vigie CSV and JSON, the HMA / python-threatexchange bank file,
 * and the Tech Against Terrorism hash-list page (parsers in @vigie/matching). An import validates every
 * row first and reports accepted, rejected (line, field, reason) and duplicate rows; a dry run stops
 * there. A real import runs in one transaction and, unless `skipInvalid` is set, refuses the whole file
 * when any row is rejected: a failed import changes nothing.
 */
import {
  parseHmaBank,
  parseTatHashList,
  parseVigieCsv,
  parseVigieJson,
  serialiseHmaBank,
  serialiseTatHashList,
  serialiseVigieCsv,
  serialiseVigieJson,
  type BankEntry,
  type Duplicate,
  type EntryStatus as FileStatus,
  type ImportResult,
  type Rejection,
} from '@vigie/matching';
import { appendAudit } from '../audit/audit-log.ts';
import { AppError } from '../errors.ts';
import type { Actor } from '../identity/actor.ts';
import { inTransaction, type Db } from '../storage/transaction.ts';
import { getBank } from './banks.ts';
import { recordBankChange } from './changes.ts';
import { actorRef, toEntry, valueKey, type EntryRow, type EntryStatus } from './entries.ts';
import { labelProblem } from './labels.ts';
import { canonicalValue } from './signals.ts';

export const BANK_FORMATS = ['csv', 'json', 'hma', 'tat'] as const;
export type BankFormat = (typeof BANK_FORMATS)[number];

const parsers: Record<BankFormat, (text: string) => ImportResult> = {
  csv: (text) => parseVigieCsv(text),
  json: (text) => parseVigieJson(text),
  hma: (text) => parseHmaBank(text),
  tat: (text) => parseTatHashList(text),
};

const serialisers: Record<BankFormat, (entries: readonly BankEntry[]) => string> = {
  csv: serialiseVigieCsv,
  json: serialiseVigieJson,
  hma: serialiseHmaBank,
  tat: serialiseTatHashList,
};

/** File statuses map onto ours: `disabled` is a false positive, `deleted` a retraction. */
const FROM_FILE: Record<FileStatus, EntryStatus> = {
  active: 'active',
  disabled: 'false_positive',
  deleted: 'retracted',
};
const TO_FILE: Record<EntryStatus, FileStatus> = {
  active: 'active',
  false_positive: 'disabled',
  retracted: 'deleted',
};

export interface ImportReport {
  dryRun: boolean;
  /** Valid rows, duplicates excluded. */
  accepted: number;
  rejected: Rejection[];
  /** Rows repeating an earlier row of the same file. */
  duplicates: Duplicate[];
  /** Valid rows whose value the bank already holds with the same status: nothing to do. */
  alreadyInBank: { line: number; entryId: string }[];
  /** Rows that would be / were inserted. */
  inserted: number;
  /** Existing entries whose status the file changes (a source's retraction or false-positive flag). */
  statusChanged: { line: number; entryId: string; status: EntryStatus }[];
}

interface ValidRow {
  line: number;
  row: Omit<EntryRow, 'id'>;
}

/** Parses and validates a file for a bank: the format's checks, then the server's canonical forms and labels. */
function validate(
  actor: Actor,
  bankId: string,
  format: BankFormat,
  content: string,
  source: string | undefined,
) {
  const parsed = parsers[format](content);
  const rejected = [...parsed.rejected];
  const duplicates = [...parsed.duplicates];
  const firstLine = new Map<string, number>();
  const valid: ValidRow[] = [];
  const now = Date.now();
  parsed.accepted.forEach((entry, i) => {
    const line = parsed.acceptedLines[i] ?? i + 1;
    const canonical = canonicalValue(entry.signalType, entry.value);
    if (!canonical.ok) {
      rejected.push({ line, field: 'value', code: 'invalid_value', reason: canonical.reason });
      return;
    }
    const badLabel = entry.labels.map((l) => [l, labelProblem(l)] as const).find(([, problem]) => problem);
    if (badLabel) {
      rejected.push({
        line,
        field: 'labels',
        code: 'invalid_field',
        reason: `label ${JSON.stringify(badLabel[0])} ${badLabel[1]}`,
      });
      return;
    }
    const key = valueKey(entry.signalType, canonical.value);
    const first = firstLine.get(key);
    if (first !== undefined) {
      duplicates.push({ line, firstLine: first, signalType: entry.signalType, value: canonical.value });
      return;
    }
    firstLine.set(key, line);
    const status = FROM_FILE[entry.status];
    valid.push({
      line,
      row: {
        org_id: actor.orgId,
        bank_id: bankId,
        signal_type: entry.signalType,
        value: canonical.value,
        value_key: key,
        labels: JSON.stringify([...new Set(entry.labels)]),
        source: source ?? entry.provenance.source,
        source_id: entry.provenance.sourceId ?? null,
        added_by: actorRef(actor),
        added_at: now,
        evidence_ref: null,
        confidence: entry.confidence ?? null,
        jurisdictions: JSON.stringify(entry.jurisdictions),
        status,
        status_reason: status === 'active' ? null : 'imported with this status',
        status_changed_at: status === 'active' ? null : now,
        status_changed_by: status === 'active' ? null : actorRef(actor),
      },
    });
  });
  rejected.sort((a, b) => a.line - b.line);
  return { valid, rejected, duplicates };
}

const BATCH = 500;

export interface ImportRequest {
  format: BankFormat;
  content: string;
  dryRun?: boolean | undefined;
  /** Import the valid rows even when some are rejected (they are listed in the report). */
  skipInvalid?: boolean | undefined;
  /** Provenance for every row (e.g. `gifct`, `partner:acme`); default: what the file says, else `local`. */
  source?: string | undefined;
}

export async function importEntries(
  db: Db,
  actor: Actor,
  bankId: string,
  request: ImportRequest,
  requestId: string | null,
): Promise<ImportReport> {
  await getBank(db, actor.orgId, bankId);
  const { valid, rejected, duplicates } = validate(
    actor,
    bankId,
    request.format,
    request.content,
    request.source,
  );
  const dryRun = request.dryRun ?? false;
  if (!dryRun && rejected.length > 0 && !request.skipInvalid) {
    throw new AppError('validation_failed', {
      message: `${rejected.length} row(s) are invalid; nothing was imported. Fix them, or pass skipInvalid to import the rest.`,
      field: 'body.content',
      issues: rejected.slice(0, 100).map((r) => ({ field: `line ${r.line}: ${r.field}`, message: r.reason })),
    });
  }
  return inTransaction(db, async (trx) => {
    const report: ImportReport = {
      dryRun,
      accepted: valid.length,
      rejected,
      duplicates,
      alreadyInBank: [],
      inserted: 0,
      statusChanged: [],
    };
    const inserts: Omit<EntryRow, 'id'>[] = [];
    for (let i = 0; i < valid.length; i += BATCH) {
      const batch = valid.slice(i, i + BATCH);
      const existing = await trx
        .selectFrom('bank_entries')
        .select(['id', 'value_key', 'status'])
        .where('bank_id', '=', bankId)
        .where(
          'value_key',
          'in',
          batch.map((v) => v.row.value_key),
        )
        .execute();
      const byKey = new Map(existing.map((e) => [e.value_key, e]));
      for (const { line, row } of batch) {
        const held = byKey.get(row.value_key);
        if (!held) inserts.push(row);
        else if (held.status === row.status || row.status === 'active') {
          // A file never re-activates an entry someone retracted or flagged here.
          report.alreadyInBank.push({ line, entryId: String(held.id) });
        } else {
          report.statusChanged.push({ line, entryId: String(held.id), status: row.status as EntryStatus });
        }
      }
    }
    report.inserted = inserts.length;
    if (dryRun) return report;

    for (let i = 0; i < inserts.length; i += BATCH) {
      const ids = await trx
        .insertInto('bank_entries')
        .values(inserts.slice(i, i + BATCH))
        .returning('id')
        .execute();
      const numeric = ids.map((r) => Number(r.id));
      await recordBankChange(trx, actor.orgId, {
        kind: 'entries',
        bankId,
        entryFrom: Math.min(...numeric),
        entryTo: Math.max(...numeric),
      });
    }
    for (const change of report.statusChanged) {
      await trx
        .updateTable('bank_entries')
        .set({
          status: change.status,
          status_reason: 'changed by import',
          status_changed_at: Date.now(),
          status_changed_by: actorRef(actor),
        })
        .where('org_id', '=', actor.orgId)
        .where('id', '=', Number(change.entryId))
        .execute();
      await recordBankChange(trx, actor.orgId, { kind: 'entry', bankId, entryFrom: Number(change.entryId) });
    }
    await appendAudit(
      trx,
      actor,
      {
        action: 'bank.import',
        targetType: 'bank',
        targetId: bankId,
        details: {
          format: request.format,
          inserted: report.inserted,
          statusChanged: report.statusChanged.length,
          rejected: rejected.length,
          duplicates: duplicates.length,
        },
      },
      requestId,
    );
    return report;
  });
}

/** Writes a bank's entries (all statuses, or only `status`) in a format; formats without status get active ones. */
export async function exportEntries(
  db: Db,
  orgId: string,
  bankId: string,
  format: BankFormat,
  options: { status?: EntryStatus | undefined } = {},
): Promise<{ content: string; count: number }> {
  await getBank(db, orgId, bankId);
  const entries: BankEntry[] = [];
  let after = 0;
  for (;;) {
    const rows = await db
      .selectFrom('bank_entries')
      .selectAll()
      .where('org_id', '=', orgId)
      .where('bank_id', '=', bankId)
      .where('id', '>', after)
      .$if(options.status !== undefined, (q) => q.where('status', '=', options.status as EntryStatus))
      .orderBy('id')
      .limit(10_000)
      .execute();
    if (rows.length === 0) break;
    for (const row of rows) entries.push(toFileEntry(toEntry({ ...row, id: Number(row.id) })));
    after = Number(rows.at(-1)!.id);
  }
  return { content: serialisers[format](entries), count: entries.length };
}

function toFileEntry(entry: ReturnType<typeof toEntry>): BankEntry {
  const out: BankEntry = {
    signalType: entry.signalType,
    value: entry.value,
    labels: entry.labels,
    provenance: {
      source: entry.provenance.source,
      createdAt: new Date(entry.provenance.addedAt).toISOString(),
    },
    jurisdictions: entry.jurisdictions,
    status: TO_FILE[entry.status],
  };
  if (entry.provenance.sourceId !== null) out.provenance.sourceId = entry.provenance.sourceId;
  if (entry.confidence !== null) out.confidence = entry.confidence;
  return out;
}
