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
import { caseEventRows, type NewCaseEvent } from './events.ts';
import { newCaseReference } from './references.ts';
import type { CaseTable } from './tables.ts';

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

/**
 * The cases the filings' keys (or `similarCaseId`s) name: one read for the keys, one for the cases
 * (locked on PostgreSQL, in id order, as the filings may update them).
 */
async function knownCases(
  db: Db,
  requests: FilingRequest[],
): Promise<{ caseOfKey: Map<string, string>; cases: Map<string, CaseTable> }> {
  const caseOfKey = new Map<string, string>();
  const orgIds = [...new Set(requests.map((r) => r.actor.orgId))];
  const keys = requests.flatMap((r) => r.filing.keys);
  if (keys.length > 0) {
    const wanted = new Set(requests.flatMap((r) => r.filing.keys.map((k) => keyId(r.actor.orgId, k))));
    const rows = await db
      .selectFrom('case_keys')
      .select(['org_id', 'kind', 'value', 'case_id'])
      .where('org_id', 'in', orgIds)
      .where('kind', 'in', [...new Set(keys.map((k) => k.kind))])
      .where('value', 'in', [...new Set(keys.map((k) => k.value))])
      .execute();
    for (const r of rows) {
      const id = keyId(r.org_id, { kind: r.kind as ContentKey['kind'], value: r.value });
      if (wanted.has(id)) caseOfKey.set(id, r.case_id);
    }
  }
  const caseIds = new Set([
    ...caseOfKey.values(),
    ...requests.flatMap((r) => (r.filing.similarCaseId ? [r.filing.similarCaseId] : [])),
  ]);
  const cases = new Map<string, CaseTable>();
  if (caseIds.size > 0) {
    const rows = await db
      .selectFrom('cases')
      .selectAll()
      .where('org_id', 'in', orgIds)
      .where('id', 'in', [...caseIds])
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
 * filing may join a case opened or joined by an earlier one of the same call), with one read and
 * one write per table for the whole batch, plus one update per existing case joined.
 */
export async function fileIntoCases(db: Db, requests: FilingRequest[]): Promise<FiledCase[]> {
  const { caseOfKey, cases } = await knownCases(db, requests);
  const created = new Set<string>();
  /** Existing cases joined: their `last_seq` before this batch, for the optimistic check. */
  const joinedFrom = new Map<string, number>();
  const events: ReturnType<typeof caseEventRows> = [];
  const keys = new Map<string, { org_id: string; kind: string; value: string; case_id: string }>();
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
      const row: CaseTable = {
        id: randomUUID(),
        org_id: orgId,
        reference: newCaseReference(),
        status: 'open',
        category: a.category,
        language: a.language,
        country: a.country,
        url: a.url,
        canonical_url: a.canonicalUrl,
        source_type: a.sourceType,
        trusted_flagger: a.trustedFlagger ? 1 : 0,
        report_count: filing.reports,
        match_count: filing.matches,
        priority: 0,
        priority_reasons: '[]',
        queue_id: null,
        assigned_to: null,
        claim_expires_at: null,
        escalated_at: null,
        due_at: null,
        decision_id: null,
        opened_at: now,
        updated_at: now,
        closed_at: null,
        last_seq: 0,
        classifier_score: null,
        incident_id: incident?.id ?? null,
      };
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
  // New cases are written with their events at once (and whatever later filings added to them).
  if (created.size > 0)
    await db
      .insertInto('cases')
      .values([...created].map((id) => cases.get(id) as CaseTable))
      .execute();
  if (events.length > 0) await db.insertInto('case_events').values(events).execute();
  for (const [id, lastSeq] of joinedFrom) {
    const { id: _id, org_id: orgId, ...changes } = cases.get(id) as CaseTable;
    const updated = await db
      .updateTable('cases')
      .set(changes)
      .where('org_id', '=', orgId)
      .where('id', '=', id)
      .where('last_seq', '=', lastSeq)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw new Error(`case ${id} changed concurrently`);
  }
  if (keys.size > 0) {
    await db
      .insertInto('case_keys')
      .values([...keys.values()])
      .onConflict((oc) =>
        oc
          .columns(['org_id', 'kind', 'value'])
          .doUpdateSet((eb) => ({ case_id: eb.ref('excluded.case_id') })),
      )
      .execute();
  }
  return filed;
}

const sourceRanks = ['match', 'notice', 'authority', 'trusted_flagger', 'removal_order'];
const sourceRank = (s: string) => sourceRanks.indexOf(s);
