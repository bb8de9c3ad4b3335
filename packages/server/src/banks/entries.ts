/** Bank entries: add, list, find by value, and take out of matching (retraction, false positive). */
import { createHash } from 'node:crypto';
import { appendAudit } from '../audit/audit-log.ts';
import { AppError, notFound } from '../errors.ts';
import type { Actor } from '../identity/actor.ts';
import { inTransaction, isUniqueViolation, type Db } from '../storage/transaction.ts';
import { getBank } from './banks.ts';
import { recordBankChange } from './changes.ts';
import { validateLabels } from './labels.ts';
import { canonicalValue, type SignalType } from './signals.ts';
import type { BankEntryTable } from './tables.ts';

export const ENTRY_STATUSES = ['active', 'retracted', 'false_positive'] as const;
export type EntryStatus = (typeof ENTRY_STATUSES)[number];

export interface EntryProvenance {
  /** The organisation or exchange the entry came from: `local`, `gifct`, `tcap`, `partner:<name>`… */
  source: string;
  sourceId: string | null;
  /** `user:<id>`, `api_key:<id>` or `system:<id>`. */
  addedBy: string;
  addedAt: number;
  evidenceRef: string | null;
}

export interface Entry {
  id: string;
  bankId: string;
  signalType: SignalType;
  value: string;
  labels: string[];
  provenance: EntryProvenance;
  confidence: number | null;
  jurisdictions: string[];
  status: EntryStatus;
  statusReason: string | null;
  statusChangedAt: number | null;
  statusChangedBy: string | null;
}

export type EntryRow = Omit<BankEntryTable, 'id'> & { id: number };

export function toEntry(row: EntryRow): Entry {
  return {
    id: String(row.id),
    bankId: row.bank_id,
    signalType: row.signal_type as SignalType,
    value: row.value,
    labels: JSON.parse(row.labels) as string[],
    provenance: {
      source: row.source,
      sourceId: row.source_id,
      addedBy: row.added_by,
      addedAt: Number(row.added_at),
      evidenceRef: row.evidence_ref,
    },
    confidence: row.confidence,
    jurisdictions: JSON.parse(row.jurisdictions) as string[],
    status: row.status as EntryStatus,
    statusReason: row.status_reason,
    statusChangedAt: row.status_changed_at,
    statusChangedBy: row.status_changed_by,
  };
}

/** Uniqueness and exact-search key: values can be long (texts, vPDQ lists), keys are fixed-size. */
export function valueKey(type: SignalType, value: string): string {
  return createHash('sha256').update(`${type}:${value}`).digest('hex');
}

export const actorRef = (actor: Actor) => `${actor.type}:${actor.id}`;

export interface NewEntry {
  signalType: SignalType;
  value: string;
  labels?: string[] | undefined;
  source?: string | undefined;
  sourceId?: string | undefined;
  evidenceRef?: string | undefined;
  confidence?: number | undefined;
  jurisdictions?: string[] | undefined;
}

/** Validates and canonicalises a new entry into a row (without id); `field` prefixes error fields. */
export function entryRow(
  actor: Actor,
  bankId: string,
  input: NewEntry,
  field = 'body',
): Omit<EntryRow, 'id'> {
  const canonical = canonicalValue(input.signalType, input.value);
  if (!canonical.ok) {
    throw new AppError('validation_failed', {
      message: `Invalid ${input.signalType} value: ${canonical.reason}.`,
      field: `${field}.value`,
    });
  }
  const labels = validateLabels(input.labels ?? [], `${field}.labels`);
  return {
    org_id: actor.orgId,
    bank_id: bankId,
    signal_type: input.signalType,
    value: canonical.value,
    value_key: valueKey(input.signalType, canonical.value),
    labels: JSON.stringify(labels),
    source: input.source ?? 'local',
    source_id: input.sourceId ?? null,
    added_by: actorRef(actor),
    added_at: Date.now(),
    evidence_ref: input.evidenceRef ?? null,
    confidence: input.confidence ?? null,
    jurisdictions: JSON.stringify([...new Set((input.jurisdictions ?? []).map((j) => j.toUpperCase()))]),
    status: 'active',
    status_reason: null,
    status_changed_at: null,
    status_changed_by: null,
  };
}

