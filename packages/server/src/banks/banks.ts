/** Banks: named hash lists of one organisation, with the action and thresholds their matches carry. */
import { randomUUID } from 'node:crypto';
import { appendAudit } from '../audit/audit-log.ts';
import { AppError, notFound } from '../errors.ts';
import type { Actor } from '../identity/actor.ts';
import { inTransaction, isUniqueViolation, type Db } from '../storage/transaction.ts';
import { recordBankChange } from './changes.ts';
import {
  resolveThresholds,
  type RecommendedAction,
  type ThresholdSettings,
  type Thresholds,
} from './signals.ts';
import type { BankTable } from './tables.ts';

export interface Bank {
  id: string;
  orgId: string;
  name: string;
  description: string;
  action: RecommendedAction;
  /** Effective thresholds: the bank's own settings over the defaults. */
  thresholds: Thresholds;
  createdAt: number;
  updatedAt: number;
  disabledAt: number | null;
}

export function toBank(row: BankTable): Bank {
  return {
    id: row.id,
    orgId: row.org_id,
    name: row.name,
    description: row.description,
    action: row.action as RecommendedAction,
    thresholds: resolveThresholds(JSON.parse(row.thresholds) as ThresholdSettings),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    disabledAt: row.disabled_at,
  };
}

export interface NewBank {
  name: string;
  description?: string | undefined;
  action?: RecommendedAction | undefined;
  thresholds?: ThresholdSettings | undefined;
}

const nameTaken = () =>
  new AppError('already_exists', { message: 'A bank with this name exists.', field: 'body.name' });

export async function createBank(
  db: Db,
  actor: Actor,
  input: NewBank,
  requestId: string | null,
): Promise<Bank> {
  const now = Date.now();
  const row: BankTable = {
    id: randomUUID(),
    org_id: actor.orgId,
    name: input.name,
    description: input.description ?? '',
    action: input.action ?? 'review',
    thresholds: JSON.stringify(input.thresholds ?? {}),
    created_at: now,
    updated_at: now,
    disabled_at: null,
  };
  return inTransaction(db, async (trx) => {
    const existing = await findBankByName(trx, actor.orgId, input.name);
    if (existing) throw nameTaken();
    await trx.insertInto('banks').values(row).execute();
    await recordBankChange(trx, actor.orgId, { kind: 'bank', bankId: row.id });
    await appendAudit(
      trx,
      actor,
      { action: 'bank.create', targetType: 'bank', targetId: row.id, details: { name: row.name } },
      requestId,
    );
    return toBank(row);
  });
}

export async function listBanks(db: Db, orgId: string): Promise<Bank[]> {
  const rows = await db.selectFrom('banks').selectAll().where('org_id', '=', orgId).orderBy('name').execute();
  return rows.map(toBank);
}

export async function getBank(db: Db, orgId: string, bankId: string, field = 'params.bankId'): Promise<Bank> {
  const row = await db
    .selectFrom('banks')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('id', '=', bankId)
    .executeTakeFirst();
  if (!row) throw notFound('Bank', field);
  return toBank(row);
}

export async function findBankByName(db: Db, orgId: string, name: string): Promise<Bank | undefined> {
  const row = await db
    .selectFrom('banks')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('name', '=', name)
    .executeTakeFirst();
  return row ? toBank(row) : undefined;
}

export interface BankChanges {
  name?: string | undefined;
  description?: string | undefined;
  action?: RecommendedAction | undefined;
  /** Merged key by key into the stored settings; `null` for a key restores its default. */
  thresholds?: ThresholdSettings | undefined;
  disabled?: boolean | undefined;
}

export async function updateBank(
  db: Db,
  actor: Actor,
  bankId: string,
  changes: BankChanges,
  requestId: string | null,
): Promise<Bank> {
  return inTransaction(db, async (trx) => {
    const row = await trx
      .selectFrom('banks')
      .selectAll()
      .where('org_id', '=', actor.orgId)
      .where('id', '=', bankId)
      .executeTakeFirst();
    if (!row) throw notFound('Bank', 'params.bankId');
    const thresholds = { ...(JSON.parse(row.thresholds) as ThresholdSettings), ...changes.thresholds };
    const disabledAt =
      changes.disabled === undefined
        ? row.disabled_at
        : changes.disabled
          ? (row.disabled_at ?? Date.now())
          : null;
    try {
      await trx
        .updateTable('banks')
        .set({
          name: changes.name ?? row.name,
          description: changes.description ?? row.description,
          action: changes.action ?? row.action,
          thresholds: JSON.stringify(thresholds),
          disabled_at: disabledAt,
          updated_at: Date.now(),
        })
        .where('org_id', '=', actor.orgId)
        .where('id', '=', bankId)
        .execute();
    } catch (error) {
      if (isUniqueViolation(error)) throw nameTaken();
      throw error;
    }
    await recordBankChange(trx, actor.orgId, { kind: 'bank', bankId });
    await appendAudit(
      trx,
      actor,
      { action: 'bank.update', targetType: 'bank', targetId: bankId, details: { ...changes } },
      requestId,
    );
    return getBank(trx, actor.orgId, bankId);
  });
}
