/**
 * Scorecard benchmark on SQLite: an organisation with N sent notices (random acknowledgement,
 * decision and liveness times over 40 platforms × 5 categories × 6 countries × 4 languages). It times
 * the whole scorecard (load + group + figures + methodology) against a baseline that only loads the
 * same columns of the same rows, so the ratio is the cost of the computation on top of reading the data.
 *
 *   npm run bench:scorecard -w packages/server [-- --notices 100000 --runs 5]
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createOrganisation } from '../src/identity/organisations.ts';
import type { NoticeTable } from '../src/notices/tables.ts';
import { scorecardCsv } from '../src/scorecards/csv.ts';
import { organisationScorecard, TIMELINE_COLUMNS } from '../src/scorecards/scorecard.ts';
import { openStorage } from '../src/storage/database.ts';
import { migrateToLatest } from '../src/storage/migrate.ts';

const { values: args } = parseArgs({
  options: { notices: { type: 'string', default: '100000' }, runs: { type: 'string', default: '5' } },
});
const N = Number(args.notices);
const RUNS = Number(args.runs);
const H = 3_600_000;

const dir = mkdtempSync(path.join(tmpdir(), 'vigie-scorecard-bench-'));
const storage = openStorage({ databaseUrl: undefined, dataDir: dir });
try {
  const db = storage.db;
  await migrateToLatest(db);
  const org = await createOrganisation(db, { name: 'Bench' });
  const now = Date.now();
  const base = now - 60 * 24 * H;
  const platformId = randomUUID();
  await db
    .insertInto('platforms')
    .values({
      id: platformId,
      org_id: org.id,
      slug: 'bench',
      name: 'Bench',
      hosts: '[]',
      countries: '[]',
      languages: '[]',
      channels: '[]',
      callback_secret_sealed: '',
      created_at: base,
      updated_at: base,
    })
    .execute();
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(Math.random() * xs.length)]!;
  const maybe = (p: number, from: number, spanH: number) =>
    Math.random() < p ? from + Math.floor(Math.random() * spanH * H) : null;
  const rows: NoticeTable[] = [];
  for (let i = 0; i < N; i++) {
    const sent = base + Math.floor(Math.random() * 30 * 24 * H);
    const decided = maybe(0.5, sent, 240);
    rows.push({
      id: randomUUID(),
      org_id: org.id,
      reference: `N-${i}`,
      platform_id: platformId,
      platform_slug: `platform-${i % 40}`,
      case_id: null,
      study_id: null,
      channel: 'email',
      channel_address: 'x',
      legal_basis: 'DSA Art. 16',
      trusted_flagger: 0,
      category: pick(['A', 'B', 'C', 'D', 'E']),
      country: pick(['FR', 'DE', 'BE', 'NL', 'IT', 'ES']),
      language: pick(['fr', 'de', 'nl', 'it']),
      body: 'text',
      items: '[]',
      status: 'sent',
      sent_at: sent,
      ack_within_ms: 24 * H,
      decision_within_ms: 72 * H,
      ack_due_at: sent + 24 * H,
      decision_due_at: sent + 72 * H,
      acknowledged_at: maybe(0.6, sent, 72),
      decision: decided === null ? null : pick(['removed', 'restricted', 'rejected', 'no_action']),
      decided_at: decided,
      sor_received_at: decided,
      escalated_at: null,
      reversed_at: null,
      content_gone_at: maybe(0.3, sent, 200),
      closed_at: null,
      external_id: null,
      created_by: 'bench',
      created_at: sent,
      updated_at: sent,
      last_seq: 2,
    });
  }
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insertInto('notices')
      .values(rows.slice(i, i + 500))
      .execute();
  }

  const time = async (work: () => Promise<unknown>) => {
    const samples: number[] = [];
    for (let r = 0; r < RUNS; r++) {
      const start = performance.now();
      await work();
      samples.push(performance.now() - start);
    }
    return samples.sort((a, b) => a - b)[Math.floor(RUNS / 2)]!;
  };
  const baseline = await time(() =>
    db.selectFrom('notices').select(TIMELINE_COLUMNS).where('org_id', '=', org.id).execute(),
  );
  let groups = 0;
  const scorecard = await time(async () => {
    const card = await organisationScorecard(db, org, { asOf: now });
    groups = card.rows.length;
    scorecardCsv(card);
  });
  console.log(`notices: ${N}, groups: ${groups}, runs: ${RUNS} (median shown)`);
  console.log(`baseline (load rows only): ${baseline.toFixed(1)} ms`);
  console.log(
    `scorecard (load + figures + CSV): ${scorecard.toFixed(1)} ms  ratio ${(scorecard / baseline).toFixed(2)}×`,
  );
} finally {
  await storage.close();
  rmSync(dir, { recursive: true, force: true });
}
