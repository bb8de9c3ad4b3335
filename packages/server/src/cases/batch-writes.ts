/**
 * The writes of a filing batch (grouping.ts, intake.ts): new cases, their events, the existing cases
 * joined, content keys, reports and notice counts. On PostgreSQL they go out as one statement (data-
 * modifying CTEs, rows passed as JSON arrays, foreign keys checked at the end of the statement): a
 * batch costs one round trip and one parse whatever its size, where one multi-row INSERT per table
 * cost a round trip each and a text that changed with every batch size. SQLite writes in-process, so
 * there it stays one Kysely statement per table.
 */
import { CompiledQuery } from 'kysely';
import { AppError } from '../errors.ts';
import { isPostgres, type Db } from '../storage/transaction.ts';
import type { CaseEventRow } from './events.ts';
import type { CaseKeyTable, CaseTable, NotifierTable, ReportTable } from './tables.ts';

/** What filing writes (`planFilings`). */
export interface CaseWrites {
  createdCases: CaseTable[];
  caseEvents: CaseEventRow[];
  /** Existing cases joined, with the `last_seq` read under lock: each is updated only if it still holds. */
  joinedCases: { row: CaseTable; lastSeq: number }[];
  /** Upserted: a key already held by a closed case moves to the new case. */
  caseKeys: CaseKeyTable[];
}

/** Notices counted per notifier (Art. 23), added to the stored count. */
export type NoticeCount = Pick<
  NotifierTable,
  'org_id' | 'key' | 'label' | 'notice_count' | 'unfounded_count'
>;

export interface BatchWrites extends Partial<CaseWrites> {
  reports?: ReportTable[];
  /**
   * In key order, so concurrent batches lock notifier rows in one order. A notifier suspended at
   * `now` refuses the whole batch (`notifier_suspended`): the count's upsert returns the suspension,
   * so the check reads exactly the rows it writes.
   */
  noticeCounts?: { rows: NoticeCount[]; now: number };
}

export async function writeBatch(db: Db, writes: BatchWrites): Promise<void> {
  const { joined, suspended } = isPostgres(db)
    ? await writePostgres(db, writes)
    : await writeSqlite(db, writes);
  if (suspended) throw new AppError('notifier_suspended');
  for (const { row } of writes.joinedCases ?? []) {
    if (!joined.has(row.id)) throw new Error(`case ${row.id} changed concurrently`);
  }
}

interface Written {
  /** Ids of the joined cases whose `last_seq` still held, hence updated. */
  joined: Set<string>;
  suspended: boolean;
}

/** The columns a join may change: all but the case's identity. */
const updatedCaseColumns = (row: CaseTable) => Object.keys(row).filter((c) => c !== 'id' && c !== 'org_id');

async function writeSqlite(db: Db, w: BatchWrites): Promise<Written> {
  if (w.createdCases?.length) await db.insertInto('cases').values(w.createdCases).execute();
  if (w.caseEvents?.length) await db.insertInto('case_events').values(w.caseEvents).execute();
  const joined = new Set<string>();
  for (const { row, lastSeq } of w.joinedCases ?? []) {
    const { id, org_id: orgId, ...changes } = row;
    const updated = await db
      .updateTable('cases')
      .set(changes)
      .where('org_id', '=', orgId)
      .where('id', '=', id)
      .where('last_seq', '=', lastSeq)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 1) joined.add(id);
  }
  if (w.caseKeys?.length)
    await db
      .insertInto('case_keys')
      .values(w.caseKeys)
      .onConflict((oc) =>
        oc
          .columns(['org_id', 'kind', 'value'])
          .doUpdateSet((eb) => ({ case_id: eb.ref('excluded.case_id') })),
      )
      .execute();
  if (w.reports?.length) await db.insertInto('reports').values(w.reports).execute();
  let suspended = false;
  if (w.noticeCounts?.rows.length) {
    const { rows, now } = w.noticeCounts;
    const counted = await db
      .insertInto('notifiers')
      .values(rows)
      .onConflict((oc) =>
        oc.columns(['org_id', 'key']).doUpdateSet((eb) => ({
          notice_count: eb('notifiers.notice_count', '+', eb.ref('excluded.notice_count')),
        })),
      )
      .returning('suspended_until')
      .execute();
    suspended = counted.some((n) => n.suspended_until != null && Number(n.suspended_until) > now);
  }
  return { joined, suspended };
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * Rows as one JSON parameter. A lone UTF-16 surrogate (valid in a JS string, hence in a request)
 * becomes U+FFFD, as the driver's UTF-8 encoding of a plain parameter makes it: `jsonb` refuses its
 * escaped form. `JSON.stringify` escapes nothing else as `\udXXX`, so the common case costs one scan.
 */
