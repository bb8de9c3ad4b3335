/**
 * After a decision or an appeal decision: tell the reporters the outcome (Art. 16(5)), send the
 * affected party the statement of reasons with their appeal link (Art. 17(3)(f)), tell a complainant
 * the outcome of their complaint (Art. 20(5)), tell the platform by webhook (decision-events.ts), and
 * record on the case who was told what. Runs in the
 * decision's transaction, so a decision is never recorded without its notices. Links are built on the
 * organisation's `publicUrl` setting when it has one, else they are site-relative paths.
 */
import type { Keyring } from '../crypto/keyring.ts';
import type { Actor } from '../identity/actor.ts';
import { queueNotification, type Recipient } from '../notifications/outbox.ts';
import type { Db } from '../storage/transaction.ts';
import { appealDeadline } from './appeal-window.ts';
import type { AppealDecision } from './appeals.ts';
import { getCaseRow } from './cases.ts';
import { announceDecision } from './decision-events.ts';
import type { Decision, DecisionOutcome } from './decisions.ts';
import { appendCaseEvents } from './events.ts';
import { contactContext } from './intake.ts';

export interface AffectedParty {
  email?: string | undefined;
  language?: string | undefined;
}

async function sender(db: Db, orgId: string): Promise<{ platformName: string; base: string }> {
  const org = await db
    .selectFrom('organisations')
    .select(['name', 'settings'])
    .where('id', '=', orgId)
    .executeTakeFirstOrThrow();
  const settings = JSON.parse(org.settings) as { publicUrl?: unknown };
  const base = typeof settings.publicUrl === 'string' ? settings.publicUrl.replace(/\/+$/, '') : '';
  return { platformName: org.name, base };
}

/** Reporters told about a decision: those whose report arrived before it. */
async function reportsBefore(db: Db, orgId: string, caseId: string, at: number) {
  return db
    .selectFrom('reports')
    .select(['id', 'reference', 'contact_sealed', 'reporter_language'])
    .where('org_id', '=', orgId)
    .where('case_id', '=', caseId)
    .where('received_at', '<=', at)
    .execute();
}

const reporterRecipient = (r: { id: string; contact_sealed: string | null }): Recipient | null =>
  r.contact_sealed ? { sealed: r.contact_sealed, context: contactContext(r.id) } : null;

export async function notifyDecision(
  db: Db,
  keyring: Keyring,
  actor: Actor,
  outcome: DecisionOutcome,
  affected: AffectedParty | undefined,
  statement?: string,
  /** For a reversal: the decision it overturns (the platform is told to restore). */
  reverses?: Decision,
): Promise<void> {
  const { decision } = outcome;
  const { platformName, base } = await sender(db, actor.orgId);
  const kase = await getCaseRow(db, actor.orgId, decision.caseId, true);
  const deadline = appealDeadline(decision.decidedAt);
  const reports = await reportsBefore(db, actor.orgId, decision.caseId, decision.decidedAt);
  let reportersTold = 0;
  for (const r of reports) {
    const recipient = reporterRecipient(r);
    // Anonymous reporters read the outcome on their status page instead.
    if (!recipient) continue;
    await queueNotification(db, keyring, {
      orgId: actor.orgId,
      caseId: kase.id,
      decisionId: decision.id,
      recipientKind: 'reporter',
      recipient,
      content: {
        kind: 'report_outcome',
        language: r.reporter_language ?? 'en',
        platformName,
        // The reporter's own reference, not the case's: nothing hints at other reports.
        caseReference: r.reference,
        reportReference: r.reference,
        fields: decision.fields,
        statement,
        appealUrl: `${base}/r/${r.reference}`,
        appealDeadline: deadline,
      },
    });
    reportersTold++;
  }
  let affectedTold: 'email' | 'console' | null = null;
  if (decision.fields && outcome.appealToken) {
    const queued = await queueNotification(db, keyring, {
      orgId: actor.orgId,
      caseId: kase.id,
      decisionId: decision.id,
      recipientKind: 'affected_user',
      recipient: affected?.email ? { email: affected.email } : null,
      content: {
        kind: 'statement_of_reasons',
        language: affected?.language ?? 'en',
        platformName,
        caseReference: kase.reference,
        fields: decision.fields,
        decidedAt: decision.decidedAt,
        contentUrl: kase.url ?? undefined,
        appealUrl: `${base}/appeal/${outcome.appealToken}`,
        appealDeadline: deadline,
      },
    });
    affectedTold = queued.channel;
  }
  const platformWebhooks = await announceDecision(db, kase, decision, reverses);
  await appendCaseEvents(db, actor, kase, [
    {
      type: 'notified',
      data: {
        decisionId: decision.id,
        reporters: reportersTold,
        affectedParty: affectedTold,
        platformWebhooks,
      },
    },
  ]);
  await db
    .updateTable('reports')
    .set({ outcome_notified_at: decision.decidedAt })
    .where('org_id', '=', actor.orgId)
    .where('case_id', '=', decision.caseId)
    .where('received_at', '<=', decision.decidedAt)
    .execute();
}

/** Where the complainant is reached: their report's contact, or the address their statement went to. */
async function complainantRecipient(
  db: Db,
  orgId: string,
  result: AppealDecision,
): Promise<{ recipient: Recipient | null; language: string }> {
  const { appeal } = result;
  if (appeal.reportId) {
    const report = await db
      .selectFrom('reports')
      .select(['id', 'contact_sealed', 'reporter_language'])
      .where('org_id', '=', orgId)
      .where('id', '=', appeal.reportId)
      .executeTakeFirst();
    return {
      recipient: report ? reporterRecipient(report) : null,
      language: report?.reporter_language ?? 'en',
    };
  }
  const statement = await db
    .selectFrom('notifications')
    .select(['recipient_sealed', 'recipient_context', 'locale'])
    .where('org_id', '=', orgId)
    .where('decision_id', '=', appeal.decisionId)
    .where('kind', '=', 'statement_of_reasons')
    .executeTakeFirst();
  const recipient =
    statement?.recipient_sealed && statement.recipient_context
      ? { sealed: statement.recipient_sealed, context: statement.recipient_context }
      : null;
  return { recipient, language: statement?.locale ?? 'en' };
}

export async function notifyAppealDecision(
  db: Db,
  keyring: Keyring,
  actor: Actor,
  result: AppealDecision,
): Promise<void> {
  const { platformName } = await sender(db, actor.orgId);
  const kase = await getCaseRow(db, actor.orgId, result.appeal.caseId);
  const { recipient, language } = await complainantRecipient(db, actor.orgId, result);
  await queueNotification(db, keyring, {
    orgId: actor.orgId,
    caseId: kase.id,
    decisionId: result.appeal.decisionId,
    recipientKind: result.appeal.role === 'notifier' ? 'reporter' : 'affected_user',
    recipient,
    content: {
      kind: 'appeal_outcome',
      language,
      platformName,
      caseReference: kase.reference,
      outcome: result.appeal.outcome ?? 'upheld',
      statement: result.appeal.statement ?? '',
    },
  });
  // A reversal is a new decision: its own notices follow (reporters; the affected party if it restricts).
  if (result.reversal)
    await notifyDecision(
      db,
      keyring,
      actor,
      result.reversal,
      undefined,
      result.appeal.statement ?? undefined,
      result.contested,
    );
}
