import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scrollToReveal, visibleRange } from '../src/ui/windowing.ts';
import { slaStateOf } from '../src/review/sla.ts';

describe('visibleRange', () => {
  it('renders the rows in view plus the overscan, clamped to the list', () => {
    expect(
      visibleRange({ scrollTop: 0, viewportHeight: 560, rowHeight: 56, count: 1000, overscan: 8 }),
    ).toEqual({
      start: 0,
      end: 18,
    });
    expect(
      visibleRange({ scrollTop: 56 * 500, viewportHeight: 560, rowHeight: 56, count: 1000, overscan: 8 }),
    ).toEqual({
      start: 492,
      end: 518,
    });
    expect(
      visibleRange({ scrollTop: 1e9, viewportHeight: 560, rowHeight: 56, count: 1000, overscan: 8 }).end,
    ).toBe(1000);
    expect(visibleRange({ scrollTop: 0, viewportHeight: 560, rowHeight: 56, count: 0, overscan: 8 })).toEqual(
      { start: 0, end: 0 },
    );
  });

  it('always covers every row that intersects the viewport, and never many more', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100_000 }),
        fc.integer({ min: 1, max: 2000 }),
        fc.integer({ min: 1, max: 200 }),
        fc.integer({ min: 0, max: 5000 }),
        fc.integer({ min: 0, max: 20 }),
        (scrollTop, viewportHeight, rowHeight, count, overscan) => {
          const { start, end } = visibleRange({ scrollTop, viewportHeight, rowHeight, count, overscan });
          expect(0 <= start && start <= end && end <= count).toBe(true);
          for (let i = 0; i < count; i++) {
            const top = i * rowHeight;
            const intersects = top < scrollTop + viewportHeight && top + rowHeight > scrollTop;
            if (intersects) expect(i >= start && i < end).toBe(true);
          }
          expect(end - start).toBeLessThanOrEqual(Math.ceil(viewportHeight / rowHeight) + 1 + 2 * overscan);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('scrollToReveal', () => {
  it('scrolls only when the row is outside the viewport', () => {
    expect(scrollToReveal(0, 0, 560, 56)).toBeNull();
    expect(scrollToReveal(20, 0, 560, 56)).toBe(21 * 56 - 560);
    expect(scrollToReveal(2, 560, 560, 56)).toBe(112);
  });
});

describe('slaStateOf', () => {
  const now = 1_000_000_000;
  it('classifies due times', () => {
    expect(slaStateOf(null, now)).toBe('none');
    expect(slaStateOf(now, now)).toBe('overdue');
    expect(slaStateOf(now + 30 * 60_000, now)).toBe('due_soon');
    expect(slaStateOf(now + 2 * 3600_000, now)).toBe('on_time');
  });
});
