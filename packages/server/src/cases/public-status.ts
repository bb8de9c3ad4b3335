/**
 * What a reporter sees on `/r/<reference>`: the progress and outcome of *their* report, built only
 * from case events recorded since their report arrived, and only from the kinds of event that
 * concern them. Nothing here depends on other reports (no counts, no earlier notes, no case
 * reference), so the page cannot tell whether anybody else reported the same content.
 */
import { notFound } from '../errors.ts';
import type { Db } from '../storage/transaction.ts';
import { appealDeadline } from './appeal-window.ts';
import { reportReferencePattern } from './references.ts';

export type PublicStatus = 'received' | 'in_review' | 'decided' | 'under_appeal' | 'appeal_decided';

export interface PublicReportStatus {
  reference: string;
  receivedAt: number;
  status: PublicStatus;
  outcome: { action: string; decidedAt: number; reversed: boolean } | null;
  notes: { at: number; text: string }[];
  appeal: { deadline: number; open: boolean } | null;
}

export interface ReportByReference {
  id: string;
  orgId: string;
  caseId: string;
  receivedAt: number;
}

/** The report a public reference names; the same not-found for malformed and unknown references. */
export async function findReportByReference(db: Db, reference: string): Promise<ReportByReference> {
  const row = reportReferencePattern.test(reference)
    ? await db
        .selectFrom('reports')
        .select(['id', 'org_id', 'case_id', 'received_at'])
        .where('reference', '=', reference)
        .executeTakeFirst()
    : undefined;
  if (!row) throw notFound('Report', 'params.reference');
  return { id: row.id, orgId: row.org_id, caseId: row.case_id, receivedAt: Number(row.received_at) };
}

export async function publicReportStatus(
  db: Db,
  reference: string,
  now = Date.now(),
): Promise<PublicReportStatus> {
  const report = await findReportByReference(db, reference);
  const events = await db
    .selectFrom('case_events')
    .select(['type', 'visibility', 'data', 'at'])
    .where('org_id', '=', report.orgId)
    .where('case_id', '=', report.caseId)
    .where('at', '>=', report.receivedAt)
    .where('type', 'in', ['assigned', 'note', 'decided', 'appealed', 'upheld', 'reversed'])
    .orderBy('seq')
    .execute();
  let status: PublicStatus = 'received';
  let outcome: PublicReportStatus['outcome'] = null;
  const notes: PublicReportStatus['notes'] = [];
  for (const e of events) {
    const data = JSON.parse(e.data) as { action?: string; text?: string };
    const at = Number(e.at);
    switch (e.type) {
      case 'assigned':
        if (status === 'received') status = 'in_review';
        break;
      case 'note':
        if (e.visibility === 'public' && data.text) notes.push({ at, text: data.text });
        break;
      case 'decided':
        status = 'decided';
        outcome = { action: data.action ?? 'unknown', decidedAt: at, reversed: false };
        break;
      case 'appealed':
        if (outcome) status = 'under_appeal';
        break;
      case 'upheld':
        if (outcome) status = 'appeal_decided';
        break;
      case 'reversed':
        if (outcome) {
          status = 'appeal_decided';
          outcome = { action: data.action ?? 'unknown', decidedAt: at, reversed: true };
        }
        break;
    }
  }
  const deadline = outcome ? appealDeadline(outcome.decidedAt) : null;
  return {
    reference,
    receivedAt: report.receivedAt,
    status,
    outcome,
    notes,
    appeal: deadline === null ? null : { deadline, open: status === 'decided' && now <= deadline },
  };
}