function jsonParam(rows: object[]): string {
  const text = JSON.stringify(rows);
  if (!/\\ud[89a-f]/i.test(text)) return text;
  return JSON.stringify(rows, (_key, value: unknown) =>
    typeof value === 'string' ? value.replace(LONE_SURROGATE, '\ufffd') : value,
  );
}

/** `insert into <table> (<columns of the rows>) select … from jsonb_populate_recordset(…)`. */
function insertFromJson(table: string, rows: object[], param: string, onConflict = ''): string {
  const columns = Object.keys(rows[0] as object).join(', ');
  return `insert into ${table} (${columns}) select ${columns} from jsonb_populate_recordset(null::${table}, ${param}::jsonb) ${onConflict}`;
}

async function writePostgres(db: Db, w: BatchWrites): Promise<Written> {
  const parts: string[] = [];
  const params: unknown[] = [];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const rowsOf = <T extends object>(rows: T[] | undefined) => (rows && rows.length > 0 ? rows : undefined);

  const created = rowsOf(w.createdCases);
  if (created) parts.push(insertFromJson('cases', created, param(jsonParam(created))));
  const events = rowsOf(w.caseEvents);
  if (events) parts.push(insertFromJson('case_events', events, param(jsonParam(events))));
  const joinedCases = rowsOf(w.joinedCases);
  let joinedPart: string | undefined;
  if (joinedCases) {
    const rows = joinedCases.map(({ row, lastSeq }) => ({ ...row, expected_last_seq: lastSeq }));
    const p = param(jsonParam(rows));
    const set = updatedCaseColumns(joinedCases[0]!.row)
      .map((c) => `${c} = j.${c}`)
      .join(', ');
    joinedPart =
      `update cases c set ${set} from jsonb_populate_recordset(null::cases, ${p}::jsonb) j ` +
      `join jsonb_to_recordset(${p}::jsonb) as x(id text, expected_last_seq integer) on x.id = j.id ` +
      `where c.org_id = j.org_id and c.id = j.id and c.last_seq = x.expected_last_seq ` +
      // The ids again as an array: its length is known to the planner (a JSON set counts as 100
      // rows), so it updates through the primary key rather than scanning every case.
      `and c.id = any(${param(joinedCases.map(({ row }) => row.id))}::text[]) returning c.id`;
  }
  const keys = rowsOf(w.caseKeys);
  if (keys)
    parts.push(
      insertFromJson(
        'case_keys',
        keys,
        param(jsonParam(keys)),
        'on conflict (org_id, kind, value) do update set case_id = excluded.case_id',
      ),
    );
  const reports = rowsOf(w.reports);
  if (reports) parts.push(insertFromJson('reports', reports, param(jsonParam(reports))));
  let countedPart: string | undefined;
  if (w.noticeCounts?.rows.length) {
    const { rows, now } = w.noticeCounts;
    countedPart = insertFromJson(
      'notifiers',
      rows,
      param(jsonParam(rows)),
      'on conflict (org_id, key) do update set notice_count = notifiers.notice_count + excluded.notice_count ' +
        `returning suspended_until > ${param(now)}::bigint as suspended`,
    );
  }
  const ctes = [
    ...parts.map((part, i) => `w${i} as (${part})`),
    ...(joinedPart ? [`joined as (${joinedPart})`] : []),
    ...(countedPart ? [`counted as (${countedPart})`] : []),
  ];
  if (ctes.length === 0) return { joined: new Set(), suspended: false };
  const text =
    `with ${ctes.join(', ')} select ` +
    `${joinedPart ? '(select coalesce(json_agg(id), $$[]$$::json) from joined)' : `$$[]$$::json`} as joined, ` +
    `${countedPart ? 'exists (select 1 from counted where suspended)' : 'false'} as suspended`;
  const result = await db.executeQuery<{ joined: string[]; suspended: boolean }>(
    CompiledQuery.raw(text, params),
  );
  const answer = result.rows[0];
  return { joined: new Set(answer?.joined ?? []), suspended: answer?.suspended ?? false };
}
