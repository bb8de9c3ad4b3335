/**
 * Shared fixtures for the notice-and-action tests: an app that takes reports, a valid notice, valid
 * decision fields and case rows written straight into the table.
 */
import type { Insertable } from 'kysely';
import { hashAttachmentHandler } from '../../src/cases/jobs.ts';
import { openedCaseRow } from '../../src/cases/case-row.ts';
import type { CaseTable } from '../../src/cases/tables.ts';
import type { Actor } from '../../src/identity/actor.ts';
import { rolePermissions, type Permission, type Role } from '../../src/identity/permissions.ts';
import type { Job } from '../../src/jobs/outbox.ts';
import type { Db } from '../../src/storage/transaction.ts';
import {
  addMember,
  createTestApp,
  createTestOrganisation,
  type Member,
  type TestApp,
  type TestOrganisation,
} from '../support/app.ts';

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

export { decisionFields } from '../support/decision-fields.ts';

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

/**
 * A test app without a public-report rate limit (plus `env`), an organisation named after `name` whose
 * API key has `permissions`, and one member per role in `members`, in that order.
 */
export async function createReportingTestApp<const R extends readonly Role[] = []>(
  name: string,
  permissions: Permission[],
  options: { members?: R; env?: Record<string, string> } = {},
): Promise<{ t: TestApp; org: TestOrganisation; members: { -readonly [K in keyof R]: Member } }> {
  const t = await createTestApp({ VIGIE_PUBLIC_RATE_LIMIT: '100000', ...options.env });
  const org = await createTestOrganisation(t, name, permissions);
  const members: Member[] = [];
  for (const role of options.members ?? []) members.push(await addMember(t, org.organisation, role));
  return { t, org, members: members as { -readonly [K in keyof R]: Member } };
}

/** A member acting as a moderator of their organisation, for calling the cases functions directly. */
export function moderatorActor(member: Member): Actor {
  return {
    type: 'user',
    id: member.user.id,
    orgId: member.user.orgId,
    role: 'moderator',
    permissions: rolePermissions.moderator,
    mustChangePassword: false,
    sessionId: 'test',
  };
}

/**
 * Writes a case row straight into the table (no intake, no events), for tests that only need a case
 * to link to: open, from an Article 16 notice, nothing reported, unless `row` says otherwise.
 */
export async function insertCaseRow(
  db: Db,
  row: Pick<CaseTable, 'id' | 'org_id' | 'reference' | 'category'> & Partial<Insertable<CaseTable>>,
): Promise<void> {
  await db
    .insertInto('cases')
    .values(openedCaseRow({ source_type: 'SOURCE_ARTICLE_16', ...row }, Date.now()))
    .execute();
}
