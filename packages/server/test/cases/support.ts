/** Shared fixtures for the notice-and-action tests: a valid notice and valid decision fields. */
import { hashAttachmentHandler } from '../../src/cases/jobs.ts';
import type { Job } from '../../src/jobs/outbox.ts';
import type { TestApp } from '../support/app.ts';

export function notice(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    url: `https://social.example/posts/${Math.random().toString(36).slice(2)}`,
    explanation: 'This post glorifies a terrorist attack and calls for more.',
    category: 'STATEMENT_CATEGORY_RISK_FOR_PUBLIC_SECURITY',
    keywords: ['KEYWORD_TERRORIST_CONTENT'],
    language: 'fr',
    country: 'FR',
    reporter: { name: 'Camille Martin', email: 'camille.martin@example.net' },
    goodFaith: true,
    ...overrides,
  };
}

/** Statement-of-reasons fields that satisfy the TDB rules (spec domain.md §1.4). */
export function decisionFields(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    restrictions: { visibility: { types: ['DECISION_VISIBILITY_CONTENT_REMOVED'] } },
    ground: {
      type: 'DECISION_GROUND_ILLEGAL_CONTENT',
      legalGround: 'Art. 421-2-5 Code pénal (FR)',
      explanation: 'Public glorification of a terrorist act.',
    },
    contentTypes: ['CONTENT_TYPE_TEXT'],
    category: 'STATEMENT_CATEGORY_RISK_FOR_PUBLIC_SECURITY',
    keywords: ['KEYWORD_TERRORIST_CONTENT'],
    territorialScope: ['FR'],
    contentDate: '2026-11-01',
    facts: 'A post praising an attack, reported by a user.',
    sourceType: 'SOURCE_ARTICLE_16',
    automatedDetection: false,
    automatedDecision: 'AUTOMATED_DECISION_NOT_AUTOMATED',
    ...overrides,
  };
}

export async function publicReport(
  t: TestApp,
  organisation: string,
  body: Record<string, unknown> = notice(),
  headers: Record<string, string> = {},
) {
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/public/reports',
    payload: { organisation, ...body },
    headers,
  });
}

/** Runs the hash job the intake enqueued for this report's image, as the worker would. */
export async function runHashJob(t: TestApp, reference: string) {
  const db = t.database.storage.db;
  const report = await db
    .selectFrom('reports')
    .select('id')
    .where('reference', '=', reference)
    .executeTakeFirstOrThrow();
  const attachment = await db
    .selectFrom('report_attachments')
    .selectAll()
    .where('report_id', '=', report.id)
    .executeTakeFirstOrThrow();
  const job = await db
    .selectFrom('jobs')
    .selectAll()
    .where('kind', '=', 'cases.hash_attachment')
    .where('payload', 'like', `%${attachment.id}%`)
    .executeTakeFirstOrThrow();
  const handler = hashAttachmentHandler({ keyring: t.keyring, dataDir: t.config.dataDir });
  const effects = await handler({ id: job.id, payload: JSON.parse(job.payload) } as Job, db);
  await db.transaction().execute(async (trx) => effects && (await effects(trx)));
  return db
    .selectFrom('report_attachments')
    .selectAll()
    .where('id', '=', attachment.id)
    .executeTakeFirstOrThrow();
}