export async function addEntry(
  db: Db,
  actor: Actor,
  bankId: string,
  input: NewEntry,
  requestId: string | null,
): Promise<Entry> {
  const row = entryRow(actor, bankId, input);
  return inTransaction(db, async (trx) => {
    await getBank(trx, actor.orgId, bankId);
    const existing = await trx
      .selectFrom('bank_entries')
      .select('id')
      .where('bank_id', '=', bankId)
      .where('value_key', '=', row.value_key)
      .executeTakeFirst();
    if (existing) {
      throw new AppError('already_exists', {
        message: `This value is already entry ${existing.id} of the bank.`,
        field: 'body.value',
      });
    }
    let id: number;
    try {
      ({ id } = await trx.insertInto('bank_entries').values(row).returning('id').executeTakeFirstOrThrow());
    } catch (error) {
      if (isUniqueViolation(error)) throw new AppError('already_exists', { field: 'body.value' });
      throw error;
    }
    await recordBankChange(trx, actor.orgId, { kind: 'entry', bankId, entryFrom: Number(id) });
    await appendAudit(
      trx,
      actor,
      {
        action: 'bank.entry.add',
        targetType: 'bank_entry',
        targetId: String(id),
        details: { bankId, signalType: row.signal_type, source: row.source },
      },
      requestId,
    );
    return toEntry({ ...row, id: Number(id) });
  });
}

/** Entry ids are integers; anything else cannot name an entry (answered like an unknown id). */
export function parseEntryId(raw: string, field = 'params.entryId'): number {
  if (!/^\d{1,15}$/.test(raw)) throw notFound('Entry', field);
  return Number(raw);
}

export async function getEntry(db: Db, orgId: string, entryId: number): Promise<Entry> {
  const row = await db
    .selectFrom('bank_entries')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('id', '=', entryId)
    .executeTakeFirst();
  if (!row) throw notFound('Entry', 'params.entryId');
  return toEntry({ ...row, id: Number(row.id) });
}

export interface EntryPage {
  entries: Entry[];
  /** Pass as `after` for the next page; null on the last page. */
  next: string | null;
}

export async function listEntries(
  db: Db,
  orgId: string,
  bankId: string,
  options: { status?: EntryStatus | undefined; after?: number | undefined; limit: number },
): Promise<EntryPage> {
  await getBank(db, orgId, bankId);
  const rows = await db
    .selectFrom('bank_entries')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('bank_id', '=', bankId)
    .$if(options.status !== undefined, (q) => q.where('status', '=', options.status as EntryStatus))
    .$if(options.after !== undefined, (q) => q.where('id', '>', options.after as number))
    .orderBy('id')
    .limit(options.limit + 1)
    .execute();
  const page = rows.slice(0, options.limit).map((r) => toEntry({ ...r, id: Number(r.id) }));
  return { entries: page, next: rows.length > options.limit ? (page.at(-1)?.id ?? null) : null };
}

/** Entries of the organisation holding exactly this (canonical) value, any status, any bank. */
export async function findEntriesByValue(
  db: Db,
  orgId: string,
  type: SignalType,
  value: string,
  limit = 100,
): Promise<Entry[]> {
  const rows = await db
    .selectFrom('bank_entries')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('value_key', '=', valueKey(type, value))
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => toEntry({ ...r, id: Number(r.id) }));
}

export async function entriesByIds(db: Db, orgId: string, ids: number[]): Promise<Map<number, Entry>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('bank_entries')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('id', 'in', ids)
    .execute();
  return new Map(rows.map((r) => [Number(r.id), toEntry({ ...r, id: Number(r.id) })]));
}

/**
 * Takes an entry out of matching: `retracted` (the source withdrew it, or it no longer meets the bank's
 * criteria) or `false_positive` (it matched content it should not). The row stays, with who, when and why.
 */
export async function setEntryStatus(
  db: Db,
  actor: Actor,
  entryId: number,
  status: Exclude<EntryStatus, 'active'>,
  reason: string,
  requestId: string | null,
): Promise<Entry> {
  return inTransaction(db, async (trx) => {
    const current = await getEntry(trx, actor.orgId, entryId);
    if (current.status !== status) {
      await trx
        .updateTable('bank_entries')
        .set({
          status,
          status_reason: reason,
          status_changed_at: Date.now(),
          status_changed_by: actorRef(actor),
        })
        .where('org_id', '=', actor.orgId)
        .where('id', '=', entryId)
        .execute();
      await recordBankChange(trx, actor.orgId, { kind: 'entry', bankId: current.bankId, entryFrom: entryId });
    }
    await appendAudit(
      trx,
      actor,
      {
        action: status === 'retracted' ? 'bank.entry.retract' : 'bank.entry.false_positive',
        targetType: 'bank_entry',
        targetId: String(entryId),
        details: { bankId: current.bankId, reason, previousStatus: current.status },
      },
      requestId,
    );
    return getEntry(trx, actor.orgId, entryId);
  });
}
