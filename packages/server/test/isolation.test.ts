/**
 * Organisation isolation, walked over every registered operation: a user or API key of organisation
 * A can neither read nor change anything of organisation B. Each operation is called with A's
 * credentials and every id of B's objects in every path parameter, with a valid body; B's ids and
 * names must never appear in a response, no call on B's objects may succeed, and B's rows must be
 * unchanged afterwards.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operations } from '../src/api/index.ts';
import { permissions } from '../src/identity/permissions.ts';
import { enqueueJob } from '../src/jobs/outbox.ts';
import {
  addMember,
  createTestApp,
  createTestOrganisation,
  type TestApp,
  type TestOrganisation,
} from './support/app.ts';

/** A valid request body per operation id, so each call reaches the handler instead of failing validation. */
const exampleBodies: Record<string, unknown> = {
  'classify.texts': { items: [{ id: 'x', text: 'an example text', lang: 'en' }] },
  'languagePacks.save': {
    changes: { dehumanising: { add: ['walkerterm'], remove: [] } },
    note: 'walker',
    baseVersion: 0,
  },
  'languagePacks.revert': { note: 'walker', baseVersion: 1 },
  'evidence.capture': { url: 'http://127.0.0.1:9/refused-loopback' },
  'evidence.setHold': { legalHold: true, retentionUntil: null },
  'evidence.purge': { reason: 'walker' },
  'auth.login': { email: 'someone@example.org', password: 'not-the-password' },
  'auth.changePassword': { currentPassword: 'wrong-current-password', newPassword: 'another long password' },
  'organisation.update': { name: 'Renamed by A', settings: { probe: true } },
  'users.create': { email: 'walker@example.org', role: 'analyst' },
  'users.update': { displayName: 'Changed by A', role: 'auditor', disabled: true },
  'apiKeys.create': { name: 'walker', permissions: ['users:read'] },
  'banks.create': { name: 'WALKER_BANK', action: 'block' },
  'banks.update': { action: 'log', thresholds: { pdq: 10 }, disabled: true },
  'banks.addEntry': { signalType: 'md5', value: '0123456789abcdef0123456789abcdef' },
  'banks.retractEntry': { reason: 'walker' },
  'banks.markFalsePositive': { reason: 'walker' },
  'banks.previewImport': {
    format: 'csv',
    content: 'signal_type,value\nmd5,0123456789abcdef0123456789abcdef\n',
  },
  'banks.import': { format: 'csv', content: 'signal_type,value\nmd5,0123456789abcdef0123456789abcdef\n' },
  'banks.createWebhook': { url: 'https://example.org/walker' },
  'banks.updateWebhook': { description: 'changed by A', disabled: true },
  'check.submit': { hashes: { md5: ['0123456789abcdef0123456789abcdef'] } },
  'check.batch': { items: [{ signalType: 'md5', value: '0123456789abcdef0123456789abcdef' }] },
  'public.submitReport': {
    organisation: 'no-such-organisation',
    url: 'https://social.example/p/1',
    explanation: 'An example notice for the isolation walk.',
    category: 'STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH',
    reporter: { name: 'Walker', email: 'walker@example.org' },
    goodFaith: true,
  },
  'public.submitAppeal': { token: 'VA-not-a-token', grounds: 'An example appeal for the isolation walk.' },
  'reports.submit': {
    url: 'https://social.example/p/2',
    explanation: 'An example notice for the isolation walk.',
    category: 'STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH',
    reporter: { name: 'Walker', email: 'walker@example.org' },
    goodFaith: true,
  },
  'notifiers.warn': { reason: 'walker warning' },
  'notifiers.suspend': { days: 7, reason: 'walker suspension' },
  'cases.release': { skip: true },
  'cases.escalate': { reason: 'walker escalation' },
  'cases.addNote': { text: 'walker note', visibility: 'public' },
  'cases.decide': { action: 'no_action', statement: 'walker decision' },
  'queues.create': { name: 'Walker queue', position: 5, rule: { languages: ['fr'] }, slaMs: 3_600_000 },
  'queues.update': { name: 'Renamed by A', slaMs: 60_000 },
  'cases.classify': { classifier: 'walker', score: 0.9 },
  'cases.createEventWebhook': { url: 'https://example.org/walker-events', eventTypes: ['decision.created'] },
  'cases.updateEventWebhook': { description: 'changed by A', disabled: true },
  'incidents.declare': { name: 'Walker incident', urls: ['https://example.org/walker-incident'] },
  'appeals.decide': { outcome: 'upheld', statement: 'walker appeal decision' },
  'platforms.create': {
    slug: 'walker',
    name: 'Walker',
    channels: [
      { kind: 'email', address: 'abuse@walker.example', ackWithinHours: 24, decisionWithinHours: 168 },
    ],
  },
  'platforms.update': { name: 'Renamed by A' },
  'platforms.callback': { payload: '{"reference":"N-0"}' },
  'notices.create': {
    platformId: 'not-a-platform',
    channel: 'email',
    legalBasis: 'DSA Art. 16',
    text: 'walker',
    category: 'STATEMENT_CATEGORY_VIOLENCE',
    items: [{ url: 'https://walker.example/1' }],
  },
  'notices.recordEvent': { event: { type: 'note', text: 'walker' } },
  'notices.setStudy': { studyId: null },
  'studies.create': { name: 'walker-study', title: 'Walker' },
  'studies.invite': { organisation: 'walker' },
  'demo.seed': { cases: 1 },
};

