/**
 * Classifier scores on a case. A platform or a moderation pipeline that ran a classifier on the
 * reported content posts its score; it is recorded as a `classified` event, the projection keeps the
 * highest score any classifier gave (`classifier_score`), and the case is routed again, since routing
 * rules may ask for a minimum score (triage/routing.ts) and a likely violation raises its priority.
 */
import { appendAudit } from '../audit/audit-log.ts';
import type { Actor } from '../identity/actor.ts';
import type { Db } from '../storage/transaction.ts';
import { triageColumns } from '../triage/case-triage.ts';
import { getCaseRow, toCaseView, type CaseView } from './cases.ts';
import { appendCaseEvents } from './events.ts';
import { AppError } from '../errors.ts';

export interface ClassificationInput {
  /** Which classifier and version, e.g. `vigie-builtin@1` or the platform's own model name. */
  classifier: string;
  /** Probability-like score in [0, 1] that the content violates what the label names. */
  score: number;
  label?: string | undefined;
}

export async function recordClassification(
  db: Db,
  actor: Actor,
  caseId: string,
  input: ClassificationInput,
  requestId: string | null,
  now = Date.now(),
): Promise<CaseView> {
  const kase = await getCaseRow(db, actor.orgId, caseId, true);
  if (kase.status !== 'open') {
    throw new AppError('conflict', { message: `The case is ${kase.status}.`, field: 'params.caseId' });
  }
  const previous = kase.classifier_score === null ? null : Number(kase.classifier_score);
  const score = previous === null ? input.score : Math.max(previous, input.score);
  const triage = await triageColumns(db, actor.orgId, { ...kase, classifier_score: score });
  const events = [
    {
      type: 'classified' as const,
      data: { classifier: input.classifier, score: input.score, label: input.label ?? null },
    },
    ...(triage.queue_id !== kase.queue_id
      ? [{ type: 'routed' as const, data: { queueId: triage.queue_id } }]
      : []),
  ];
  await appendCaseEvents(db, actor, kase, events, { classifier_score: score, ...triage }, now);
  await appendAudit(
    db,
    actor,
    {
      action: 'case.classify',
      targetType: 'case',
      targetId: caseId,
      details: { classifier: input.classifier, score: input.score, label: input.label ?? null },
    },
    requestId,
  );
  return toCaseView(await getCaseRow(db, actor.orgId, caseId), now);
}
