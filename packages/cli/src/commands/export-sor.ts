import { writeFile } from 'node:fs/promises';
import { collectStatementsOfReasons, formatStatements, isIsoDate, systemActor } from '@vigie/server';
import { parseCommandArgs } from '../args.ts';
import { EXIT, UsageError, type Command } from '../command.ts';
import { withStorage } from './open-storage.ts';
import { organisationOption, resolveOrganisation } from './organisation-option.ts';

const FORMATS = ['tdb-json', 'tdb-csv'] as const;
type Format = (typeof FORMATS)[number];

function dayOption(name: string, value: string | undefined): string | undefined {
  if (value !== undefined && !isIsoDate(value)) throw new UsageError(`--${name} must be a date YYYY-MM-DD`);
  return value;
}

export const exportSor: Command = {
  path: ['export', 'sor'],
  summary: 'Export statements of reasons in the EU Transparency Database format (NDJSON or CSV)',
  help: `Usage: vigie export sor --format tdb-json|tdb-csv [--from DATE] [--to DATE] [--out FILE] [--org SLUG]

Writes the statements of reasons of the decisions taken between --from and --to (UTC days,
YYYY-MM-DD, both included) in the EU Transparency Database format: tdb-json is one statement
object per line (NDJSON), ready for the TDB API; tdb-csv has the columns of the TDB's public export.
Output goes to stdout, or to FILE with --out.

Only statements that pass every TDB rule are written. Each one that does not is reported on stderr
with the rules it breaks, and the command then exits 1 (after writing the valid ones).`,
  async run(args, io) {
    const { values } = parseCommandArgs(args, {
      ...organisationOption,
      format: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      out: { type: 'string' },
    });
    const format = values.format;
    if (!format || !(FORMATS as readonly string[]).includes(format)) {
      throw new UsageError('--format must be tdb-json or tdb-csv');
    }
    const from = dayOption('from', values.from);
    const to = dayOption('to', values.to);
    if (from !== undefined && to !== undefined && from > to) throw new UsageError('--from is after --to');
    return withStorage(io, async ({ db }) => {
      const organisation = await resolveOrganisation(db, values.org);
      const { statements, invalid } = await collectStatementsOfReasons(
        db,
        systemActor(organisation.id, 'cli'),
        {
          from,
          to,
        },
      );
      const body = formatStatements(format as Format, statements);
      if (values.out) await writeFile(values.out, body);
      else io.stdout.write(body);
      for (const problem of invalid) {
        const rules = problem.violations.map((v) => `${v.field || '(statement)'}: ${v.rule}`).join('; ');
        io.stderr.write(`invalid statement ${problem.puid} (case ${problem.caseId}): ${rules}\n`);
      }
      io.stderr.write(`${statements.length} statements exported, ${invalid.length} invalid\n`);
      return invalid.length > 0 ? EXIT.failure : EXIT.ok;
    });
  },
};
