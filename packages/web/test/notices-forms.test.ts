import { describe, expect, it } from 'vitest';
import { ApiClient } from '../src/api/client.ts';
import { evidenceApi } from '../src/evidence/api.ts';
import { byteSize } from '../src/evidence/labels.ts';
import { previewKind } from '../src/evidence/preview.ts';
import { buildNoticeEvent, eventFields, recordableTypes } from '../src/notices/events.ts';
import { epochToLocalDateTime, localDateTimeToEpoch, parseItems } from '../src/notices/form.ts';
import { buildPlatformInput, draftOf, parseList } from '../src/platforms/form.ts';
import type { Platform } from '../src/platforms/api.ts';

describe('notice form values', () => {
  it('reads one URL per line, ignoring blank lines; nothing means "let the API decide"', () => {
    expect(parseItems(' https://a.example/1 \r\n\n https://b.example/2\n')).toEqual([
      { url: 'https://a.example/1' },
      { url: 'https://b.example/2' },
    ]);
    expect(parseItems('  \n ')).toBeUndefined();
  });

  it('round-trips a local date-time, leaves empty as undefined and unreadable as NaN', () => {
    const at = new Date(2026, 10, 22, 9, 5).getTime();
    expect(epochToLocalDateTime(at)).toBe('2026-11-22T09:05');
    expect(localDateTimeToEpoch('2026-11-22T09:05')).toBe(at);
    expect(localDateTimeToEpoch(' ')).toBeUndefined();
    expect(localDateTimeToEpoch('not a date')).toBeNaN();
  });
});

describe('buildNoticeEvent', () => {
  it('offers every event the API lets an analyst record', () => {
    expect(recordableTypes.sort()).toEqual(
      [
        'acknowledged',
        'closed',
        'decision',
        'escalated',
        'follow_up',
        'liveness',
        'note',
        'reversed',
        'statement_of_reasons',
      ].sort(),
    );
  });

  it('builds each event from its inputs, leaving out empty optional ones', () => {
    expect(buildNoticeEvent('acknowledged', { ticketId: '  ' })).toEqual({ event: { type: 'acknowledged' } });
    expect(buildNoticeEvent('acknowledged', { ticketId: 'T-1' })).toEqual({
      event: { type: 'acknowledged', ticketId: 'T-1' },
    });
    expect(buildNoticeEvent('decision', { outcome: 'removed', text: 'Removed under our rules.' })).toEqual({
      event: { type: 'decision', outcome: 'removed', text: 'Removed under our rules.' },
    });
    expect(
      buildNoticeEvent('escalated', { kind: 'law_enforcement', recipient: 'PHAROS', reference: 'PH-99' }),
    ).toEqual({
      event: { type: 'escalated', kind: 'law_enforcement', recipient: 'PHAROS', reference: 'PH-99' },
    });
    expect(buildNoticeEvent('reversed', { reversedOutcome: 'restricted', outcome: 'rejected' })).toEqual({
      event: { type: 'reversed', outcome: 'restricted' },
    });
    expect(
      buildNoticeEvent('liveness', { online: 'false', httpStatus: '410', url: 'https://x.example/p' }),
    ).toEqual({
      event: { type: 'liveness', online: false, httpStatus: 410, url: 'https://x.example/p' },
    });
    expect(buildNoticeEvent('follow_up', { requiredText: 'Second reminder sent.' })).toEqual({
      event: { type: 'follow_up', text: 'Second reminder sent.' },
    });
    expect(buildNoticeEvent('closed', {})).toEqual({ event: { type: 'closed' } });
  });

  it('names the inputs the server schema refuses', () => {
    expect(buildNoticeEvent('follow_up', { requiredText: '   ' })).toEqual({ invalid: ['requiredText'] });
    expect(buildNoticeEvent('note', {})).toEqual({ invalid: ['requiredText'] });
    expect(buildNoticeEvent('escalated', { kind: 'dsc_complaint', recipient: '' })).toEqual({
      invalid: ['recipient'],
    });
    expect(buildNoticeEvent('liveness', { online: 'true', httpStatus: '4o4' })).toEqual({
      invalid: ['httpStatus'],
    });
    expect(buildNoticeEvent('decision', { outcome: 'deleted' })).toEqual({ invalid: ['outcome'] });
    expect(buildNoticeEvent('reversed', { reversedOutcome: 'no_action' })).toEqual({
      invalid: ['reversedOutcome'],
    });
  });

  it('only ever reports inputs that the event type shows', () => {
    for (const type of recordableTypes) {
      const built = buildNoticeEvent(type, {});
      if ('invalid' in built) for (const field of built.invalid) expect(eventFields[type]).toContain(field);
    }
  });
});

