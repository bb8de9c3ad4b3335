/**
 * Grouping by perceptual hash: content whose PDQ is within the bank default threshold (31 of 256 bits)
 * of an open case's PDQ belongs to that case. The search is exact (pdq-neighbours.ts), its cost follows
 * the open backlog, not history, and every process sees the same answer because the database is the
 * only state. Groupings of one
 * organisation are serialised (an advisory lock on PostgreSQL; SQLite has a single writer), so two
 * near-duplicates hashed at the same moment by two processes cannot both open a case.
 *
 * A report's image is hashed after intake (jobs.ts), when the report already has a case. If that case
 * is untouched — open, undecided, not claimed, not escalated — it is merged into the neighbour: its
 * reports and keys move, it closes with a `closed` event naming the case it joined, and the neighbour
 * gets a `reported` event and is routed again. A case a reviewer has started on is left alone.
 */
import { sql } from 'kysely';
import { systemActor } from '../identity/actor.ts';
import { isPostgres, type Db } from '../storage/transaction.ts';
import { claimIsActive } from '../triage/claims.ts';
import { linkCaseToActiveIncident } from '../triage/incidents.ts';
import { getCaseRow } from './cases.ts';
import { appendCaseEvents } from './events.ts';
import { fileIntoCase, pointKeysAt } from './grouping.ts';
import { openCasesNearPdq, PDQ_NEIGHBOUR_DISTANCE } from './pdq-neighbours.ts';
import type { CaseTable } from './tables.ts';

/** The bank default, so a report groups with what a bank check would call the same image. */
export const PDQ_GROUPING_DISTANCE = PDQ_NEIGHBOUR_DISTANCE;

/** Serialises PDQ grouping within an organisation until the transaction ends. */
export async function lockPdqGrouping(db: Db, orgId: string): Promise<void> {
  if (isPostgres(db)) await sql`select pg_advisory_xact_lock(hashtext(${`case-pdq:${orgId}`}))`.execute(db);
}

/** The open case with the nearest PDQ within the threshold (the older case on a tie). */
export async function nearestOpenCaseByPdq(
  db: Db,
  orgId: string,
  pdq: string,
  exceptCaseId?: string,
): Promise<{ caseId: string; distance: number } | undefined> {
  const [best] = (await openCasesNearPdq(db, orgId, [pdq], { exceptCaseId })).sort(
    (x, y) => x.distance - y.distance || x.openedAt - y.openedAt,
  );
  return best && { caseId: best.caseId, distance: best.distance };
}

const untouched = (c: CaseTable, now: number) =>
  c.status === 'open' && c.decision_id === null && c.escalated_at === null && !claimIsActive(c, now);

/**
 * Files the PDQ of a report's image: into the report's own case, or, when an open neighbour is within
 * the threshold and the report's case is untouched, by merging that case into the neighbour.
 */
export async function groupReportByPdq(
  db: Db,
  orgId: string,
  reportId: string,
  pdq: string,
  now = Date.now(),
): Promise<{ caseId: string; mergedFrom?: string; distance?: number }> {
  await lockPdqGrouping(db, orgId);
  const report = await db
    .selectFrom('reports')
    .select('case_id')
    .where('org_id', '=', orgId)
    .where('id', '=', reportId)
    .executeTakeFirstOrThrow();
  const source = await getCaseRow(db, orgId, report.case_id, true);
  const key = { kind: 'pdq' as const, value: pdq };
  const actor = systemActor(orgId, 'pdq-grouping');
  /** The image stays with the report's own case, which joins a crisis incident declared with a PDQ near it. */
  const keepOnOwnCase = async () => {
    await pointKeysAt(db, orgId, [key], source.id);
    await linkCaseToActiveIncident(db, actor, source, [key], now);
    return { caseId: source.id };
  };
  const near = await nearestOpenCaseByPdq(db, orgId, pdq, source.id);
  if (!near) return keepOnOwnCase();
  // A reviewer's work on the report's case is not undone; the neighbour keeps the key.
  if (!untouched(source, now)) return { caseId: source.id };
  // Locked before anything moves: a decision committed since the search closes the neighbour.
  const target = await getCaseRow(db, orgId, near.caseId, true);
  if (target.status !== 'open') return keepOnOwnCase();

  const moved = (
    await db
      .selectFrom('reports')
      .select('id')
      .where('org_id', '=', orgId)
      .where('case_id', '=', source.id)
      .execute()
  ).map((r) => r.id);
  await db
    .updateTable('reports')
    .set({ case_id: target.id })
    .where('org_id', '=', orgId)
    .where('case_id', '=', source.id)
    .execute();
  await db
    .updateTable('case_keys')
    .set({ case_id: target.id })
    .where('org_id', '=', orgId)
    .where('case_id', '=', source.id)
    .execute();
  await appendCaseEvents(
    db,
    actor,
    source,
    [
      {
        type: 'closed',
        data: { mergedInto: target.id, reason: 'similar image', pdqDistance: near.distance },
      },
    ],
    { status: 'closed', closed_at: now, assigned_to: null, claim_expires_at: null },
    now,
  );
  const filed = await fileIntoCase(
    db,
    actor,
    {
      keys: [key],
      attributes: {
        category: source.category,
        language: source.language,
        country: source.country,
        url: source.url,
        canonicalUrl: source.canonical_url,
        sourceType: source.source_type,
        trustedFlagger: source.trusted_flagger === 1,
      },
      reports: source.report_count,
      matches: source.match_count,
      events: [
        {
          type: 'reported',
          data: { mergedFrom: source.id, reportIds: moved, pdqDistance: near.distance },
        },
      ],
      similarCaseId: target.id,
    },
    now,
  );
  return { caseId: filed.caseId, mergedFrom: source.id, distance: near.distance };
}
