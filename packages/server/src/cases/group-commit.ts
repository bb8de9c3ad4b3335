/**
 * Group commit for high-volume public writes. Every transaction on SQLite (synchronous=FULL) and
 * every PostgreSQL transaction that appends to an organisation's audit chain ends in a durable
 * flush and holds a serialising lock until then, so one transaction per public report caps intake at
 * one report per flush. Here concurrent requests share one transaction, and all are answered only
 * after the common commit — every answered report is as durable as with its own transaction.
 * Batches form by themselves: while one commits, the next requests queue; an idle server commits a
 * lone request at once. Failures are rare (validation happens before), so a batch runs optimistically
 * without savepoints; if any request in it fails, the batch is rolled back and each request is run
 * again in its own transaction, so a failing request fails alone.
 */
import { createHash } from 'node:crypto';
import { type Kysely, type Transaction } from 'kysely';
import type { Database } from '../storage/schema.ts';
import { isPostgres } from '../storage/transaction.ts';

/** A request's work: `value` answers it; `finish` runs after every request of the batch did its work. */
export interface Work<T> {
  value: T;
  finish?: ((trx: Transaction<Database>) => Promise<void>) | undefined;
}

interface Item {
  work(trx: Transaction<Database>): Promise<Work<unknown>>;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

export class GroupCommitter {
  readonly #db: Kysely<Database>;
  readonly #maxBatch: number;
  #queue: Item[] = [];
  #draining = false;

  constructor(db: Kysely<Database>, maxBatch = 64) {
    this.#db = db;
    this.#maxBatch = maxBatch;
  }

  run<T>(work: (trx: Transaction<Database>) => Promise<Work<T>>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (!this.#draining) void this.#drain();
    });
  }

  async #drain(): Promise<void> {
    this.#draining = true;
    // Requests parsed in the same turn of the event loop join the first batch.
    await new Promise((resolve) => setImmediate(resolve));
    while (this.#queue.length > 0) {
      const batch = this.#queue.splice(0, this.#maxBatch);
      if (batch.length > 1 && (await this.#runTogether(batch))) continue;
      for (const item of batch) await this.#runAlone(item);
    }
    this.#draining = false;
  }

  /** Runs the batch in one transaction; false (and nothing stored) if any request in it failed. */
  async #runTogether(batch: Item[]): Promise<boolean> {
    const done: Work<unknown>[] = [];
    try {
      await this.#db.transaction().execute(async (trx) => {
        for (const item of batch) done.push(await item.work(trx));
        for (const work of done) await work.finish?.(trx);
      });
    } catch {
      return false;
    }
    batch.forEach((item, i) => item.resolve(done[i]?.value));
    return true;
  }

  async #runAlone(item: Item): Promise<void> {
    try {
      const value = await this.#db.transaction().execute(async (trx) => {
        const work = await item.work(trx);
        await work.finish?.(trx);
        return work.value;
      });
      item.resolve(value);
    } catch (error) {
      item.reject(error);
    }
  }
}

const committers = new WeakMap<Kysely<Database>, GroupCommitter[]>();

/**
 * A group committer of the database. SQLite has one writer, so one committer; PostgreSQL gets a few,
 * whose batches do their work in parallel on separate connections and meet only at the end.
 */
export function groupCommitterFor(db: Kysely<Database>, affinity: string): GroupCommitter {
  let all = committers.get(db);
  if (!all) {
    const count = isPostgres(db) ? POSTGRES_COMMITTERS : 1;
    all = Array.from({ length: count }, () => new GroupCommitter(db));
    committers.set(db, all);
  }
  const slot = createHash('sha256').update(affinity).digest().readUInt32BE(0) % all.length;
  return all[slot] as GroupCommitter;
}

const POSTGRES_COMMITTERS = 4;
