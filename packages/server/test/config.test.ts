/** Settings the job handlers receive from the server's configuration rather than reading the environment. */
import { expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';

it('reads SMTP settings from VIGIE_SMTP_URL and VIGIE_SMTP_FROM, and none without a URL', () => {
  expect(loadConfig({}).smtp).toBeUndefined();
  expect(loadConfig({ VIGIE_SMTP_URL: '' }).smtp).toBeUndefined();
  expect(loadConfig({ VIGIE_SMTP_URL: 'smtp://mail.example:25' }).smtp).toEqual({
    url: 'smtp://mail.example:25',
    from: 'Vigie <no-reply@localhost>',
  });
  expect(
    loadConfig({ VIGIE_SMTP_URL: ' smtps://mail.example ', VIGIE_SMTP_FROM: 'Hotline <hotline@example.org>' })
      .smtp,
  ).toEqual({ url: 'smtps://mail.example', from: 'Hotline <hotline@example.org>' });
});

it('reads the evidence re-check delays in minutes, hours and days', () => {
  expect(loadConfig({ VIGIE_LIVENESS_DELAYS: '30m, 2h,7d' }).livenessDelaysMs).toEqual([
    30 * 60_000,
    2 * 3_600_000,
    7 * 86_400_000,
  ]);
  expect(() => loadConfig({ VIGIE_LIVENESS_DELAYS: 'soon' })).toThrow('VIGIE_LIVENESS_DELAYS');
});
