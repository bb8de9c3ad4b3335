/**
 * Statements of reasons of an organisation's decisions over a period, rendered in the TDB format and
 * split into those that validate (exported) and those that do not (reported, never dropped silently).
 */
import type { Actor } from '../identity/actor.ts';
import type { Db } from '../storage/transaction.ts';
import { decisionFieldsShape } from './decision-fields.ts';
import { puidForDecision, renderTdbStatement, type TdbStatement } from './tdb-statement.ts';
import { validateTdbStatement } from './tdb-validate.ts';
import { toTdbCsv, type TdbCsvRecord } from './tdb-csv.ts';
import './tables.ts';

export interface SorExportRange {
  /** First UTC day included, YYYY-MM-DD. */
  from?: string | undefined;
  /** Last UTC day included, YYYY-MM-DD. */
  to?: string | undefined;
}

export interface ExportedStatement extends TdbCsvRecord {
  decisionId: string;
  caseId: string;
}

/** A TDB rule violation, or (rule `schema:<zod code>`) stored fields that no longer fit the schema. */
export interface StatementProblem {
  field: string;
  rule: string;
  message: string;
}

export interface InvalidStatement {
  decisionId: string;
  caseId: string;
  puid: string;
  violations: StatementProblem[];
}

export interface SorExport {
  statements: ExportedStatement[];
  invalid: InvalidStatement[];
}

const DAY_MS = 86_400_000;
const PAGE = 500;

const dayStart = (day: string) => Date.parse(`${day}T00:00:00Z`);

/** Decisions decided in the range, oldest first, each rendered and validated. */
export async function collectStatementsOfReasons(
  db: Db,
  actor: Actor,
  range: SorExportRange,
): Promise<SorExport> {
  const organisation = await db
    .selectFrom('organisations')
    .select('name')
    .where('id', '=', actor.orgId)
    .executeTakeFirstOrThrow();
  const result: SorExport = { statements: [], invalid: [] };
  let after: { decidedAt: number; id: string } | undefined;
  for (;;) {
    const rows = await db
      .selectFrom('decisions')
      .leftJoin('tdb_submissions', (join) =>
        join
          .onRef('tdb_submissions.decision_id', '=', 'decisions.id')
          .onRef('tdb_submissions.org_id', '=', 'decisions.org_id'),
      )
      .select([
        'decisions.id',
        'decisions.case_id',
        'decisions.decided_at',
        'decisions.fields',
        'tdb_submissions.tdb_uuid',
      ])
      .where('decisions.org_id', '=', actor.orgId)
      .$if(range.from !== undefined, (q) => q.where('decisions.decided_at', '>=', dayStart(range.from!)))
      .$if(range.to !== undefined, (q) => q.where('decisions.decided_at', '<', dayStart(range.to!) + DAY_MS))
      .$if(after !== undefined, (q) =>
        q.where((eb) =>
          eb.or([
            eb('decisions.decided_at', '>', after!.decidedAt),
            eb.and([eb('decisions.decided_at', '=', after!.decidedAt), eb('decisions.id', '>', after!.id)]),
          ]),
        ),
      )
      .orderBy('decisions.decided_at')
      .orderBy('decisions.id')
      .limit(PAGE)
      .execute();
    for (const row of rows) {
      const decidedAt = Number(row.decided_at);
      const rendered = statementOfDecision({ id: row.id, decidedAt, fields: row.fields });
      if (rendered === null) continue;
      if ('violations' in rendered) {
        result.invalid.push({ decisionId: row.id, caseId: row.case_id, ...rendered });
      } else {
        result.statements.push({
          decisionId: row.id,
          caseId: row.case_id,
          statement: rendered.statement,
          uuid: row.tdb_uuid ?? null,
          platformName: organisation.name,
          createdAt: decidedAt,
        });
      }
    }
    const last = rows.at(-1);
    if (rows.length < PAGE || !last) return result;
    after = { decidedAt: Number(last.decided_at), id: last.id };
  }
}

/**
 * One stored decision as a TDB statement, or the reasons it cannot be one; null for a decision that
 * restricts nothing (`no_action` stores null fields), which has no statement of reasons.
 */
export function statementOfDecision(decision: {
  id: string;
  decidedAt: number;
  fields: string;
}): { statement: TdbStatement } | { puid: string; violations: StatementProblem[] } | null {
  let puid = decision.id;
  try {
    puid = puidForDecision(decision.id);
  } catch {
    return {
      puid,
      violations: [{ field: 'puid', rule: 'puid_format', message: 'decision id is not a valid puid' }],
    };
  }
  let json: unknown;
  try {
    json = JSON.parse(decision.fields);
  } catch {
    return {
      puid,
      violations: [{ field: '', rule: 'not_an_object', message: 'stored fields are not JSON' }],
    };
  }
  if (json === null) return null;
  const parsed = decisionFieldsShape.safeParse(json);
  if (!parsed.success) {
    return {
      puid,
      violations: parsed.error.issues.map((issue) => ({
        field: issue.path.join('.'),
        rule: `schema:${issue.code}`,
        message: issue.message,
      })),
    };
  }
  const statement = renderTdbStatement(parsed.data, { puid, decidedAt: decision.decidedAt });
  const violations = validateTdbStatement(statement);
  return violations.length > 0 ? { puid, violations } : { statement };
}

export type SorFormat = 'tdb-json' | 'tdb-csv';

/** The export body: NDJSON (one statement object per line) or the §1.7 CSV. */
export function formatStatements(format: SorFormat, statements: readonly ExportedStatement[]): string {
  if (format === 'tdb-csv') return toTdbCsv(statements);
  return statements.map((item) => `${JSON.stringify(item.statement)}\n`).join('');
}
