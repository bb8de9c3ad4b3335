/**
 * Files new information about a piece of content into a case: the open case that already holds the
 * same canonical URL or the same exact hash (or that `similarCaseId` names: a PDQ neighbour, see
 * pdq-grouping.ts), or a new case. Only open cases are joined: a report about content already decided
 * starts a new case (linked to the old one in its first event), so a new reporter's status page never
 * shows a decision taken before their report, and cannot reveal that someone else reported it first.
 * Content whose keys belong to an active incident links its case to that incident (triage/incidents.ts).
 */
import { randomUUID } from 'node:crypto';
import type { Actor } from '../identity/actor.ts';
import { isPostgres, type Db } from '../storage/transaction.ts';
import { triageColumns } from '../triage/case-triage.ts';
import { activeIncidents, incidentOfKeys } from '../triage/incident-store.ts';
import { writeBatch, type CaseWrites } from './batch-writes.ts';
import { openedCaseRow } from './case-row.ts';
import { caseEventRows, type CaseEventRow, type NewCaseEvent } from './events.ts';
import { newCaseReference } from './references.ts';
import type { CaseKeyTable, CaseTable } from './tables.ts';

export interface ContentKey {
  kind: 'url' | 'sha256' | 'md5' | 'pdq';
  value: string;
}

export interface CaseAttributes {
  category: string;
  language: string | null;
  country: string | null;
  url: string | null;
  canonicalUrl: string | null;
  sourceType: string;
  trustedFlagger: boolean;
}

export interface Filing {
  keys: ContentKey[];
  attributes: CaseAttributes;
  /** What this filing adds: counted into the projection. */
  reports: number;
  matches: number;
  /** Events describing the filing (`reported`, `matched`). */
  events: NewCaseEvent[];
  /** A case already known to match (e.g. by PDQ distance), used when no key matches. */
  similarCaseId?: string | undefined;
}

/** A content key within an organisation, for in-memory lookups. */
const keyId = (orgId: string, k: ContentKey) => JSON.stringify([orgId, k.kind, k.value]);

type KeyedCase = CaseTable & { key_kind: string; key_value: string };

/**
 * The cases holding these keys, one row per key (a superset: callers keep the keys they asked for),
 * locked on PostgreSQL in id order. The case is joined by id alone, so it is read through its
 * primary key even while a new database has no statistics (with `org_id` in the join, the planner
 * then read every case of the organisation per key found).
 */
function casesOfKeys(db: Db, keys: (ContentKey & { orgId: string })[]): Promise<KeyedCase[]> {
  return db
    .selectFrom('case_keys as k')
    .innerJoin('cases as c', 'c.id', 'k.case_id')
    .select(['k.kind as key_kind', 'k.value as key_value'])
    .selectAll('c')
    .where('k.org_id', 'in', [...new Set(keys.map((k) => k.orgId))])
    .where('k.kind', 'in', [...new Set(keys.map((k) => k.kind))])
    .where('k.value', 'in', [...new Set(keys.map((k) => k.value))])
    .orderBy('c.id')
    .$if(isPostgres(db), (q) => q.forUpdate(['c']))
    .execute();
}

/**
 * The cases the filings' keys (or `similarCaseId`s) name, locked on PostgreSQL in id order as the
 * filings may update them: one read joining the keys to their cases, and one more only for named
 * `similarCaseId`s the keys did not reach (single filings of background jobs).
 */
async function knownCases(
  db: Db,
  requests: FilingRequest[],
): Promise<{ caseOfKey: Map<string, string>; cases: Map<string, CaseTable> }> {
  const caseOfKey = new Map<string, string>();
  const cases = new Map<string, CaseTable>();
  const orgIds = [...new Set(requests.map((r) => r.actor.orgId))];
  const wanted = new Map(
    requests.flatMap((r) =>
      r.filing.keys.map((k) => [keyId(r.actor.orgId, k), { orgId: r.actor.orgId, ...k }]),
    ),
  );
  if (wanted.size > 0) {
    for (const { key_kind, key_value, ...kase } of await casesOfKeys(db, [...wanted.values()])) {
      const id = keyId(kase.org_id, { kind: key_kind as ContentKey['kind'], value: key_value });
      if (!wanted.has(id)) continue;
      caseOfKey.set(id, kase.id);
      cases.set(kase.id, kase);
    }
  }
  const similar = [
    ...new Set(requests.flatMap((r) => (r.filing.similarCaseId ? [r.filing.similarCaseId] : []))),
  ].filter((id) => !cases.has(id));
  if (similar.length > 0) {
    const rows = await db
      .selectFrom('cases')
      .selectAll()
      .where('org_id', 'in', orgIds)
      .where('id', 'in', similar)
      .orderBy('id')
      .$if(isPostgres(db), (q) => q.forUpdate())
      .execute();
    for (const row of rows) cases.set(row.id, row);
  }
  return { caseOfKey, cases };
}

export async function pointKeysAt(db: Db, orgId: string, keys: ContentKey[], caseId: string): Promise<void> {
  if (keys.length === 0) return;
  await db
    .insertInto('case_keys')
    .values(keys.map((k) => ({ org_id: orgId, kind: k.kind, value: k.value, case_id: caseId })))
    .onConflict((oc) => oc.columns(['org_id', 'kind', 'value']).doUpdateSet({ case_id: caseId }))
    .execute();
}

