import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  exposureKey,
  exposuresToday,
  graphicLabels,
  recordExposure,
  reminderFor,
} from '../src/protection/exposure.ts';
import { builtInProtection, readProtection, resolveProtection } from '../src/protection/settings.ts';

const memoryStore = () => {
  const map = new Map<string, string>();
  return {
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => void map.set(k, v),
    map,
  };
};

describe('moderator-protection settings', () => {
  it('protects by default: blur and greyscale on when nothing is configured', () => {
    expect(resolveProtection(undefined, undefined)).toEqual(builtInProtection);
    expect(builtInProtection.blur).toBe(true);
    expect(builtInProtection.greyscale).toBe(true);
  });

  it('applies personal choices over organisation defaults over built-in ones, key by key', () => {
    const organisation = { moderatorProtection: { greyscale: false, breakEvery: 10 } };
    expect(resolveProtection(organisation, { breakEvery: 5 })).toEqual({
      ...builtInProtection,
      greyscale: false,
      breakEvery: 5,
    });
  });

  it('drops values of the wrong type, so a bad setting never unblurs media', () => {
    const organisation = {
      moderatorProtection: { blur: 'no', greyscale: 0, breakEvery: -1, dailyLimit: 2.5 },
    };
    expect(resolveProtection(organisation, 'garbage')).toEqual(builtInProtection);
    fc.assert(
      fc.property(fc.anything(), (value) => {
        const read = readProtection(value) as Record<string, unknown>;
        for (const key of Object.keys(read))
          expect(['blur', 'greyscale', 'breakEvery', 'dailyLimit']).toContain(key);
        if ('blur' in read) expect(typeof read.blur).toBe('boolean');
      }),
    );
  });
});

describe('exposure counter', () => {
  const noon = Date.UTC(2026, 10, 22, 12);
  it('counts reveals per person and per UTC day', () => {
    const store = memoryStore();
    expect(recordExposure(store, 'u1', noon)).toBe(1);
    expect(recordExposure(store, 'u1', noon + 1000)).toBe(2);
    expect(recordExposure(store, 'u2', noon)).toBe(1);
    expect(exposuresToday(store, 'u1', noon + 24 * 3600 * 1000)).toBe(0);
    expect(exposureKey('u1', noon)).toBe('vigie.exposure.u1.2026-11-22');
  });

  it('ignores a corrupted stored count', () => {
    const store = memoryStore();
    store.setItem(exposureKey('u1', noon), 'NaN');
    expect(recordExposure(store, 'u1', noon)).toBe(1);
  });

  it('reminds every `breakEvery` reveals and says when the daily limit is reached', () => {
    const settings = { ...builtInProtection, breakEvery: 3, dailyLimit: 7 };
    const reminders = [1, 2, 3, 4, 5, 6, 7, 8].map((n) => reminderFor(n, settings));
    expect(reminders).toEqual(['none', 'none', 'break', 'none', 'none', 'break', 'limit', 'limit']);
    expect(reminderFor(3, { ...settings, breakEvery: 0, dailyLimit: 0 })).toBe('none');
  });

  it('picks graphic-content labels out of bank labels', () => {
    expect(
      graphicLabels([
        'gifct:glorification-of-terrorist-acts',
        'dsa:scams_and_fraud',
        'exchange:graphic_violence',
        'gifct:glorification-of-terrorist-acts',
      ]),
    ).toEqual(['gifct:glorification-of-terrorist-acts', 'exchange:graphic_violence']);
  });
});
