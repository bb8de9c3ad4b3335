/**
 * Routes and prioritises a case from its projection: the queue its attributes lead to and the
 * priority with its reasons. Run when a case opens, when something joins it, when it is classified,
 * and when an incident it belongs to is declared or ended.
 */
import type { CaseTable } from '../cases/tables.ts';
import type { Db } from '../storage/transaction.ts';
import { activeIncidents } from './incident-store.ts';
import { priorityOf } from './priority.ts';
import { routingQueues } from './queues.ts';
import { routeCase } from './routing.ts';

export type TriageFields = Pick<
  CaseTable,
  | 'category'
  | 'language'
  | 'country'
  | 'source_type'
  | 'trusted_flagger'
  | 'report_count'
  | 'match_count'
  | 'escalated_at'
  | 'opened_at'
  | 'queue_id'
  | 'due_at'
  | 'classifier_score'
  | 'incident_id'
>;

async function triageInput(db: Db, orgId: string, c: TriageFields) {
  // An ended incident no longer routes nor raises priority.
  const incident = c.incident_id ? (await activeIncidents(db, orgId)).byId.get(c.incident_id) : undefined;
  return {
    category: c.category,
    language: c.language,
    country: c.country,
    sourceType: c.source_type,
    trustedFlagger: c.trusted_flagger === 1,
    reportCount: c.report_count,
    matchCount: c.match_count,
    classifierScore: c.classifier_score === null ? null : Number(c.classifier_score),
    incident: incident ?? null,
  };
}

function priorityFrom(input: Awaited<ReturnType<typeof triageInput>>, escalated: boolean) {
  const { priority, reasons } = priorityOf({
    ...input,
    escalated,
    incident: input.incident && { name: input.incident.name, weight: input.incident.priorityWeight },
  });
  return { priority, priority_reasons: JSON.stringify(reasons) };
}

/** The priority columns alone (escalation changes priority, not the queue). */
export async function priorityColumns(db: Db, orgId: string, c: TriageFields) {
  return priorityFrom(await triageInput(db, orgId, c), c.escalated_at !== null);
}

/** Routes and prioritises a case from its attributes; returns the projection columns to set. */
export async function triageColumns(db: Db, orgId: string, c: TriageFields) {
  const input = await triageInput(db, orgId, c);
  const { priority, priority_reasons } = priorityFrom(input, c.escalated_at !== null);
  const queue = routeCase(await routingQueues(db, orgId), {
    ...input,
    priority,
    incident: input.incident && { id: input.incident.id, queueId: input.incident.queueId },
  });
  const queueId = queue?.id ?? null;
  // Moving to a stricter queue can only bring the deadline forward.
  const candidateDue = queue ? Number(c.opened_at) + queue.slaMs : null;
  const dueAt =
    c.due_at === null
      ? candidateDue
      : candidateDue === null
        ? Number(c.due_at)
        : Math.min(Number(c.due_at), candidateDue);
  return { priority, priority_reasons, queue_id: queueId, due_at: dueAt };
}
