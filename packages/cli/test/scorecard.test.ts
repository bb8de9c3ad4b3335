import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../server/src/identity/actor.ts';
import { createOrganisation } from '../../server/src/identity/organisations.ts';
import { Keyring } from '../../server/src/crypto/keyring.ts';
import { loadMasterKey } from '../../server/src/crypto/master-key.ts';
import { loadConfig } from '../../server/src/config.ts';
import { appendNoticeEvent } from '../../server/src/notices/log.ts';
import { createNotice } from '../../server/src/notices/notices.ts';
import { createPlatform } from '../../server/src/platforms/platforms.ts';
import { createStudy } from '../../server/src/studies/studies.ts';
import { createTestDatabase, type TestDatabase } from '../../server/test/support/database.ts';
import { runVigie } from './support.ts';

const H = 3_600_000;
const sentAt = Date.UTC(2026, 5, 1);
let database: TestDatabase;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  database = await createTestDatabase();
  env = { ...database.env };
  const db = database.storage.db;
  const org = await createOrganisation(db, { name: 'Score Test', slug: 'score-test' });
  const actor = systemActor(org.id, 'test');
  const keyring = new Keyring(loadMasterKey({ dataDir: loadConfig(env).dataDir }));
  const { platform } = await createPlatform(db, keyring, actor, {
    slug: 'hostco',
    name: 'HostCo',
    channels: [
      { kind: 'email', address: 'abuse@hostco.example', ackWithinHours: 24, decisionWithinHours: 72 },
    ],
  });
  await createStudy(db, actor, { name: 'cli-study', title: 'CLI study' });
  // Two notices sent on 1 June: one acknowledged after 3 h and removed after 5 h, one ignored.
  for (const answered of [true, false]) {
    const notice = await createNotice(db, actor, {
      platformId: platform.id,
      channel: 'email',
      legalBasis: 'DSA Art. 16',
      category: 'STATEMENT_CATEGORY_VIOLENCE',
      text: 'text',
      items: [{ url: 'https://hostco.example/1' }],
      sentAt,
    });
    if (answered) {
      await appendNoticeEvent(db, actor, notice.id, { type: 'acknowledged' }, { at: sentAt + 3 * H });
      await appendNoticeEvent(
        db,
        actor,
        notice.id,
        { type: 'decision', outcome: 'removed' },
        { at: sentAt + 5 * H },
      );
    }
  }
});
afterAll(async () => database?.drop());

describe('vigie scorecard', () => {
  it('prints the figures as JSON with the methodology', async () => {
    const result = await runVigie(['scorecard', '--from', '2026-06-01', '--to', '2026-06-02'], env);
    expect(result.code, result.stderr).toBe(0);
    const card = JSON.parse(result.stdout);
    expect(card.overall).toMatchObject({
      sent: 2,
      acknowledged: 1,
      medianMsToAcknowledgement: 3 * H,
      medianMsToAction: 5 * H,
      removedWithin24h: 1,
      noResponse: 1,
    });
    expect(card.methodology).toContain(
      '2026-06-01T00:00:00.000Z (inclusive) to 2026-06-02T00:00:00.000Z (exclusive)',
    );
  });

  it('prints CSV, and counts nothing outside the period', async () => {
    const result = await runVigie(['scorecard', '--format', 'csv', '--from', '2026-06-02'], env);
    expect(result.code).toBe(0);
    const [header, overall] = result.stdout.trim().split('\r\n');
    expect(header?.startsWith('level,platform,category,country,language,channel,trustedFlagger,sent,')).toBe(
      true,
    );
    expect(overall?.startsWith('overall,,,,,,,0,')).toBe(true);
  });

  it('aggregates a study by name, and refuses bad options with exit 2', async () => {
    const study = await runVigie(['scorecard', '--study', 'cli-study'], env);
    expect(study.code).toBe(0);
    expect(JSON.parse(study.stdout).scope).toEqual({ kind: 'study', name: 'cli-study' });
    expect((await runVigie(['scorecard', '--study', 'no-such-study'], env)).code).toBe(2);
    expect((await runVigie(['scorecard', '--format', 'xml'], env)).code).toBe(2);
    expect((await runVigie(['scorecard', '--from', 'yesterday'], env)).code).toBe(2);
  });
});
