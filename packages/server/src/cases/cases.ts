/** Reading cases: the projection row, its public view for reviewers, and listing. */
import { notFound } from '../errors.ts';
import { isPostgres, type Db } from '../storage/transaction.ts';
import type { PriorityReason } from '../triage/priority.ts';
import { listCaseEvents, type CaseEvent } from './events.ts';
import type { CaseTable } from './tables.ts';

export type CaseStatus = 'open' | 'decided' | 'appealed' | 'closed';

export interface CaseView {
  id: string;
  reference: string;
  status: CaseStatus;
  category: string;
  language: string | null;
  country: string | null;
  url: string | null;
  sourceType: string;
  trustedFlagger: boolean;
  reportCount: number;
  matchCount: number;
  priority: number;
  priorityReasons: PriorityReason[];
  queueId: string | null;
  assignedTo: string | null;
  claimExpiresAt: number | null;
  escalatedAt: number | null;
  dueAt: number | null;
  decisionId: string | null;
  openedAt: number;
  updatedAt: number;
  closedAt: number | null;
  classifierScore: number | null;
  incidentId: string | null;
}

const num = (v: number | null) => (v === null ? null : Number(v));

export function toCaseView(row: CaseTable, now = Date.now()): CaseView {
  const claimActive =
    row.assigned_to !== null && row.claim_expires_at !== null && Number(row.claim_expires_at) > now;
  return {
    id: row.id,
    reference: row.reference,
    status: row.status as CaseStatus,
    category: row.category,
    language: row.language,
    country: row.country,
    url: row.url,
    sourceType: row.source_type,
    trustedFlagger: row.trusted_flagger === 1,
    reportCount: row.report_count,
    matchCount: row.match_count,
    priority: row.priority,
    priorityReasons: JSON.parse(row.priority_reasons) as PriorityReason[],
    queueId: row.queue_id,
    // An expired claim is no claim: the case is free again.
    assignedTo: claimActive ? row.assigned_to : null,
    claimExpiresAt: claimActive ? num(row.claim_expires_at) : null,
    escalatedAt: num(row.escalated_at),
    dueAt: num(row.due_at),
    decisionId: row.decision_id,
    openedAt: Number(row.opened_at),
    updatedAt: Number(row.updated_at),
    closedAt: num(row.closed_at),
    classifierScore: row.classifier_score === null ? null : Number(row.classifier_score),
    incidentId: row.incident_id,
  };
}

/** The case row, locked for the rest of the transaction on PostgreSQL when `forUpdate`. */
export async function getCaseRow(
  db: Db,
  orgId: string,
  caseId: string,
  forUpdate = false,
): Promise<CaseTable> {
  const row = await db
    .selectFrom('cases')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('id', '=', caseId)
    .$if(forUpdate && isPostgres(db), (q) => q.forUpdate())
    .executeTakeFirst();
  if (!row) throw notFound('Case', 'params.caseId');
  return row;
}

export interface CaseFilter {
  status?: CaseStatus | undefined;
  queueId?: string | undefined;
  /** The cases linked to one crisis incident (index cases(org_id, incident_id)). */
  incidentId?: string | undefined;
  overdue?: boolean | undefined;
  limit?: number | undefined;
  /** Cursor for the next page: the `openedAt` and `id` of the last case of the previous one. */
  before?: number | undefined;
  beforeId?: string | undefined;
}

export async function listCases(db: Db, orgId: string, filter: CaseFilter = {}): Promise<CaseView[]> {
  const now = Date.now();
  const rows = await db
    .selectFrom('cases')
    .selectAll()
    .where('org_id', '=', orgId)
    .$if(filter.status !== undefined, (q) => q.where('status', '=', filter.status as string))
    .$if(filter.queueId !== undefined, (q) => q.where('queue_id', '=', filter.queueId as string))
    .$if(filter.incidentId !== undefined, (q) => q.where('incident_id', '=', filter.incidentId as string))
    .$if(filter.overdue === true, (q) => q.where('status', '=', 'open').where('due_at', '<', now))
    .$if(filter.before !== undefined, (q) =>
      q.where((eb) =>
        eb.or([
          eb('opened_at', '<', filter.before as number),
          eb.and([eb('opened_at', '=', filter.before as number), eb('id', '<', filter.beforeId ?? '')]),
        ]),
      ),
    )
    .orderBy(filter.overdue ? 'due_at' : 'opened_at', filter.overdue ? 'asc' : 'desc')
    .orderBy('id', 'desc')
    .limit(filter.limit ?? 100)
    .execute();
  return rows.map((r) => toCaseView(r, now));
}

export interface ReportView {
  id: string;
  channel: string;
  notifierType: string;
  url: string;
  explanation: string;
  category: string;
  keywords: string[];
  language: string | null;
  country: string | null;
  anonymous: boolean;
  receivedAt: number;
  attachments: {
    id: string;
    filename: string;
    mediaType: string;
    size: number;
    sha256: string;
    pdq: string | null;
  }[];
}

export interface CaseDetail {
  case: CaseView;
  events: CaseEvent[];
  reports: ReportView[];
}

/** A case with its log and reports, as reviewers see it: reporter contacts stay sealed. */
export async function getCaseDetail(db: Db, orgId: string, caseId: string): Promise<CaseDetail> {
  const row = await getCaseRow(db, orgId, caseId);
  const reports = await db
    .selectFrom('reports')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('case_id', '=', caseId)
    .orderBy('received_at')
    .execute();
  const attachments =
    reports.length === 0
      ? []
      : await db
          .selectFrom('report_attachments')
          .selectAll()
          .where('org_id', '=', orgId)
          .where(
            'report_id',
            'in',
            reports.map((r) => r.id),
          )
          .execute();
  return {
    case: toCaseView(row),
    events: await listCaseEvents(db, orgId, caseId),
    reports: reports.map((r) => ({
      id: r.id,
      channel: r.channel,
      notifierType: r.notifier_type,
      url: r.url,
      explanation: r.explanation,
      category: r.category,
      keywords: JSON.parse(r.keywords) as string[],
      language: r.language,
      country: r.country,
      anonymous: r.contact_sealed === null,
      receivedAt: Number(r.received_at),
      attachments: attachments
        .filter((a) => a.report_id === r.id)
        .map((a) => ({
          id: a.id,
          filename: a.filename,
          mediaType: a.media_type,
          size: Number(a.size),
          sha256: a.sha256,
          pdq: a.pdq,
        })),
    })),
  };
}