describe('platform form', () => {
  const platform: Platform = {
    id: 'p1',
    slug: 'example',
    name: 'Example',
    hosts: ['example.com', 'cdn.example.com'],
    countries: ['FR'],
    languages: ['fr', 'ar'],
    channels: [
      { kind: 'email', address: 'abuse@example.com', ackWithinHours: 24, decisionWithinHours: 72 },
      {
        kind: 'api',
        address: 'https://api.example/n',
        statusUrl: 'https://api.example/n/{ticketId}',
        ackWithinHours: 1,
        decisionWithinHours: 48,
      },
    ],
    createdAt: 0,
    updatedAt: 0,
  };

  it('splits lists on commas, spaces and new lines', () => {
    expect(parseList(' fr, ar\nde  es,,')).toEqual(['fr', 'ar', 'de', 'es']);
  });

  it('turns an edited entry back into the same API body', () => {
    const built = buildPlatformInput(draftOf(platform));
    expect(built).toEqual({
      input: {
        slug: 'example',
        name: 'Example',
        hosts: ['example.com', 'cdn.example.com'],
        countries: ['FR'],
        languages: ['fr', 'ar'],
        // In the server's channel order (CHANNEL_KINDS), whatever order the directory had.
        channels: [platform.channels[0], platform.channels[1]],
      },
    });
  });

  it('upper-cases country codes and keeps only offered channels', () => {
    const draft = draftOf();
    draft.countries = 'fr be';
    draft.channels.dsa_form = { ...draft.channels.dsa_form, offered: true, address: 'https://x.example/dsa' };
    draft.channels.email = { ...draft.channels.email, address: 'not offered, ignored' };
    const built = buildPlatformInput(draft);
    expect('input' in built && built.input.countries).toEqual(['FR', 'BE']);
    expect('input' in built && built.input.channels).toEqual([
      { kind: 'dsa_form', address: 'https://x.example/dsa', ackWithinHours: 24, decisionWithinHours: 168 },
    ]);
  });

  it('puts each channel problem on its input, and asks for at least one channel', () => {
    expect(buildPlatformInput(draftOf())).toEqual({ problems: { channels: true } });
    const draft = draftOf();
    draft.channels.email = {
      offered: true,
      address: ' ',
      statusUrl: '',
      ackWithinHours: '0',
      decisionWithinHours: 'soon',
    };
    expect(buildPlatformInput(draft)).toEqual({
      problems: { 'email.address': true, 'email.ackWithinHours': true, 'email.decisionWithinHours': true },
    });
  });
});

describe('evidence', () => {
  it('previews images and video under protection, text (and SVG) as text, the rest not at all', () => {
    expect(previewKind('image/png')).toBe('media');
    expect(previewKind('video/mp4')).toBe('media');
    expect(previewKind('image/svg+xml')).toBe('text');
    expect(previewKind('text/html; charset=utf-8')).toBe('text');
    expect(previewKind('application/json')).toBe('text');
    expect(previewKind('application/activity+json')).toBe('text');
    expect(previewKind('application/pdf')).toBe('none');
    expect(previewKind('')).toBe('none');
  });

  it('shows sizes in decimal units', () => {
    expect(byteSize(999, 'en')).toBe('999 byte');
    expect(byteSize(1536, 'en')).toBe('1.5 kB');
    expect(byteSize(25_000_000, 'en')).toBe('25 MB');
  });

  it('uploads as multipart with the CSRF token, letting the browser set the content type', async () => {
    const calls: { url: string; init: RequestInit }[] = [];
    const fetchImpl = (async (url: string, init: RequestInit) => {
      calls.push({ url, init });
      return new Response(JSON.stringify({ item: { id: 'ev1' } }), { status: 201 });
    }) as typeof fetch;
    const client = new ApiClient({ fetch: fetchImpl });
    client.setCsrfToken('tok');
    const answer = await evidenceApi(client).uploadEvidence(
      new File(['hello'], 'a.txt', { type: 'text/plain' }),
      'case-1',
    );
    expect(answer.item.id).toBe('ev1');
    const [call] = calls;
    const headers = call?.init.headers as Record<string, string>;
    expect(call?.url).toBe('/api/v1/evidence/uploads');
    expect(headers['x-csrf-token']).toBe('tok');
    expect(headers['content-type']).toBeUndefined();
    const form = call?.init.body as FormData;
    expect(form.get('caseId')).toBe('case-1');
    expect(await (form.get('file') as File).text()).toBe('hello');
  });
});
