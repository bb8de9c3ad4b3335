/**
 * Statement-of-reasons export benchmark on SQLite: an organisation with N decisions (varied
 * restrictions, grounds, categories and scopes). It times the whole export (load + schema parse +
 * TDB render + validation + NDJSON or CSV) against a baseline that only loads the same rows and
 * parses their JSON, so the ratio is the cost of our work on top of reading the data.
 *
 *   npm run bench:tdb -w packages/server [-- --decisions 20000 --runs 5]
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { systemActor } from '../src/identity/actor.ts';
import { createOrganisation } from '../src/identity/organisations.ts';
import { openStorage } from '../src/storage/database.ts';
import { migrateToLatest } from '../src/storage/migrate.ts';
import { CATEGORY, TERRITORIAL_SCOPE_COUNTRIES, keywordsByCategory } from '../src/taxonomy/dsa.ts';
import { collectStatementsOfReasons, formatStatements } from '../src/transparency/sor-export.ts';
import '../src/cases/tables.ts';

const { values: args } = parseArgs({
  options: { decisions: { type: 'string', default: '20000' }, runs: { type: 'string', default: '5' } },
});
const N = Number(args.decisions);
const RUNS = Number(args.runs);

function fieldsFor(i: number) {
  const category = CATEGORY[i % CATEGORY.length]!;
  const keywords = keywordsByCategory[category].slice(0, 1 + (i % 2));
  const illegal = i % 3 !== 0;
  return {
    restrictions:
      i % 4 === 0
        ? { account: { type: 'DECISION_ACCOUNT_SUSPENDED', endDate: '2027-06-30' } }
        : { visibility: { types: ['DECISION_VISIBILITY_CONTENT_REMOVED', 'DECISION_VISIBILITY_CONTENT_LABELLED'] } },
    ground: illegal
      ? { type: 'DECISION_GROUND_ILLEGAL_CONTENT', legalGround: 'Art. 421-2-5 Code pénal (FR)', explanation: 'Why '.repeat(40) }
      : { type: 'DECISION_GROUND_INCOMPATIBLE_CONTENT', termsGround: 'Rules §4', explanation: 'Because '.repeat(30), alsoIllegal: false },
    contentTypes: ['CONTENT_TYPE_TEXT', 'CONTENT_TYPE_IMAGE'],
    category,
    keywords,
    territorialScope: TERRITORIAL_SCOPE_COUNTRIES.slice(0, 1 + (i % 30)),
    contentLanguage: 'FR',
    contentDate: '2026-11-01',
    facts: `Decision ${i}: the post shows the facts described in the case, in some detail. `.repeat(4),
    sourceType: i % 5 === 0 ? 'SOURCE_VOLUNTARY' : 'SOURCE_ARTICLE_16',
    automatedDetection: i % 2 === 0,
    automatedDecision: 'AUTOMATED_DECISION_NOT_AUTOMATED',
  };
} // prettier-ignore

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function time(runs: number, work: () => Promise<unknown>): Promise<number> {
  const ms: number[] = [];
  for (let r = 0; r < runs; r++) {
    const start = performance.now();
    await work();
    ms.push(performance.now() - start);
  }
  return median(ms);
}

const dir = mkdtempSync(path.join(tmpdir(), 'vigie-tdb-bench-'));
const storage = openStorage({ databaseUrl: undefined, dataDir: dir });
try {
  const db = storage.db;
  await migrateToLatest(db);
  const org = await createOrganisation(db, { name: 'Bench' });
  const base = Date.parse('2026-11-01T00:00:00Z');
  for (let start = 0; start < N; start += 500) {
    await db.transaction().execute(async (trx) => {
      for (let i = start; i < Math.min(N, start + 500); i++) {
        const caseId = randomUUID();
        const decisionId = randomUUID();
        const at = base + i * 1000;
        await trx
          .insertInto('cases')
          .values({
            id: caseId, org_id: org.id, reference: `C-${i}`, status: 'decided', category: 'x', language: null,
            country: null, url: null, canonical_url: null, source_type: 'SOURCE_ARTICLE_16', trusted_flagger: 0,
            report_count: 1, match_count: 0, priority: 0, priority_reasons: '[]', queue_id: null, assigned_to: null,
            claim_expires_at: null, escalated_at: null, due_at: null, decision_id: decisionId, opened_at: at,
            updated_at: at, closed_at: null, last_seq: 0,
          })
          .execute(); // prettier-ignore
        await trx
          .insertInto('decisions')
          .values({
            id: decisionId, org_id: org.id, case_id: caseId, decided_by: 'bench', decided_at: at, action: 'remove',
            fields: JSON.stringify(fieldsFor(i)), superseded_by: null, created_at: at,
          })
          .execute(); // prettier-ignore
      }
    });
  }
  const actor = systemActor(org.id, 'bench');

  const baselineMs = await time(RUNS, async () => {
    const rows = await db
      .selectFrom('decisions')
      .select(['id', 'case_id', 'decided_at', 'fields'])
      .where('org_id', '=', org.id)
      .orderBy('decided_at')
      .orderBy('id')
      .execute();
    return rows.map((row) => JSON.parse(row.fields) as unknown);
  });
  let exported = 0;
  const ndjsonMs = await time(RUNS, async () => {
    const result = await collectStatementsOfReasons(db, actor, {});
    exported = result.statements.length;
    if (result.invalid.length > 0)
      throw new Error(`bench data invalid: ${JSON.stringify(result.invalid[0])}`);
    return formatStatements('tdb-json', result.statements);
  });
  const csvMs = await time(RUNS, async () =>
    formatStatements('tdb-csv', (await collectStatementsOfReasons(db, actor, {})).statements),
  );

  const rate = (ms: number) => Math.round((N / ms) * 1000).toLocaleString('en');
  console.log(`decisions: ${N}, exported: ${exported}, runs: ${RUNS} (median)`);
  console.log(`baseline  load rows + JSON.parse : ${baselineMs.toFixed(0)} ms  (${rate(baselineMs)} /s)`);
  console.log(
    `export    tdb-json (NDJSON)       : ${ndjsonMs.toFixed(0)} ms  (${rate(ndjsonMs)} /s)  ${(ndjsonMs / baselineMs).toFixed(1)}× baseline`,
  );
  console.log(
    `export    tdb-csv                 : ${csvMs.toFixed(0)} ms  (${rate(csvMs)} /s)  ${(csvMs / baselineMs).toFixed(1)}× baseline`,
  );
} finally {
  await storage.close();
  rmSync(dir, { recursive: true, force: true });
}