export async function fileIntoCase(
  db: Db,
  actor: Pick<Actor, 'type' | 'id' | 'orgId'>,
  filing: Filing,
  now = Date.now(),
): Promise<FiledCase> {
  const [filed] = await fileIntoCases(db, [{ actor, filing, now }]);
  return filed as FiledCase;
}

export interface FilingRequest {
  actor: Pick<Actor, 'type' | 'id' | 'orgId'>;
  filing: Filing;
  now: number;
}

export interface FiledCase {
  caseId: string;
  reference: string;
  joined: boolean;
}

/**
 * Files several pieces of information in order, as `fileIntoCase` one after the other would (a
 * filing may join a case opened or joined by an earlier one of the same call): one read, then the
 * batch's writes (batch-writes.ts: one statement on PostgreSQL, one per table on SQLite).
 */
export async function fileIntoCases(db: Db, requests: FilingRequest[]): Promise<FiledCase[]> {
  const { filed, writes } = await planFilings(db, requests);
  await writeBatch(db, writes);
  return filed;
}

/**
 * The first half of `fileIntoCases`: reads and locks the cases the filings name, then files them in
 * memory. Returns where each filing went and the rows to write (with `writeBatch`, in the same
 * transaction, possibly together with other rows of the batch).
 */
export async function planFilings(
  db: Db,
  requests: FilingRequest[],
): Promise<{ filed: FiledCase[]; writes: CaseWrites }> {
  const { caseOfKey, cases } = await knownCases(db, requests);
  const created = new Set<string>();
  /** Existing cases joined: their `last_seq` before this batch, for the optimistic check. */
  const joinedFrom = new Map<string, number>();
  const events: CaseEventRow[] = [];
  const keys = new Map<string, CaseKeyTable>();
  const filed: FiledCase[] = [];
  for (const { actor, filing, now } of requests) {
    const orgId = actor.orgId;
    const candidates = [
      ...new Set([
        ...filing.keys.flatMap((k) => caseOfKey.get(keyId(orgId, k)) ?? []),
        ...(filing.similarCaseId ? [filing.similarCaseId] : []),
      ]),
    ]
      .flatMap((id) => cases.get(id) ?? [])
      .filter((c) => c.org_id === orgId)
      .sort((x, y) => Number(y.opened_at) - Number(x.opened_at));
    const open = candidates.find((c) => c.status === 'open');
    const previous = open ? undefined : candidates[0]?.id;
    const a = filing.attributes;
    const incident = incidentOfKeys(await activeIncidents(db, orgId), filing.keys);
    let kase: CaseTable;
    if (open) {
      const merged = {
        ...open,
        incident_id: open.incident_id ?? incident?.id ?? null,
        report_count: open.report_count + filing.reports,
        match_count: open.match_count + filing.matches,
        trusted_flagger: open.trusted_flagger === 1 || a.trustedFlagger ? 1 : 0,
        // A removal order or trusted-flagger notice outranks what the case was opened from.
        source_type:
          sourceRank(a.sourceType) > sourceRank(open.source_type) ? a.sourceType : open.source_type,
        language: open.language ?? a.language,
        country: open.country ?? a.country,
      };
      const triage = await triageColumns(db, orgId, merged);
      const added = [...filing.events];
      if (triage.queue_id !== open.queue_id)
        added.push({ type: 'routed', data: { queueId: triage.queue_id } });
      const rows = caseEventRows(actor, open.id, open.last_seq, added, now);
      if (!created.has(open.id) && !joinedFrom.has(open.id)) joinedFrom.set(open.id, open.last_seq);
      kase = { ...merged, ...triage, last_seq: open.last_seq + rows.length, updated_at: now };
      events.push(...rows);
      filed.push({ caseId: open.id, reference: open.reference, joined: true });
    } else {
      const row = openedCaseRow(
        {
          id: randomUUID(),
          org_id: orgId,
          reference: newCaseReference(),
          category: a.category,
          language: a.language,
          country: a.country,
          url: a.url,
          canonical_url: a.canonicalUrl,
          source_type: a.sourceType,
          trusted_flagger: a.trustedFlagger ? 1 : 0,
          report_count: filing.reports,
          match_count: filing.matches,
          incident_id: incident?.id ?? null,
        },
        now,
      );
      const triage = await triageColumns(db, orgId, row);
      const rows = caseEventRows(
        actor,
        row.id,
        0,
        [
          ...filing.events.map((e, i) =>
            i === 0 && previous ? { ...e, data: { ...e.data, previousCaseId: previous } } : e,
          ),
          { type: 'routed', data: { queueId: triage.queue_id } },
        ],
        now,
      );
      kase = { ...row, ...triage, last_seq: rows.length };
      created.add(kase.id);
      events.push(...rows);
      filed.push({ caseId: kase.id, reference: kase.reference, joined: false });
    }
    cases.set(kase.id, kase);
    for (const k of filing.keys) {
      caseOfKey.set(keyId(orgId, k), kase.id);
      keys.set(keyId(orgId, k), { org_id: orgId, kind: k.kind, value: k.value, case_id: kase.id });
    }
  }
  return {
    filed,
    writes: {
      // New cases are written with their events at once (and whatever later filings added to them).
      createdCases: [...created].map((id) => cases.get(id) as CaseTable),
      caseEvents: events,
      joinedCases: [...joinedFrom].map(([id, lastSeq]) => ({ row: cases.get(id) as CaseTable, lastSeq })),
      caseKeys: [...keys.values()],
    },
  };
}

const sourceRanks = ['match', 'notice', 'authority', 'trusted_flagger', 'removal_order'];
const sourceRank = (s: string) => sourceRanks.indexOf(s);