let t: TestApp;
let a: TestOrganisation;
let b: TestOrganisation;
let bIds: string[];
let bSecrets: string[];

async function snapshotOf(orgId: string) {
  const db = t.database.storage.db;
  return {
    organisation: await db.selectFrom('organisations').selectAll().where('id', '=', orgId).execute(),
    users: await db.selectFrom('users').selectAll().where('org_id', '=', orgId).orderBy('id').execute(),
    apiKeys: await db.selectFrom('api_keys').selectAll().where('org_id', '=', orgId).orderBy('id').execute(),
    jobs: await db.selectFrom('jobs').selectAll().where('org_id', '=', orgId).orderBy('id').execute(),
    auditCount: (await db.selectFrom('audit_log').select('id').where('org_id', '=', orgId).execute()).length,
  };
}

beforeAll(async () => {
  t = await createTestApp({ VIGIE_LOGIN_RATE_LIMIT: '100000', VIGIE_PUBLIC_RATE_LIMIT: '100000' });
  a = await createTestOrganisation(t, 'Alpha', [...permissions]);
  b = await createTestOrganisation(t, 'Bravo', [...permissions]);
  const bModerator = await addMember(t, b.organisation, 'moderator');
  const bJob = await enqueueJob(t.database.storage.db, {
    kind: 'test.kind',
    payload: { secret: 'bravo-payload' },
    orgId: b.organisation.id,
  });
  await t.database.storage.db.updateTable('jobs').set({ status: 'dead' }).where('id', '=', bJob.id).execute();
  bIds = [b.organisation.id, b.admin.user.id, bModerator.user.id, b.apiKeyId, bJob.id];
  bSecrets = [
    ...bIds,
    b.organisation.name,
    b.organisation.slug,
    b.admin.email,
    bModerator.email,
    'bravo-payload',
  ];
});
afterAll(async () => t?.close());

describe('organisation isolation', () => {
  it('has an example body for every operation that takes one', () => {
    const missing = operations.filter((op) => op.body && !(op.id in exampleBodies)).map((op) => op.id);
    expect(missing).toEqual([]);
  });

  it('no operation lets A read or change B', async () => {
    const before = await snapshotOf(b.organisation.id);
    const calls: string[] = [];
    for (const op of operations) {
      const paramNames = [...op.path.matchAll(/:(\w+)/g)].map((m) => m[1] as string);
      const idChoices = paramNames.length === 0 ? [undefined] : bIds;
      for (const credentials of ['session', 'apiKey'] as const) {
        for (const id of idChoices) {
          const url = paramNames.reduce((path, name) => path.replace(`:${name}`, id as string), op.path);
          // Operations that end the caller's own session get a fresh one each time.
          const headers =
            credentials === 'apiKey'
              ? a.apiKeyHeaders
              : op.id === 'auth.logout'
                ? (await addMember(t, a.organisation, 'admin')).headers
                : a.admin.headers;
          const response = await t.app.inject({
            method: op.method,
            url,
            headers,
            ...(op.body ? { payload: exampleBodies[op.id] as object } : {}),
          });
          calls.push(`${op.method} ${url}`);
          expect(response.statusCode, `${op.id} ${url} answered 5xx: ${response.body}`).toBeLessThan(500);
          if (id !== undefined) {
            expect(
              [403, 404],
              `${op.id} on B's ${id} with A's ${credentials}: ${response.statusCode}`,
            ).toContain(response.statusCode);
          }
          for (const secret of bSecrets) {
            expect(response.body.includes(secret), `${op.id} ${url} leaked B's "${secret}"`).toBe(false);
          }
        }
      }
    }
    expect(calls.length).toBeGreaterThan(operations.length);
    expect(await snapshotOf(b.organisation.id)).toEqual(before);
  });
});
