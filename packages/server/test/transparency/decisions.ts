/** Inserts cases and decisions straight into the cases module's tables, for export and submission tests. */
import { randomUUID } from 'node:crypto';
import type { Db } from '../../src/storage/transaction.ts';
import '../../src/cases/tables.ts';
import { insertCaseRow } from '../cases/support.ts';

export async function insertDecision(
  db: Db,
  orgId: string,
  options: { fields: unknown; decidedAt: number; id?: string },
): Promise<{ decisionId: string; caseId: string }> {
  const caseId = randomUUID();
  const decisionId = options.id ?? randomUUID();
  await insertCaseRow(db, {
    id: caseId,
    org_id: orgId,
    reference: `C-${caseId.slice(0, 8)}`,
    status: 'decided',
    category: 'STATEMENT_CATEGORY_RISK_FOR_PUBLIC_SECURITY',
    report_count: 1,
    decision_id: decisionId,
    opened_at: options.decidedAt,
    updated_at: options.decidedAt,
  });
  await db
    .insertInto('decisions')
    .values({
      id: decisionId,
      org_id: orgId,
      case_id: caseId,
      decided_by: 'reviewer-1',
      decided_at: options.decidedAt,
      action: 'remove',
      fields: JSON.stringify(options.fields),
      superseded_by: null,
      created_at: options.decidedAt,
    })
    .execute();
  return { decisionId, caseId };
}
