/** Notes on a case: internal (the team) or public (shown to the reporters on their status page). */
import { appendAudit } from '../audit/audit-log.ts';
import type { Actor } from '../identity/actor.ts';
import type { Db } from '../storage/transaction.ts';
import { getCaseRow } from './cases.ts';
import { appendCaseEvents, type Visibility } from './events.ts';

export async function addNote(
  db: Db,
  actor: Actor,
  caseId: string,
  input: { text: string; visibility: Visibility },
  requestId: string | null,
): Promise<number> {
  const row = await getCaseRow(db, actor.orgId, caseId, true);
  const seq = await appendCaseEvents(db, actor, row, [
    { type: 'note', visibility: input.visibility, data: { text: input.text } },
  ]);
  await appendAudit(
    db,
    actor,
    { action: 'case.note', targetType: 'case', targetId: caseId, details: { visibility: input.visibility } },
    requestId,
  );
  return seq;
}
