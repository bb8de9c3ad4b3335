/**
 * The bank change log. Every change to what a matcher must hold (an entry added or taken out, an import,
 * bank settings, webhooks) appends one row in the transaction that makes the change. The per-organisation
 * sequence number comes from an upsert on `bank_change_heads`, whose row lock (PostgreSQL) or the single
 * writer (SQLite) serialises the organisation's changes, so they commit in sequence order: a process
 * that has applied every change up to n can never later see a change below n appear.
 */
import { sql } from 'kysely';
import type { Db } from '../storage/transaction.ts';
import type { BankChangeTable } from './tables.ts';

export type BankChangeKind = 'entry' | 'entries' | 'bank';

export interface BankChange {
  kind: BankChangeKind;
  bankId: string;
  /** `entry`: the entry id; `entries`: the first and last id of a contiguous insert. */
  entryFrom?: number;
  entryTo?: number;
}

/** Appends one change; call inside the transaction of the change itself. Returns its sequence number. */
export async function recordBankChange(db: Db, orgId: string, change: BankChange): Promise<number> {
  const head = await db
    .insertInto('bank_change_heads')
    .values({ org_id: orgId, seq: 1 })
    .onConflict((oc) => oc.column('org_id').doUpdateSet({ seq: sql`bank_change_heads.seq + 1` }))
    .returning('seq')
    .executeTakeFirstOrThrow();
  const seq = Number(head.seq);
  await db
    .insertInto('bank_changes')
    .values({
      org_id: orgId,
      seq,
      kind: change.kind,
      bank_id: change.bankId,
      entry_from: change.entryFrom ?? null,
      entry_to: change.entryTo ?? change.entryFrom ?? null,
      at: Date.now(),
    })
    .execute();
  return seq;
}

export async function changeHeads(db: Db): Promise<Map<string, number>> {
  const rows = await db.selectFrom('bank_change_heads').select(['org_id', 'seq']).execute();
  return new Map(rows.map((r) => [r.org_id, Number(r.seq)]));
}

export async function changeHead(db: Db, orgId: string): Promise<number> {
  const row = await db
    .selectFrom('bank_change_heads')
    .select('seq')
    .where('org_id', '=', orgId)
    .executeTakeFirst();
  return row ? Number(row.seq) : 0;
}

export async function changesAfter(
  db: Db,
  orgId: string,
  after: number,
  limit: number,
): Promise<BankChangeTable[]> {
  return db
    .selectFrom('bank_changes')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('seq', '>', after)
    .orderBy('seq')
    .limit(limit)
    .execute();
}
