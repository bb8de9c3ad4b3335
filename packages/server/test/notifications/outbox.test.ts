import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/identity/actor.ts';
import { claimJobs, completeJob, failJob } from '../../src/jobs/outbox.ts';
import type { JobHandler } from '../../src/jobs/worker.ts';
import {
  NOTIFICATION_SEND_JOB,
  listNotifications,
  queueNotification,
  type NotificationContent,
} from '../../src/notifications/outbox.ts';
import { SMTP_NOT_CONFIGURED, notificationSendHandler } from '../../src/notifications/send.ts';
import { decisionFieldsSchema } from '../../src/transparency/decision-fields.ts';
import {
  createTestApp,
  createTestOrganisation,
  type TestApp,
  type TestOrganisation,
} from '../support/app.ts';
import { illegalVideoDecision } from '../transparency/fixtures.ts';

interface ReceivedMail {
  from: string;
  to: string[];
  data: string;
}

/** Just enough SMTP (RFC 5321, no TLS, no auth) to receive what nodemailer sends; can refuse recipients. */
class FakeSmtp {
  readonly received: ReceivedMail[] = [];
  refuseRecipients = false;
  private server: Server = createServer((socket) => this.session(socket));

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `smtp://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private session(socket: Socket) {
    let buffer = '';
    let inData = false;
    let mail: ReceivedMail = { from: '', to: [], data: '' };
    socket.write('220 fake.smtp ESMTP\r\n');
    socket.on('data', (chunk) => {
      buffer += String(chunk);
      for (;;) {
        if (inData) {
          const end = buffer.indexOf('\r\n.\r\n');
          if (end < 0) return;
          mail.data = buffer.slice(0, end);
          buffer = buffer.slice(end + 5);
          inData = false;
          this.received.push(mail);
          mail = { from: '', to: [], data: '' };
          socket.write('250 queued\r\n');
          continue;
        }
        const eol = buffer.indexOf('\r\n');
        if (eol < 0) return;
        const line = buffer.slice(0, eol);
        buffer = buffer.slice(eol + 2);
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO' || verb === 'HELO') socket.write('250 fake.smtp\r\n');
        else if (verb === 'MAIL') {
          mail.from = line;
          socket.write('250 ok\r\n');
        } else if (verb === 'RCPT') {
          if (this.refuseRecipients) socket.write(`550 5.1.1 ${line.slice(8)} mailbox unavailable\r\n`);
          else {
            mail.to.push(line);
            socket.write('250 ok\r\n');
          }
        } else if (verb === 'DATA') {
          inData = true;
          socket.write('354 go ahead\r\n');
        } else if (verb === 'QUIT') socket.end('221 bye\r\n');
        else socket.write('250 ok\r\n');
      }
    });
  }
}

let t: TestApp;
let org: TestOrganisation;
let smtp: FakeSmtp;
let smtpUrl: string;

beforeAll(async () => {
  t = await createTestApp();
  org = await createTestOrganisation(t, 'Notifier', ['cases:read']);
  smtp = new FakeSmtp();
  smtpUrl = await smtp.start();
});
afterAll(async () => {
  await smtp?.stop();
  await t?.close();
});

const fields = decisionFieldsSchema.parse(illegalVideoDecision());
const sor = (): NotificationContent => ({
  kind: 'statement_of_reasons',
  language: 'fr',
  platformName: 'Exemple',
  caseReference: 'C-1',
  fields,
  decidedAt: Date.now(),
  appealUrl: 'https://vigie.example/appeal/VA-x',
  appealDeadline: Date.now() + 180 * 86_400_000,
});

async function runDueJobs(handler: JobHandler): Promise<string[]> {
  const db = t.database.storage.db;
  const failed: string[] = [];
  for (const job of await claimJobs(db, 'test-worker', 50, 60_000, [NOTIFICATION_SEND_JOB])) {
    try {
      const effects = await handler(job, db);
      await db.transaction().execute(async (trx) => {
        if (effects) await effects(trx);
        await completeJob(trx, job.id, 'test-worker');
      });
    } catch (error) {
      failed.push((error as Error).message);
      await failJob(db, job, 'test-worker', error);
      await db.updateTable('jobs').set({ run_at: 0 }).where('id', '=', job.id).execute();
    }
  }
  return failed;
}

describe('notifications outbox', () => {
  it('seals the address, e-mails the notice through SMTP, and marks it sent', async () => {
    const db = t.database.storage.db;
    const queued = await db.transaction().execute((trx) =>
      queueNotification(trx, t.keyring, {
        orgId: org.organisation.id,
        caseId: 'case-1',
        decisionId: 'decision-1',
        recipientKind: 'affected_user',
        recipient: { email: 'uploader@example.org' },
        content: sor(),
      }),
    );
    expect(queued).toMatchObject({ channel: 'email', status: 'queued' });
    const row = await db
      .selectFrom('notifications')
      .selectAll()
      .where('id', '=', queued.id)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain('uploader@example.org');
    expect(row).toMatchObject({
      locale: 'fr',
      kind: 'statement_of_reasons',
      subject: expect.stringContaining('C-1'),
    });

    const handler = notificationSendHandler({
      keyring: t.keyring,
      smtp: { url: smtpUrl, from: 'Vigie <noreply@vigie.test>' },
    });
    expect(await runDueJobs(handler)).toEqual([]);
    const mail = smtp.received.at(-1)!;
    expect(mail.to).toEqual(['RCPT TO:<uploader@example.org>']);
    expect(mail.data).toContain(`Message-ID: <${queued.id}@vigie.notifications>`);
    expect(mail.data).toMatch(/Content-Type: text\/html/);
    const sent = await db
      .selectFrom('notifications')
      .selectAll()
      .where('id', '=', queued.id)
      .executeTakeFirstOrThrow();
    expect(sent.status).toBe('sent');
    expect(Number(sent.sent_at)).toBeGreaterThan(0);
    // Sending is done: a second run finds nothing to do.
    expect(await runDueJobs(handler)).toEqual([]);
    expect(smtp.received.filter((m) => m.data.includes(queued.id))).toHaveLength(1);
  });

  it("accepts the reports' sealed contact as is", async () => {
    const db = t.database.storage.db;
    const context = 'report:r-1:contact';
    const sealed = await t.keyring.seal(
      db,
      org.organisation.id,
      JSON.stringify({ name: 'Ana', email: 'ana@example.org' }),
      context,
    );
    await queueNotification(db, t.keyring, {
      orgId: org.organisation.id,
      recipientKind: 'reporter',
      recipient: { sealed: sealed.toString('base64'), context },
      content: {
        kind: 'report_outcome',
        language: 'en',
        platformName: 'Exemple',
        caseReference: 'C-2',
        reportReference: 'R-1',
        fields: null,
      },
    });
    const handler = notificationSendHandler({
      keyring: t.keyring,
      smtp: { url: smtpUrl, from: 'noreply@vigie.test' },
    });
    expect(await runDueJobs(handler)).toEqual([]);
    expect(smtp.received.at(-1)?.to).toEqual(['RCPT TO:<ana@example.org>']);
  });

  it('records an SMTP refusal by its code only, without the address, and retries', async () => {
    const db = t.database.storage.db;
    const queued = await queueNotification(db, t.keyring, {
      orgId: org.organisation.id,
      recipientKind: 'affected_user',
      recipient: { email: 'refused@example.org' },
      content: sor(),
    });
    smtp.refuseRecipients = true;
    const handler = notificationSendHandler({
      keyring: t.keyring,
      smtp: { url: smtpUrl, from: 'noreply@vigie.test' },
    });
    try {
      const failed = await runDueJobs(handler);
      expect(failed).toEqual(['e-mail delivery failed: EENVELOPE (SMTP 550)']);
    } finally {
      smtp.refuseRecipients = false;
    }
    const row = await db
      .selectFrom('notifications')
      .selectAll()
      .where('id', '=', queued.id)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('queued');
    expect(row.last_error).toBe('e-mail delivery failed: EENVELOPE (SMTP 550)');
    const job = await db
      .selectFrom('jobs')
      .selectAll()
      .where('idempotency_key', '=', `notification:${queued.id}`)
      .executeTakeFirstOrThrow();
    expect(job.last_error).not.toContain('refused@example.org');
    expect(t.logs.join('')).not.toContain('refused@example.org');
    expect(await runDueJobs(handler)).toEqual([]);
    expect(
      (
        await db
          .selectFrom('notifications')
          .select('status')
          .where('id', '=', queued.id)
          .executeTakeFirstOrThrow()
      ).status,
    ).toBe('sent');
  });

  it('holds the notice in the console without SMTP, or without an address', async () => {
    const db = t.database.storage.db;
    const withAddress = await queueNotification(db, t.keyring, {
      orgId: org.organisation.id,
      recipientKind: 'affected_user',
      recipient: { email: 'someone@example.org' },
      content: sor(),
    });
    expect(await runDueJobs(notificationSendHandler({ keyring: t.keyring, smtp: undefined }))).toEqual([]);
    const held = await db
      .selectFrom('notifications')
      .selectAll()
      .where('id', '=', withAddress.id)
      .executeTakeFirstOrThrow();
    expect(held).toMatchObject({ status: 'held', channel: 'email', last_error: SMTP_NOT_CONFIGURED });

    const anonymous = await queueNotification(db, t.keyring, {
      orgId: org.organisation.id,
      caseId: 'case-anon',
      recipientKind: 'reporter',
      content: {
        kind: 'appeal_outcome',
        language: 'en',
        platformName: 'Exemple',
        caseReference: 'C-3',
        outcome: 'upheld',
        statement: 'ok',
      },
    });
    expect(anonymous).toMatchObject({ channel: 'console', status: 'held' });
    const jobs = await db
      .selectFrom('jobs')
      .select('id')
      .where('idempotency_key', '=', `notification:${anonymous.id}`)
      .execute();
    expect(jobs).toHaveLength(0);
  });

  it('refuses an invalid address with a typed error', async () => {
    await expect(
      queueNotification(t.database.storage.db, t.keyring, {
        orgId: org.organisation.id,
        recipientKind: 'affected_user',
        recipient: { email: 'not an address' },
        content: sor(),
      }),
    ).rejects.toMatchObject({ code: 'validation_failed', field: 'recipient.email' });
  });

  it('lists notices over the API, per organisation, never with addresses', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: '/api/v1/notifications?limit=50',
      headers: org.apiKeyHeaders,
    });
    expect(response.statusCode).toBe(200);
    const { notifications } = response.json() as { notifications: Array<Record<string, unknown>> };
    expect(notifications.length).toBeGreaterThanOrEqual(5);
    expect(response.body).not.toMatch(/@example\.org/);
    expect(notifications.find((n) => n.caseId === 'case-anon')).toMatchObject({
      channel: 'console',
      status: 'held',
      hasRecipient: false,
    });
    const byCase = await t.app.inject({
      method: 'GET',
      url: '/api/v1/notifications?caseId=case-anon',
      headers: org.apiKeyHeaders,
    });
    expect(byCase.json().notifications).toHaveLength(1);
    const other = await createTestOrganisation(t, 'Elsewhere', ['cases:read']);
    const foreign = await t.app.inject({
      method: 'GET',
      url: '/api/v1/notifications',
      headers: other.apiKeyHeaders,
    });
    expect(foreign.json().notifications).toEqual([]);
    const noPermission = await createTestOrganisation(t, 'Exporter', ['exports:read']);
    expect(
      (
        await t.app.inject({
          method: 'GET',
          url: '/api/v1/notifications',
          headers: noPermission.apiKeyHeaders,
        })
      ).statusCode,
    ).toBe(403);
    const own = await listNotifications(t.database.storage.db, systemActor(org.organisation.id), {
      status: 'sent',
      limit: 10,
    });
    expect(own.every((n) => n.status === 'sent')).toBe(true);
  });
});
