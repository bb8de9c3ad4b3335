import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { noticeClocks } from '../../src/notices/clocks.ts';
import {
  actionTime,
  computeFigures,
  DAY_MS,
  median,
  type NoticeTimeline,
} from '../../src/scorecards/figures.ts';

const H = 3_600_000;
const timeline = (over: Partial<NoticeTimeline>): NoticeTimeline => ({
  platform: 'p',
  channel: 'email',
  trustedFlagger: false,
  category: 'c',
  country: null,
  language: null,
  sentAt: 0,
  acknowledgedAt: null,
  decision: null,
  decidedAt: null,
  statementOfReasonsAt: null,
  escalatedAt: null,
  reversedAt: null,
  contentGoneAt: null,
  ...over,
});

describe('median', () => {
  it('is the middle value, or the mean of the two middle values', () => {
    expect(median([])).toBeNull();
    expect(median([7])).toBe(7);
    expect(median([9, 1, 5])).toBe(5);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('has as many values at or below it as at or above it', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1e9 }), { minLength: 1, maxLength: 50 }), (values) => {
        const m = median(values)!;
        const below = values.filter((v) => v <= m).length;
        const above = values.filter((v) => v >= m).length;
        return below >= values.length / 2 && above >= values.length / 2;
      }),
    );
  });
});

describe('action time', () => {
  it('is the earliest of an action decision, a reversal and content found gone', () => {
    expect(
      actionTime(timeline({ decision: 'removed', decidedAt: 5 * H, contentGoneAt: 24 * H }), 1e12),
    ).toEqual({
      at: 5 * H,
      byLivenessOnly: false,
    });
    expect(
      actionTime(timeline({ decision: 'rejected', decidedAt: 5 * H, contentGoneAt: 48 * H }), 1e12),
    ).toEqual({
      at: 48 * H,
      byLivenessOnly: true,
    });
    expect(actionTime(timeline({ decision: 'no_action', decidedAt: 5 * H }), 1e12)).toBeNull();
    // Not yet known at asOf.
    expect(actionTime(timeline({ decision: 'removed', decidedAt: 5 * H }), 5 * H - 1)).toBeNull();
  });

  it('counts 24 h and 7 days inclusively', () => {
    const f = computeFigures(
      [
        timeline({ decision: 'removed', decidedAt: DAY_MS }),
        timeline({ decision: 'restricted', decidedAt: DAY_MS + 1 }),
        timeline({ contentGoneAt: 7 * DAY_MS }),
        timeline({ reversedAt: 7 * DAY_MS + 1, escalatedAt: DAY_MS }),
      ],
      1e12,
    );
    expect([f.removedWithin24h, f.removedWithin7d, f.actioned, f.actionedByLivenessOnly]).toEqual([
      1, 3, 4, 1,
    ]);
    expect([f.escalated, f.reversedAfterEscalation, f.reversalShare]).toEqual([1, 1, 1]);
  });
});

describe('figures', () => {
  const arbitraryTimeline = fc
    .record({
      ack: fc.option(fc.integer({ min: 0, max: 30 * DAY_MS })),
      decided: fc.option(fc.integer({ min: 0, max: 30 * DAY_MS })),
      decision: fc.constantFrom('removed', 'restricted', 'rejected', 'no_action'),
      gone: fc.option(fc.integer({ min: 0, max: 30 * DAY_MS })),
      escalated: fc.option(fc.integer({ min: 0, max: 30 * DAY_MS })),
    })
    .map(({ ack, decided, decision, gone, escalated }) =>
      timeline({
        acknowledgedAt: ack,
        decision: decided === null ? null : decision,
        decidedAt: decided,
        contentGoneAt: gone,
        escalatedAt: escalated,
      }),
    );

  it('are consistent counts and shares whatever the timelines', () => {
    fc.assert(
      fc.property(
        fc.array(arbitraryTimeline, { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 0, max: 40 * DAY_MS }),
        (ts, asOf) => {
          const f = computeFigures(ts, asOf);
          expect(f.sent).toBe(ts.length);
          expect(f.removedWithin24h).toBeLessThanOrEqual(f.removedWithin7d);
          expect(f.removedWithin7d).toBeLessThanOrEqual(f.actioned);
          expect(f.acknowledged + f.noResponse).toBeLessThanOrEqual(f.sent);
          expect(f.acknowledgedShare).toBe(f.acknowledged / f.sent);
          // Independent recount of "no response": nothing from the platform by asOf.
          const silent = ts.filter(
            (t) =>
              !(t.acknowledgedAt !== null && t.acknowledgedAt <= asOf) &&
              !(t.decidedAt !== null && t.decidedAt <= asOf),
          ).length;
          expect(f.noResponse).toBe(silent);
        },
      ),
    );
  });
});

describe('clocks', () => {
  const sent = {
    sent_at: 0,
    ack_due_at: 24 * H,
    decision_due_at: 72 * H,
    acknowledged_at: null,
    decided_at: null,
    closed_at: null,
  };
  it('run until due, are overdue strictly after, and stop at the first answer', () => {
    expect(noticeClocks(sent, 24 * H).acknowledgement?.state).toBe('running');
    expect(noticeClocks(sent, 24 * H + 1).acknowledgement).toEqual({
      dueAt: 24 * H,
      metAt: null,
      state: 'overdue',
      lateByMs: 1,
    });
    // A decision answers the acknowledgement clock too.
    const decided = noticeClocks({ ...sent, decided_at: 30 * H }, 100 * H);
    expect(decided.acknowledgement).toEqual({
      dueAt: 24 * H,
      metAt: 30 * H,
      state: 'met_late',
      lateByMs: 6 * H,
    });
    expect(decided.decision?.state).toBe('met');
    // Closing stops a clock that had not been met.
    expect(noticeClocks({ ...sent, closed_at: 10 * H }, 100 * H).decision?.state).toBe('stopped');
    // Nothing runs before sending.
    expect(noticeClocks({ ...sent, sent_at: null }, 100 * H)).toEqual({
      acknowledgement: null,
      decision: null,
    });
  });
});
