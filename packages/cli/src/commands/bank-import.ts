import { readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  AppError,
  BANK_FORMATS,
  createBank,
  findBankByName,
  importEntries,
  systemActor,
  type BankFormat,
  type ImportReport,
} from '@vigie/server';
import { parseCommandArgs } from '../args.ts';
import { EXIT, UsageError, type Command } from '../command.ts';
import { withStorage } from './open-storage.ts';
import { organisationOption, resolveOrganisation } from './organisation-option.ts';

const BY_EXTENSION: Record<string, BankFormat> = { '.csv': 'csv', '.json': 'json', '.txt': 'hma' };

/** `--format`, or the file extension's format (.csv, .json, .txt = HMA); TAT pages need --format tat. */
export function bankFormat(given: string | undefined, file: string | undefined): BankFormat {
  if (given !== undefined) {
    if (!(BANK_FORMATS as readonly string[]).includes(given)) {
      throw new UsageError(`--format must be one of ${BANK_FORMATS.join(', ')}`);
    }
    return given as BankFormat;
  }
  const byExtension = file ? BY_EXTENSION[path.extname(file).toLowerCase()] : undefined;
  if (!byExtension)
    throw new UsageError(
      `cannot tell the format from the file name: pass --format ${BANK_FORMATS.join('|')}`,
    );
  return byExtension;
}

function printReport(report: ImportReport, out: NodeJS.WritableStream): void {
  const lines = [
    report.dryRun ? 'dry run: nothing was written' : 'imported',
    `accepted: ${report.accepted}`,
    `rejected: ${report.rejected.length}`,
    `duplicates in the file: ${report.duplicates.length}`,
    `already in the bank: ${report.alreadyInBank.length}`,
    `${report.dryRun ? 'would insert' : 'inserted'}: ${report.inserted}`,
    `${report.dryRun ? 'would change status' : 'status changed'}: ${report.statusChanged.length}`,
  ];
  for (const r of report.rejected.slice(0, 50))
    lines.push(`  line ${r.line} ${r.field}: ${r.code}: ${r.reason}`);
  if (report.rejected.length > 50) lines.push(`  … and ${report.rejected.length - 50} more rejected rows`);
  for (const d of report.duplicates.slice(0, 20))
    lines.push(`  line ${d.line}: duplicate of line ${d.firstLine}`);
  out.write(`${lines.join('\n')}\n`);
}

export const bankImport: Command = {
  path: ['bank', 'import'],
  summary: 'Import a bank file (Vigie CSV or JSON, HMA, Tech Against Terrorism), with a dry run',
  help: `Usage: vigie bank import FILE --bank NAME [--format csv|json|hma|tat] [--dry-run] [options]

Validates every row, then imports the file into the bank in one transaction. A file with any invalid
row is refused as a whole (nothing is written) unless --skip-invalid is given. Rows whose value the
bank already holds are skipped; a TAT "deleted" or a CSV/JSON "deleted"/"disabled" status retracts or
disables the existing entry.

Options:
  --bank NAME        bank to import into (required)
  --format FORMAT    csv (Vigie CSV), json (Vigie JSON), hma (python-threatexchange / HMA bank file),
                     tat (Tech Against Terrorism hash-list API page); default from the extension
                     (.csv, .json, .txt = hma)
  --dry-run          report what would happen (accepted, rejected with line and reason, duplicates)
  --skip-invalid     import the valid rows even if some are rejected
  --create           create the bank if it does not exist
  --source NAME      provenance for every row (e.g. gifct, tcap, partner:acme)
  --org SLUG         organisation slug
  --json             print the report as JSON

Exit code 1 when rows were rejected (or the import was refused), 0 otherwise.`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, {
      bank: { type: 'string' },
      format: { type: 'string' },
      'dry-run': { type: 'boolean' },
      'skip-invalid': { type: 'boolean' },
      create: { type: 'boolean' },
      source: { type: 'string' },
      json: { type: 'boolean' },
      ...organisationOption,
    });
    const file = positionals[0];
    if (!file || positionals.length > 1) throw new UsageError('give exactly one FILE');
    if (!values.bank) throw new UsageError('--bank is required');
    const format = bankFormat(values.format, file);
    const content = await readFile(file, 'utf8');
    return withStorage(io, async ({ db }) => {
      const organisation = await resolveOrganisation(db, values.org);
      const actor = systemActor(organisation.id, 'cli');
      const name = values.bank as string;
      let bank = await findBankByName(db, organisation.id, name);
      if (!bank && values.create && !values['dry-run']) bank = await createBank(db, actor, { name }, null);
      if (!bank) throw new UsageError(`no bank named '${name}' (pass --create to create it)`);
      let report: ImportReport;
      try {
        report = await importEntries(
          db,
          actor,
          bank.id,
          {
            format,
            content,
            dryRun: values['dry-run'],
            skipInvalid: values['skip-invalid'],
            source: values.source,
          },
          null,
        );
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        io.stderr.write(`${error.message}\n`);
        for (const issue of error.issues ?? []) io.stderr.write(`  ${issue.field}: ${issue.message}\n`);
        return EXIT.failure;
      }
      if (values.json) io.stdout.write(`${JSON.stringify(report)}\n`);
      else printReport(report, io.stdout);
      return report.rejected.length > 0 ? EXIT.failure : EXIT.ok;
    });
  },
};
