import { resolveObjectURL } from 'node:buffer';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  exposureKey,
  exposuresToday,
  graphicLabels,
  recordExposure,
  reminderFor,
} from '../src/protection/exposure.ts';
import {
  attachmentSource,
  evidenceSource,
  hasPreview,
  loadOriginal,
} from '../src/protection/media-source.ts';
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

describe('protected media sources', () => {
  it('asks for the protected variant by default and the original only by its own URL', () => {
    const attachment = attachmentSource('case/1', 'att 2');
    expect(attachment.protectedUrl).toBe(
      '/api/v1/cases/case%2F1/attachments/att%202/content?variant=protected',
    );
    expect(attachment.originalUrl).toBe(
      '/api/v1/cases/case%2F1/attachments/att%202/content?variant=original',
    );
    expect(evidenceSource('e1')).toEqual({
      protectedUrl: '/api/v1/evidence/e1/media?variant=protected',
      originalUrl: '/api/v1/evidence/e1/media?variant=original',
    });
    expect(['image/png', 'image/jpeg', 'video/mp4'].every(hasPreview)).toBe(true);
    expect(['image/svg+xml', 'text/html', 'application/pdf', ''].some(hasPreview)).toBe(false);
  });

  it('holds the original in an object URL until it is released', async () => {
    const requested: string[] = [];
    const fakeFetch = (async (url: string) => {
      requested.push(url);
      return new Response(new Blob([new Uint8Array([1, 2, 3])], { type: 'image/png' }));
    }) as typeof fetch;
    const source = evidenceSource('e1');
    const original = await loadOriginal(source, new AbortController().signal, fakeFetch);
    expect(requested).toEqual([source.originalUrl]);
    expect(original.mediaType).toBe('image/png');
    const held = resolveObjectURL(original.objectUrl);
    expect(held && Buffer.from(await held.arrayBuffer())).toEqual(Buffer.from([1, 2, 3]));
    original.release();
    expect(resolveObjectURL(original.objectUrl)).toBeUndefined();
  });

  it('creates no object URL when refused or when the reviewer moved on first', async () => {
    const refused = (async () => new Response('{}', { status: 403 })) as unknown as typeof fetch;
    await expect(loadOriginal(evidenceSource('e1'), new AbortController().signal, refused)).rejects.toThrow(
      /HTTP 403/,
    );
    const controller = new AbortController();
    const slow = (async () => {
      controller.abort();
      return new Response(new Blob([new Uint8Array([1])], { type: 'image/png' }));
    }) as unknown as typeof fetch;
    await expect(loadOriginal(evidenceSource('e1'), controller.signal, slow)).rejects.toThrow();
  });
});
