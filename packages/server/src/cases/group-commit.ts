/**
 * Group commit for high-volume public writes. Every transaction on SQLite (synchronous=FULL) and
 * every PostgreSQL transaction that appends to an organisation's audit chain ends in a durable
 * flush and holds a serialising lock until then, so one transaction per public report caps intake at
 * one report per flush. Here concurrent requests share one transaction, and all are answered only
 * after the common commit — every answered report is as durable as with its own transaction.
 * The requests of a batch are handed to one function, so it can write them set-wise (one statement
 * per table rather than per request). Batches form by themselves: while one commits, the next
 * requests queue; an idle server commits a lone request at once. Failures are rare (validation
 * happens before), so a batch runs optimistically without savepoints; if it fails, it is rolled back
 * and each request is run again in its own transaction, so a failing request fails alone.
 */
import { createHash } from 'node:crypto';
import { type Kysely, type Transaction } from 'kysely';
import type { Database } from '../storage/schema.ts';
import { isPostgres } from '../storage/transaction.ts';

/** Does the work of several requests in one transaction; answers them in order, one value each. */
export type CommitBatch<In, Out> = (trx: Transaction<Database>, inputs: In[]) => Promise<Out[]>;

interface Item<In, Out> {
  input: In;
  resolve(value: Out): void;
  reject(error: unknown): void;
}

export class GroupCommitter<In, Out> {
  readonly #db: Kysely<Database>;
  readonly #commit: CommitBatch<In, Out>;
  readonly #maxBatch: number;
  #queue: Item<In, Out>[] = [];
  #draining = false;

  constructor(db: Kysely<Database>, commit: CommitBatch<In, Out>, maxBatch = 64) {
    this.#db = db;
    this.#commit = commit;
    this.#maxBatch = maxBatch;
  }

  run(input: In): Promise<Out> {
    return new Promise<Out>((resolve, reject) => {
      this.#queue.push({ input, resolve, reject });
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

  async #commitInOrder(inputs: In[]): Promise<Out[]> {
    return this.#db.transaction().execute(async (trx) => {
      const outputs = await this.#commit(trx, inputs);
      if (outputs.length !== inputs.length) throw new Error('a commit batch must answer every request');
      return outputs;
    });
  }

  /** Runs the batch in one transaction; false (and nothing stored) if any request in it failed. */
  async #runTogether(batch: Item<In, Out>[]): Promise<boolean> {
    let outputs: Out[];
    try {
      outputs = await this.#commitInOrder(batch.map((item) => item.input));
    } catch {
      return false;
    }
    batch.forEach((item, i) => item.resolve(outputs[i] as Out));
    return true;
  }

  async #runAlone(item: Item<In, Out>): Promise<void> {
    try {
      const [output] = await this.#commitInOrder([item.input]);
      item.resolve(output as Out);
    } catch (error) {
      item.reject(error);
    }
  }
}

/**
 * The group committers of one kind of write, per database. SQLite has one writer, so one committer;
 * PostgreSQL could use several, whose batches would meet only at the end (the audit chain head).
 * Requests with the same affinity always share a committer.
 */
export class GroupCommitters<In, Out> {
  readonly #commit: CommitBatch<In, Out>;
  readonly #byDatabase = new WeakMap<Kysely<Database>, GroupCommitter<In, Out>[]>();

  constructor(commit: CommitBatch<In, Out>) {
    this.#commit = commit;
  }

  run(db: Kysely<Database>, affinity: string, input: In): Promise<Out> {
    let all = this.#byDatabase.get(db);
    if (!all) {
      const count = isPostgres(db) ? POSTGRES_COMMITTERS : 1;
      all = Array.from({ length: count }, () => new GroupCommitter(db, this.#commit));
      this.#byDatabase.set(db, all);
    }
    const slot =
      all.length === 1 ? 0 : createHash('sha256').update(affinity).digest().readUInt32BE(0) % all.length;
    return (all[slot] as GroupCommitter<In, Out>).run(input);
  }
}

/**
 * One: a batch costs a fixed number of statements whatever its size, so the fewer committers, the
 * larger the batches and the less work per report; while one batch commits, the next one gathers.
 */
const POSTGRES_COMMITTERS = 1;
