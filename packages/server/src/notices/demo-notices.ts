/**
 * Outbound notices for demonstration data (`vigie demo seed`): a few demo platforms, one per demo
 * host, and notices about seeded cases sent to the platform hosting the content, each with a
 * scripted answer — acknowledged and decided, acknowledged only, or ignored (some of those escalated)
 * — recorded through the notice event log, so that the notices, overdue and scorecard screens have
 * data. The platforms answer differently, which is what a scorecard is for.
 *
 * Demo URLs point at made-up hosts (`*.example`): the seed schedules no liveness re-check of them
 * (it would only fail), as the synthetic evidence captures schedule none.
 */
import type { Keyring } from '../crypto/keyring.ts';
import type { Actor } from '../identity/actor.ts';
import type { Channel } from '../platforms/channels.ts';
import { createPlatform, toPlatform, type Platform } from '../platforms/platforms.ts';
import type { Db } from '../storage/transaction.ts';
import type { DecisionOutcome } from './event-schema.ts';
import type { NoticeEvent } from './events.ts';
import { appendNoticeEvent, LIVENESS_CHECK_OFFSETS_MS, NOTICE_LIVENESS_JOB } from './log.ts';
import { createNotice } from './notices.ts';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

interface DemoPlatform {
  slug: string;
  name: string;
  host: string;
  channel: Channel;
  /** Share of notices the platform acknowledges, and of those the share it decides. */
  acknowledges: number;
  decides: number;
  /** How slow it is, as a multiple of the channel's expected times (above 1: often late). */
  slowness: number;
}

/** The hosts match those of the demo cases' URLs. */
const demoPlatforms: readonly DemoPlatform[] = [
  {
    slug: 'demo-social',
    name: 'Social network (demo)',
    host: 'social.example',
    channel: {
      kind: 'dsa_form',
      address: 'https://social.example/legal/dsa-notice',
      ackWithinHours: 24,
      decisionWithinHours: 72,
    },
    acknowledges: 0.85,
    decides: 0.8,
    slowness: 0.8,
  },
  {
    slug: 'demo-video',
    name: 'Video sharing (demo)',
    host: 'video.example',
    channel: {
      kind: 'trusted_flagger',
      address: 'https://video.example/trusted-flaggers',
      ackWithinHours: 12,
      decisionWithinHours: 48,
    },
    acknowledges: 0.9,
    decides: 0.85,
    slowness: 1.2,
  },
  {
    slug: 'demo-forum',
    name: 'Discussion forum (demo)',
    host: 'forum.example',
    channel: { kind: 'email', address: 'abuse@forum.example', ackWithinHours: 48, decisionWithinHours: 168 },
    acknowledges: 0.4,
    decides: 0.5,
    slowness: 1.6,
  },
  {
    slug: 'demo-images',
    name: 'Image host (demo)',
    host: 'images.example',
    channel: {
      kind: 'dsa_form',
      address: 'https://images.example/report',
      ackWithinHours: 24,
      decisionWithinHours: 96,
    },
    acknowledges: 0.6,
    decides: 0.6,
    slowness: 1,
  },
];

/** The demo platforms of the organisation by host, created on the first run, reused afterwards. */
export async function ensureDemoPlatforms(
  db: Db,
  keyring: Keyring,
  actor: Actor,
): Promise<Map<string, Platform>> {
  const byHost = new Map<string, Platform>();
  for (const demo of demoPlatforms) {
    const existing = await db
      .selectFrom('platforms')
      .selectAll()
      .where('org_id', '=', actor.orgId)
      .where('slug', '=', demo.slug)
      .executeTakeFirst();
    const platform = existing
      ? toPlatform(existing)
      : (
          await createPlatform(db, keyring, actor, {
            slug: demo.slug,
            name: demo.name,
            hosts: [demo.host],
            countries: ['FR', 'DE', 'ES', 'IT', 'PL', 'IE'],
            languages: ['fr', 'en', 'de', 'ar', 'es', 'pl', 'it'],
            channels: [demo.channel],
          })
        ).platform;
    byHost.set(demo.host, platform);
  }
  return byHost;
}

/** What the demo platform did with a notice. */
export type DemoResponse = 'decided' | 'acknowledged' | 'ignored';

export interface DemoNotice {
  platform: Platform;
  caseId: string;
  legalBasis: string;
  /** Uniform in [0, 1): the seed's generator, so the same seed gives the same answers. */
  random: () => number;
  now: number;
}

/**
 * Records a notice sent some days ago and the platform's scripted answer up to now. Events that
 * would fall after `now` have not happened yet and are left out.
 */
export async function sendDemoNotice(db: Db, actor: Actor, demo: DemoNotice): Promise<DemoResponse> {
  const { platform, random, now } = demo;
  const script = demoPlatforms.find((p) => p.slug === platform.slug) ?? demoPlatforms[0]!;
  const channel = platform.channels[0] ?? script.channel;
  const between = (min: number, max: number) => min + random() * (max - min);
  const sentAt = Math.round(now - between(2, 40) * DAY_MS);
  const notice = await createNotice(
    db,
    actor,
    {
      platformId: platform.id,
      channel: channel.kind,
      legalBasis: demo.legalBasis,
      trustedFlagger: channel.kind === 'trusted_flagger',
      caseId: demo.caseId,
      text: `Notice under Article 16 of the Digital Services Act: the content at the URL below is illegal (${demo.legalBasis}). Please remove it or disable access to it.`,
      sentAt,
    },
    { now: () => now },
  );

  const events: { event: NoticeEvent; at: number }[] = [];
  if (random() < script.acknowledges) {
    const ackAt = sentAt + between(0.1, 1.5) * script.slowness * channel.ackWithinHours * HOUR_MS;
    events.push({
      event: { type: 'acknowledged', ticketId: `T-${notice.reference.slice(2, 10)}` },
      at: ackAt,
    });
    if (random() < script.decides) {
      const decidedAt = ackAt + between(0.1, 1.3) * script.slowness * channel.decisionWithinHours * HOUR_MS;
      const x = random();
      const outcome: DecisionOutcome =
        x < 0.55 ? 'removed' : x < 0.7 ? 'restricted' : x < 0.9 ? 'rejected' : 'no_action';
      events.push({ event: { type: 'decision', outcome }, at: decidedAt });
      if (random() < 0.6) events.push({ event: { type: 'statement_of_reasons' }, at: decidedAt });
    }
  } else if (random() < 0.4) {
    // Unanswered for a week: the organisation complains to the Digital Services Coordinator.
    events.push({
      event: {
        type: 'escalated',
        kind: 'dsc_complaint',
        recipient: 'Arcom (FR Digital Services Coordinator)',
      },
      at: sentAt + 7 * DAY_MS,
    });
  }
  const happened = events.filter(({ at }) => at <= now);
  for (const { event, at } of happened) {
    await appendNoticeEvent(db, actor, notice.id, event, { now: () => now, at: Math.round(at) });
  }
  await db
    .deleteFrom('jobs')
    .where('org_id', '=', actor.orgId)
    .where('kind', '=', NOTICE_LIVENESS_JOB)
    .where(
      'idempotency_key',
      'in',
      LIVENESS_CHECK_OFFSETS_MS.map((offset) => `${NOTICE_LIVENESS_JOB}:${notice.id}:${offset}`),
    )
    .execute();
  const types = new Set(happened.map(({ event }) => event.type));
  return types.has('decision') ? 'decided' : types.has('acknowledged') ? 'acknowledged' : 'ignored';
}
