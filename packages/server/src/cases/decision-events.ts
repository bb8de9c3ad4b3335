/**
 * What the platform is told about a decision, by webhook (event-webhooks.ts): `decision.created` with
 * the statement of reasons, or `decision.reversed` when an appeal overturned a decision — the platform
 * restores what the contested decision restricted and applies the new one. Nothing here identifies a
 * reporter: no report reference, no contact, no notifier name (the statement's `source_identity`, which
 * names a trusted flagger or authority, is left out).
 */
import type { Db } from '../storage/transaction.ts';
import { puidForDecision, renderTdbStatement, type TdbStatement } from '../transparency/tdb-statement.ts';
import { isRestrictive } from './actions.ts';
import type { Decision } from './decisions.ts';
import { enqueueEventDeliveries } from './event-webhooks.ts';
import type { CaseTable } from './tables.ts';

/** The TDB statement of reasons of a restrictive decision, without the notifier's identity. */
export function platformStatement(decision: Decision): Omit<TdbStatement, 'source_identity'> | null {
  if (!decision.fields) return null;
  const statement: Partial<TdbStatement> = renderTdbStatement(decision.fields, {
    puid: puidForDecision(decision.id),
    decidedAt: decision.decidedAt,
  });
  delete statement.source_identity;
  return statement as Omit<TdbStatement, 'source_identity'>;
}

/**
 * Queues the webhook deliveries of a decision in the caller's transaction (the decision's), so a
 * decision is never recorded without them. Returns how many subscriptions were queued.
 */
export async function announceDecision(
  db: Db,
  kase: Pick<CaseTable, 'id' | 'org_id' | 'reference' | 'url'>,
  decision: Decision,
  reverses?: Decision,
): Promise<number> {
  const common = {
    decisionId: decision.id,
    caseId: kase.id,
    caseReference: kase.reference,
    contentUrl: kase.url,
    action: decision.action,
    decidedAt: new Date(decision.decidedAt).toISOString(),
    statementOfReasons: platformStatement(decision),
  };
  if (!reverses) return enqueueEventDeliveries(db, kase.org_id, { type: 'decision.created', data: common });
  return enqueueEventDeliveries(db, kase.org_id, {
    type: 'decision.reversed',
    data: {
      ...common,
      reverses: { decisionId: reverses.id, action: reverses.action },
      // What the contested decision restricted must be undone; the new action (if any) applies instead.
      restore: isRestrictive(reverses.action),
    },
  });
}
