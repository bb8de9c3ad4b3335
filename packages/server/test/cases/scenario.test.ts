/**
 * The whole notice-and-action path on the selected database: a public report and a trusted-flagger
 * notice about the same post → one case → triage → decision → notifications (and the platform's
 * webhook) → the affected user's appeal → reversal by another reviewer → the TDB export.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Member, TestApp, TestOrganisation } from '../support/app.ts';
import { createReportingTestApp, decisionFields, notice, publicReport } from './support.ts';

let t: TestApp;
let org: TestOrganisation;
let alice: Member;
let bruno: Member;

beforeAll(async () => {
  ({
    t,
    org,
    members: [alice, bruno],
  } = await createReportingTestApp('Scenario', ['reports:submit'], { members: ['moderator', 'moderator'] }));
});
afterAll(async () => t?.close());

describe('notice and action, end to end', () => {
  it('walks report → case → triage → decision → notifications → appeal → reversal → export', async () => {
    const db = t.database.storage.db;
    const url = 'https://social.example/posts/8812';
    const author = 'author-of-the-post@example.org';

    // 1. Intake: a member of the public and a trusted flagger report the same post.
    const publicResponse = await publicReport(
      t,
      org.organisation.slug,
      notice({ url: `${url}?utm_campaign=share`, reporterLanguage: 'fr' }),
    );
    expect(publicResponse.statusCode, publicResponse.body).toBe(201);
    const reference = publicResponse.json().reference as string;
    const flagged = await t.app.inject({
      method: 'POST',
      url: '/api/v1/reports',
      headers: org.apiKeyHeaders,
      payload: notice({
        url,
        notifierType: 'trusted_flagger',
        reporter: { name: 'Hotline FR', email: 'signalements@hotline.example' },
      }),
    });
    expect(flagged.statusCode, flagged.body).toBe(201);
    const caseId = flagged.json().caseId as string;

    // 2. One case, now in the trusted-flagger queue with a 24-hour clock.
    const queues = (
      await t.app.inject({ method: 'GET', url: '/api/v1/queues', headers: alice.headers })
    ).json().queues as {
      id: string;
      name: string;
    }[];
    const tfQueue = queues.find((q) => q.name === 'Trusted flaggers') as { id: string };
    const detail = (
      await t.app.inject({ method: 'GET', url: `/api/v1/cases/${caseId}`, headers: alice.headers })
    ).json();
    expect(detail.case.reportCount).toBe(2);
    expect(detail.case.queueId).toBe(tfQueue.id);
    expect(detail.case.dueAt - detail.case.openedAt).toBe(24 * 3_600_000);

    // 3. Triage: Alice (reads French) takes the next case of the queue.
    const next = await t.app.inject({
      method: 'POST',
      url: `/api/v1/queues/${tfQueue.id}/next`,
      headers: alice.headers,
    });
    expect(next.statusCode, next.body).toBe(200);
    expect(next.json().case.id).toBe(caseId);
    expect(next.json().case.priorityReasons.length).toBeGreaterThan(0);

    // The platform subscribes to decisions and reversals.
    const subscribed = await t.app.inject({
      method: 'POST',
      url: '/api/v1/event-webhooks',
      headers: org.admin.headers,
      payload: {
        url: 'https://platform.example/vigie',
        eventTypes: ['decision.created', 'decision.reversed'],
      },
    });
    expect(subscribed.statusCode, subscribed.body).toBe(201);

    // 4. Decision: removal on legal grounds, with every Art. 17 field.
    const decided = await t.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${caseId}/decisions`,
      headers: alice.headers,
      payload: {
        action: 'remove',
        fields: decisionFields({ sourceType: 'SOURCE_TRUSTED_FLAGGER' }),
        statement: 'The post was removed.',
        affectedParty: { email: author, language: 'fr' },
      },
    });
    expect(decided.statusCode, decided.body).toBe(201);
    const removal = decided.json().decision as { id: string };

    // 5. Notifications: both reporters hear the outcome, the author gets the statement of reasons.
    const sent = await db
      .selectFrom('notifications')
      .selectAll()
      .where('decision_id', '=', removal.id)
      .execute();
    expect(sent.map((n) => `${n.kind}/${n.recipient_kind}/${n.channel}`).sort()).toEqual([
      'report_outcome/reporter/email',
      'report_outcome/reporter/email',
      'statement_of_reasons/affected_user/email',
    ]);
    const frenchOutcome = sent.find((n) => n.kind === 'report_outcome' && n.locale === 'fr');
    expect(frenchOutcome?.body_text).toContain(reference);
    const statement = sent.find((n) => n.kind === 'statement_of_reasons');
    expect(statement?.locale).toBe('fr');
    expect(JSON.stringify(sent)).not.toContain(author);
    const status = (await t.app.inject({ method: 'GET', url: `/api/v1/public/reports/${reference}` })).json();
    expect(status.status).toBe('decided');
    expect(status.outcome).toMatchObject({ action: 'remove', reversed: false });

    // 6. Appeal: the author follows the link in their statement of reasons.
    const token = /\/appeal\/(VA-[A-Za-z0-9_-]+)/.exec(statement?.body_text ?? '')?.[1];
    expect(token).toBeDefined();
    const appealed = await t.app.inject({
      method: 'POST',
      url: '/api/v1/public/appeals',
      payload: { token, grounds: 'I was quoting the attacker to condemn him; read the whole thread.' },
    });
    expect(appealed.statusCode, appealed.body).toBe(201);
    const appealId = appealed.json().appealId as string;

    // 7. Another reviewer reverses; Alice could not.
    const byAlice = await t.app.inject({
      method: 'POST',
      url: `/api/v1/appeals/${appealId}/decision`,
      headers: alice.headers,
      payload: { outcome: 'reversed', statement: 'Restored.' },
    });
    expect(byAlice.statusCode).toBe(403);
    const reversed = await t.app.inject({
      method: 'POST',
      url: `/api/v1/appeals/${appealId}/decision`,
      headers: bruno.headers,
      payload: { outcome: 'reversed', statement: 'In context the post condemns the attack; it is restored.' },
    });
    expect(reversed.statusCode, reversed.body).toBe(200);
    const restore = reversed.json().newDecision as { id: string; action: string };
    expect(restore.action).toBe('no_action');
    const old = await db
      .selectFrom('decisions')
      .selectAll()
      .where('id', '=', removal.id)
      .executeTakeFirstOrThrow();
    expect(old.superseded_by).toBe(restore.id);
    const appealOutcome = await db
      .selectFrom('notifications')
      .selectAll()
      .where('kind', '=', 'appeal_outcome')
      .where('case_id', '=', caseId)
      .executeTakeFirstOrThrow();
    expect(appealOutcome.channel).toBe('email');
    expect(appealOutcome.recipient_kind).toBe('affected_user');
    const afterAppeal = (
      await t.app.inject({ method: 'GET', url: `/api/v1/public/reports/${reference}` })
    ).json();
    expect(afterAppeal.status).toBe('appeal_decided');
    expect(afterAppeal.outcome).toMatchObject({ action: 'no_action', reversed: true });
    // The platform's webhook got the removal, then the order to restore (queued with each decision).
    const platformEvents = await db
      .selectFrom('event_webhook_deliveries')
      .select(['event_type', 'payload'])
      .where('org_id', '=', org.organisation.id)
      .orderBy('created_at')
      .execute();
    expect(platformEvents.map((d) => d.event_type)).toEqual(['decision.created', 'decision.reversed']);
    expect(JSON.parse(platformEvents[1]!.payload).data).toMatchObject({
      decisionId: restore.id,
      reverses: { decisionId: removal.id, action: 'remove' },
      restore: true,
    });
    const events = (
      await t.app.inject({ method: 'GET', url: `/api/v1/cases/${caseId}`, headers: alice.headers })
    )
      .json()
      .events.map((e: { type: string }) => e.type);
    expect(events).toEqual([
      'reported',
      'routed',
      'reported',
      'routed',
      'assigned',
      'decided',
      'note',
      'notified',
      'appealed',
      'reversed',
      'note',
      'notified',
    ]);

    // 8. Export: the removal's statement of reasons validates; the restoration restricts nothing.
    const exported = await t.app.inject({
      method: 'GET',
      url: '/api/v1/exports/sor',
      headers: org.admin.headers,
    });
    expect(exported.statusCode, exported.body).toBe(200);
    expect(exported.headers['x-vigie-sor-invalid']).toBe('0');
    const lines = exported.body
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      decision_visibility: ['DECISION_VISIBILITY_CONTENT_REMOVED'],
      source_type: 'SOURCE_TRUSTED_FLAGGER',
      category: 'STATEMENT_CATEGORY_RISK_FOR_PUBLIC_SECURITY',
    });
    expect(exported.body).not.toContain(author);
    expect(exported.body).not.toContain('signalements@hotline.example');
  });
});
