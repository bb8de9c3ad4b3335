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
import { appendCaseEvents, caseEventRows, type NewCaseEvent } from './events.ts';
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

async function findOpenCase(
  db: Db,
  orgId: string,
  filing: Filing,
): Promise<{ open?: CaseTable; previous?: string }> {
  const candidates = new Set<string>();
  if (filing.keys.length > 0) {
    const rows = await db
      .selectFrom('case_keys')
      .select('case_id')
      .where('org_id', '=', orgId)
      .where((eb) =>
        eb.or(filing.keys.map((k) => eb.and([eb('kind', '=', k.kind), eb('value', '=', k.value)]))),
      )
      .execute();
    for (const r of rows) candidates.add(r.case_id);
  }
  if (filing.similarCaseId) candidates.add(filing.similarCaseId);
  if (candidates.size === 0) return {};
  const cases = await db
    .selectFrom('cases')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('id', 'in', [...candidates])
    .orderBy('opened_at', 'desc')
    .$if(isPostgres(db), (q) => q.forUpdate())
    .execute();
  const open = cases.find((c) => c.status === 'open');
  return open ? { open } : { ...(cases[0] ? { previous: cases[0].id } : {}) };
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
): Promise<{ caseId: string; reference: string; joined: boolean }> {
  const orgId = actor.orgId;
  const { open, previous } = await findOpenCase(db, orgId, filing);
  const a = filing.attributes;
  const incident = incidentOfKeys(await activeIncidents(db, orgId), filing.keys);
  if (open) {
    const merged = {
      ...open,
      incident_id: open.incident_id ?? incident?.id ?? null,
      report_count: open.report_count + filing.reports,
      match_count: open.match_count + filing.matches,
      trusted_flagger: open.trusted_flagger === 1 || a.trustedFlagger ? 1 : 0,
      // A removal order or trusted-flagger notice outranks what the case was opened from.
      source_type: sourceRank(a.sourceType) > sourceRank(open.source_type) ? a.sourceType : open.source_type,
      language: open.language ?? a.language,
      country: open.country ?? a.country,
    };
    const triage = await triageColumns(db, orgId, merged);
    const events = [...filing.events];
    if (triage.queue_id !== open.queue_id)
      events.push({ type: 'routed', data: { queueId: triage.queue_id } });
    await appendCaseEvents(
      db,
      actor,
      open,
      events,
      {
        report_count: merged.report_count,
        match_count: merged.match_count,
        trusted_flagger: merged.trusted_flagger,
        source_type: merged.source_type,
        language: merged.language,
        country: merged.country,
        incident_id: merged.incident_id,
        ...triage,
      },
      now,
    );
    await pointKeysAt(db, orgId, filing.keys, open.id);
    return { caseId: open.id, reference: open.reference, joined: true };
  }

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
  Object.assign(row, triage);
  const events = caseEventRows(
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
  // A new case is written with its first events at once: no projection update needed.
  row.last_seq = events.length;
  await db.insertInto('cases').values(row).execute();
  await db.insertInto('case_events').values(events).execute();
  await pointKeysAt(db, orgId, filing.keys, row.id);
  return { caseId: row.id, reference: row.reference, joined: false };
}

const sourceRanks = ['match', 'notice', 'authority', 'trusted_flagger', 'removal_order'];
const sourceRank = (s: string) => sourceRanks.indexOf(s);
