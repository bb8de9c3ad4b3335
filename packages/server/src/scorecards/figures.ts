/**
 * Scorecard figures over notice timelines. Pure: every figure is a function of the timelines and
 * `asOf` (events after `asOf` do not exist yet). The definitions here are the ones the generated
 * methodology note states (methodology.ts); change both together.
 */
import { ACTION_OUTCOMES } from '../notices/event-schema.ts';

export const DAY_MS = 24 * 3_600_000;

export interface NoticeTimeline {
  platform: string;
  /** The channel kind it went through, and whether it was sent as a trusted flagger. */
  channel: string;
  trustedFlagger: boolean;
  category: string;
  country: string | null;
  language: string | null;
  sentAt: number;
  acknowledgedAt: number | null;
  decision: string | null;
  decidedAt: number | null;
  statementOfReasonsAt: number | null;
  escalatedAt: number | null;
  reversedAt: number | null;
  contentGoneAt: number | null;
}

export interface Figures {
  sent: number;
  acknowledged: number;
  acknowledgedShare: number;
  medianMsToAcknowledgement: number | null;
  decided: number;
  actioned: number;
  /** Actioned notices whose only sign of action is a liveness check finding the content gone. */
  actionedByLivenessOnly: number;
  medianMsToAction: number | null;
  removedWithin24h: number;
  removedWithin24hShare: number;
  removedWithin7d: number;
  removedWithin7dShare: number;
  noResponse: number;
  noResponseShare: number;
  escalated: number;
  reversedAfterEscalation: number;
  /** Reversals / escalations; null when nothing was escalated. */
  reversalShare: number | null;
}

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const seen = (at: number | null, asOf: number) => (at !== null && at <= asOf ? at : null);

/**
 * When the content was first actioned, as far as known at `asOf`: the earliest of a removed/restricted
 * decision, a reversal after escalation, and a liveness check finding the content gone.
 */
export function actionTime(t: NoticeTimeline, asOf: number): { at: number; byLivenessOnly: boolean } | null {
  const decided = seen(t.decidedAt, asOf);
  const byDecision =
    decided !== null && t.decision !== null && ACTION_OUTCOMES.has(t.decision) ? decided : null;
  const reversed = seen(t.reversedAt, asOf);
  const platformSaid =
    byDecision === null ? reversed : reversed === null ? byDecision : Math.min(byDecision, reversed);
  const gone = seen(t.contentGoneAt, asOf);
  if (platformSaid === null) return gone === null ? null : { at: gone, byLivenessOnly: true };
  return { at: gone === null ? platformSaid : Math.min(platformSaid, gone), byLivenessOnly: false };
}

/** What one notice contributes to the figures, worked out once and summed per group. */
interface Outcome {
  msToAck: number | null;
  decided: boolean;
  msToAction: number | null;
  byLivenessOnly: boolean;
  silent: boolean;
  escalated: boolean;
  reversed: boolean;
}

function outcomeOf(t: NoticeTimeline, asOf: number): Outcome {
  const ack = seen(t.acknowledgedAt, asOf);
  const decision = seen(t.decidedAt, asOf);
  const reversal = seen(t.reversedAt, asOf);
  const action = actionTime(t, asOf);
  return {
    msToAck: ack === null ? null : ack - t.sentAt,
    decided: decision !== null,
    msToAction: action === null ? null : action.at - t.sentAt,
    byLivenessOnly: action?.byLivenessOnly ?? false,
    silent:
      ack === null && decision === null && seen(t.statementOfReasonsAt, asOf) === null && reversal === null,
    escalated: seen(t.escalatedAt, asOf) !== null,
    reversed: reversal !== null,
  };
}

function sumOutcomes(outcomes: readonly Outcome[]): Figures {
  const sent = outcomes.length;
  const share = (n: number) => (sent === 0 ? 0 : n / sent);
  const toAck: number[] = [];
  const toAction: number[] = [];
  let decided = 0;
  let byLivenessOnly = 0;
  let within24h = 0;
  let within7d = 0;
  let noResponse = 0;
  let escalated = 0;
  let reversed = 0;
  for (const o of outcomes) {
    if (o.msToAck !== null) toAck.push(o.msToAck);
    if (o.decided) decided += 1;
    if (o.msToAction !== null) {
      toAction.push(o.msToAction);
      if (o.byLivenessOnly) byLivenessOnly += 1;
      if (o.msToAction <= DAY_MS) within24h += 1;
      if (o.msToAction <= 7 * DAY_MS) within7d += 1;
    }
    if (o.silent) noResponse += 1;
    if (o.escalated) escalated += 1;
    if (o.reversed) reversed += 1;
  }
  return {
    sent,
    acknowledged: toAck.length,
    acknowledgedShare: share(toAck.length),
    medianMsToAcknowledgement: median(toAck),
    decided,
    actioned: toAction.length,
    actionedByLivenessOnly: byLivenessOnly,
    medianMsToAction: median(toAction),
    removedWithin24h: within24h,
    removedWithin24hShare: share(within24h),
    removedWithin7d: within7d,
    removedWithin7dShare: share(within7d),
    noResponse,
    noResponseShare: share(noResponse),
    escalated,
    reversedAfterEscalation: reversed,
    reversalShare: escalated === 0 ? null : reversed / escalated,
  };
}

export function computeFigures(timelines: readonly NoticeTimeline[], asOf: number): Figures {
  return sumOutcomes(timelines.map((t) => outcomeOf(t, asOf)));
}

export interface ScorecardRow {
  platform: string;
  category: string;
  country: string | null;
  language: string | null;
  figures: Figures;
}

export interface ChannelRow {
  platform: string;
  channel: string;
  trustedFlagger: boolean;
  figures: Figures;
}

/**
 * Figures per platform × category × country × language, per platform × channel × trusted-flagger
 * status (to compare how one platform treats the same organisation's notices by route), per
 * platform, and overall.
 */
export function groupFigures(timelines: readonly NoticeTimeline[], asOf: number) {
  const groups = new Map<string, { first: NoticeTimeline; outcomes: Outcome[] }>();
  const byPlatform = new Map<string, { first: NoticeTimeline; outcomes: Outcome[] }>();
  const byChannel = new Map<string, { first: NoticeTimeline; outcomes: Outcome[] }>();
  const add = (map: typeof groups, key: string, t: NoticeTimeline, o: Outcome) => {
    const group = map.get(key);
    if (group) group.outcomes.push(o);
    else map.set(key, { first: t, outcomes: [o] });
  };
  const all: Outcome[] = [];
  for (const t of timelines) {
    const o = outcomeOf(t, asOf);
    all.push(o);
    add(groups, JSON.stringify([t.platform, t.category, t.country, t.language]), t, o);
    add(byPlatform, t.platform, t, o);
    add(byChannel, JSON.stringify([t.platform, t.channel, t.trustedFlagger]), t, o);
  }
  const sorted = (map: typeof groups) => [...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const rows: ScorecardRow[] = sorted(groups).map(([, { first, outcomes }]) => ({
    platform: first.platform,
    category: first.category,
    country: first.country,
    language: first.language,
    figures: sumOutcomes(outcomes),
  }));
  const platforms = sorted(byPlatform).map(([platform, { outcomes }]) => ({
    platform,
    figures: sumOutcomes(outcomes),
  }));
  const channels: ChannelRow[] = sorted(byChannel).map(([, { first, outcomes }]) => ({
    platform: first.platform,
    channel: first.channel,
    trustedFlagger: first.trustedFlagger,
    figures: sumOutcomes(outcomes),
  }));
  return { rows, channels, platforms, overall: sumOutcomes(all) };
}
