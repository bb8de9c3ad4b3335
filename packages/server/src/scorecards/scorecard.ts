/**
 * Scorecards of an organisation's own notices, or of a study's notices across its active member
 * organisations. Only aggregate figures leave this module: a study scorecard never carries a notice
 * text, reporter, note or id.
 */
import type { Db } from '../storage/transaction.ts';
import type { NoticeTable } from '../notices/tables.ts';
import { activeMemberIds } from '../studies/studies.ts';
import {
  groupFigures,
  type ChannelRow,
  type Figures,
  type NoticeTimeline,
  type ScorecardRow,
} from './figures.ts';
import { methodologyNote } from './methodology.ts';

export interface ScorecardQuery {
  /** Sending-time window, `from` inclusive, `to` exclusive. */
  from?: number | undefined;
  to?: number | undefined;
  /** Outcomes known at this time count (default: now). */
  asOf: number;
}

export interface Scorecard {
  scope: { kind: 'organisation' | 'study'; name: string };
  period: { from: number | null; to: number | null; asOf: number };
  rows: ScorecardRow[];
  channels: ChannelRow[];
  platforms: { platform: string; figures: Figures }[];
  overall: Figures;
  excluded: { unsent: number };
  methodology: string;
}

/** The only columns a scorecard reads: times and grouping keys, never texts. */
export const TIMELINE_COLUMNS = [
  'platform_slug',
  'channel',
  'trusted_flagger',
  'category',
  'country',
  'language',
  'created_at',
  'sent_at',
  'acknowledged_at',
  'decision',
  'decided_at',
  'sor_received_at',
  'escalated_at',
  'reversed_at',
  'content_gone_at',
] as const;
type TimelineRow = Pick<NoticeTable, (typeof TIMELINE_COLUMNS)[number]>;

function toTimeline(row: TimelineRow): NoticeTimeline {
  return {
    platform: row.platform_slug,
    channel: row.channel,
    trustedFlagger: row.trusted_flagger === 1,
    category: row.category,
    country: row.country,
    language: row.language,
    sentAt: row.sent_at as number,
    acknowledgedAt: row.acknowledged_at,
    decision: row.decision,
    decidedAt: row.decided_at,
    statementOfReasonsAt: row.sor_received_at,
    escalatedAt: row.escalated_at,
    reversedAt: row.reversed_at,
    contentGoneAt: row.content_gone_at,
  };
}

async function build(
  db: Db,
  scope: Scorecard['scope'],
  orgIds: string[],
  studyId: string | null,
  q: ScorecardQuery,
): Promise<Scorecard> {
  const from = q.from ?? null;
  const to = q.to ?? null;
  const rows =
    orgIds.length === 0
      ? []
      : await db
          .selectFrom('notices')
          .select(TIMELINE_COLUMNS)
          .where('org_id', 'in', orgIds)
          .$if(studyId !== null, (s) => s.where('study_id', '=', studyId as string))
          // Sent in the period, or never sent (counted as excluded when created in the period).
          .$if(from !== null, (s) =>
            s.where((eb) =>
              eb.or([eb('sent_at', '>=', from as number), eb('created_at', '>=', from as number)]),
            ),
          )
          .execute();
  const inPeriod = (at: number) => (from === null || at >= from) && (to === null || at < to) && at <= q.asOf;
  const sent = rows.filter((r) => r.sent_at !== null && inPeriod(r.sent_at));
  const unsent = rows.filter(
    (r) => (r.sent_at === null || r.sent_at > q.asOf) && inPeriod(r.created_at),
  ).length;
  const grouped = groupFigures(sent.map(toTimeline), q.asOf);
  return {
    scope,
    period: { from, to, asOf: q.asOf },
    ...grouped,
    excluded: { unsent },
    methodology: methodologyNote({
      scope: `${scope.kind} ${scope.name}`,
      from,
      to,
      asOf: q.asOf,
      included: sent.length,
      excludedUnsent: unsent,
    }),
  };
}

export function organisationScorecard(db: Db, org: { id: string; slug: string }, q: ScorecardQuery) {
  return build(db, { kind: 'organisation', name: org.slug }, [org.id], null, q);
}

export async function studyScorecard(db: Db, study: { id: string; name: string }, q: ScorecardQuery) {
  return build(db, { kind: 'study', name: study.name }, await activeMemberIds(db, study.id), study.id, q);
}
