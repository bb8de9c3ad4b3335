/**
 * Keeps every organisation's `OrgMatcher` in this process current with the database. An organisation's
 * banks are loaded in id-ordered batches (1M entries in seconds, never one giant result), then the
 * process follows the change log: every ~200 ms it reads the per-organisation heads (one small query),
 * and for each organisation whose head moved it replays the new changes by re-reading the rows they
 * name. So a change committed by any process is matched by every process well within a second, with no
 * index rebuild and no per-request query.
 */
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Database } from '../storage/schema.ts';
import type { Db } from '../storage/transaction.ts';
import { toBank } from './banks.ts';
import { changeHead, changeHeads, changesAfter } from './changes.ts';
import { INDEX_COLUMNS } from './entry-columns.ts';
import { OrgMatcher, type BankSettings } from './org-matcher.ts';

const LOAD_BATCH = 20_000;
const CHANGE_BATCH = 500;
export const POLL_INTERVAL_MS = 200;

interface Followed {
  matcher: OrgMatcher;
  cursor: number;
}

export class BankIndexes {
  private readonly db: Kysely<Database>;
  private readonly log: Logger | undefined;
  private readonly followed = new Map<string, Followed>();
  private readonly loading = new Map<string, Promise<Followed>>();
  private timer: NodeJS.Timeout | undefined;
  private polling: Promise<void> | undefined;
  private stopped = false;

  constructor(db: Kysely<Database>, log?: Logger) {
    this.db = db;
    this.log = log;
  }

  /** Loads every organisation that has banks, then follows changes. Servers call this at start. */
  async start(): Promise<void> {
    const orgs = await this.db.selectFrom('bank_change_heads').select('org_id').execute();
    for (const { org_id } of orgs) await this.follow(org_id);
    this.schedule();
  }

  /** The organisation's matcher, loaded on first use. */
  async forOrg(orgId: string): Promise<OrgMatcher> {
    const held = this.followed.get(orgId);
    if (held) return held.matcher;
    const followed = await this.follow(orgId);
    this.schedule();
    return followed.matcher;
  }

  /** Applies every committed change now (tests; a process that just wrote and wants to read its write). */
  async catchUp(): Promise<void> {
    await this.polling;
    this.polling = this.pollOnce();
    await this.polling;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.polling?.catch(() => {});
  }

  private follow(orgId: string): Promise<Followed> {
    const held = this.followed.get(orgId);
    if (held) return Promise.resolve(held);
    let pending = this.loading.get(orgId);
    if (!pending) {
      pending = this.load(orgId).finally(() => this.loading.delete(orgId));
      this.loading.set(orgId, pending);
    }
    return pending;
  }

  /**
   * Reads the head first, then the rows: any change the rows miss has a later seq and is replayed after,
   * and replaying a change the rows already reflect is harmless (`apply` is idempotent).
   */
  private async load(orgId: string): Promise<Followed> {
    const started = Date.now();
    const cursor = await changeHead(this.db, orgId);
    const matcher = new OrgMatcher(orgId);
    for (const bank of await bankSettings(this.db, orgId)) matcher.setBank(bank);
    let after = 0;
    matcher.beginBulk();
    for (;;) {
      const rows = await this.db
        .selectFrom('bank_entries')
        .select(INDEX_COLUMNS)
        .where('org_id', '=', orgId)
        .where('status', '=', 'active')
        .where('id', '>', after)
        .orderBy('id')
        .limit(LOAD_BATCH)
        .execute();
      if (rows.length === 0) break;
      matcher.apply(rows);
      after = rows.at(-1)!.id;
      if (rows.length < LOAD_BATCH) break;
    }
    matcher.endBulk();
    const followed = { matcher, cursor };
    this.followed.set(orgId, followed);
    this.log?.info({ orgId, entries: matcher.size, ms: Date.now() - started }, 'bank index loaded');
    return followed;
  }

  private schedule(): void {
    if (this.timer || this.stopped) return;
    const tick = () => {
      this.polling = this.pollOnce()
        .catch((error: unknown) => {
          // A closed database ends the process's use of it: stop following rather than log forever.
          if (/destroyed/i.test((error as Error).message)) this.stopped = true;
          else this.log?.warn({ err: error }, 'bank change poll failed; retrying');
        })
        .finally(() => {
          if (!this.stopped) this.timer = setTimeout(tick, POLL_INTERVAL_MS).unref();
        });
    };
    this.timer = setTimeout(tick, POLL_INTERVAL_MS).unref();
  }

  private async pollOnce(): Promise<void> {
    const heads = await changeHeads(this.db);
    for (const [orgId, head] of heads) {
      const followed = this.followed.get(orgId) ?? (await this.follow(orgId));
      while (followed.cursor < head) {
        const changes = await changesAfter(this.db, orgId, followed.cursor, CHANGE_BATCH);
        if (changes.length === 0) break;
        await replay(this.db, followed.matcher, changes);
        followed.cursor = Number(changes.at(-1)!.seq);
      }
    }
  }
}

async function replay(
  db: Db,
  matcher: OrgMatcher,
  changes: readonly { kind: string; bank_id: string; entry_from: number | null; entry_to: number | null }[],
): Promise<void> {
  const orgId = matcher.orgId;
  const bankIds = new Set(changes.filter((c) => c.kind === 'bank').map((c) => c.bank_id));
  for (const bank of await bankSettings(db, orgId, [...bankIds])) matcher.setBank(bank);
  const ranges = changes.filter((c) => c.kind !== 'bank' && c.entry_from !== null);
  for (const { bank_id, entry_from, entry_to } of ranges) {
    // A bank created in this same batch of changes has been set above, so its entries are accepted.
    for (let from = Number(entry_from); from <= Number(entry_to); from += LOAD_BATCH) {
      const rows = await db
        .selectFrom('bank_entries')
        .select(INDEX_COLUMNS)
        .where('org_id', '=', orgId)
        .where('bank_id', '=', bank_id)
        .where('id', '>=', from)
        .where('id', '<=', Math.min(Number(entry_to), from + LOAD_BATCH - 1))
        .execute();
      matcher.apply(rows);
    }
  }
}

/** Bank settings as the matcher needs them, with active webhook ids. All banks when `ids` is absent. */
async function bankSettings(db: Db, orgId: string, ids?: string[]): Promise<BankSettings[]> {
  if (ids?.length === 0) return [];
  const banks = await db
    .selectFrom('banks')
    .selectAll()
    .where('org_id', '=', orgId)
    .$if(ids !== undefined, (q) => q.where('id', 'in', ids as string[]))
    .execute();
  const hooks = await db
    .selectFrom('bank_webhooks')
    .select(['id', 'bank_id'])
    .where('org_id', '=', orgId)
    .where('disabled_at', 'is', null)
    .$if(ids !== undefined, (q) => q.where('bank_id', 'in', ids as string[]))
    .execute();
  return banks.map((row) => {
    const bank = toBank(row);
    return {
      id: bank.id,
      name: bank.name,
      action: bank.action,
      thresholds: bank.thresholds,
      disabled: bank.disabledAt !== null,
      webhookIds: hooks.filter((h) => h.bank_id === bank.id).map((h) => h.id),
    };
  });
}

const registry = new WeakMap<Kysely<Database>, BankIndexes>();

/** The one `BankIndexes` of this process for a database handle. */
export function bankIndexes(db: Kysely<Database>, log?: Logger): BankIndexes {
  let indexes = registry.get(db);
  if (!indexes) {
    indexes = new BankIndexes(db, log);
    registry.set(db, indexes);
  }
  return indexes;
}
