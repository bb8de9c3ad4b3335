import { writeFile } from 'node:fs/promises';
import { exportEntries, findBankByName } from '@vigie/server';
import { parseCommandArgs } from '../args.ts';
import { EXIT, UsageError, type Command } from '../command.ts';
import { bankFormat } from './bank-import.ts';
import { withStorage } from './open-storage.ts';
import { organisationOption, resolveOrganisation } from './organisation-option.ts';

const STATUSES = ['active', 'retracted', 'false_positive'] as const;

export const bankExport: Command = {
  path: ['bank', 'export'],
  summary: 'Export a bank as Vigie CSV or JSON, an HMA bank file, or a TAT hash-list page',
  help: `Usage: vigie bank export --bank NAME [--format csv|json|hma|tat] [--status STATUS] [--out FILE]

Writes every entry of the bank (or those with --status) to FILE, or to standard output. csv and json
keep labels, provenance, confidence, jurisdictions and status; hma holds active entries only (HMA has
no status); tat holds md5 and pdq entries only.

Options:
  --bank NAME        bank to export (required)
  --format FORMAT    csv (default), json, hma or tat; default from --out's extension when given
  --status STATUS    active, retracted or false_positive
  --out FILE         write to FILE instead of standard output
  --org SLUG         organisation slug`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, {
      bank: { type: 'string' },
      format: { type: 'string' },
      status: { type: 'string' },
      out: { type: 'string' },
      ...organisationOption,
    });
    if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`);
    if (!values.bank) throw new UsageError('--bank is required');
    const format =
      values.format === undefined && values.out === undefined ? 'csv' : bankFormat(values.format, values.out);
    const status = values.status;
    if (status !== undefined && !(STATUSES as readonly string[]).includes(status)) {
      throw new UsageError(`--status must be one of ${STATUSES.join(', ')}`);
    }
    return withStorage(io, async ({ db }) => {
      const organisation = await resolveOrganisation(db, values.org);
      const bank = await findBankByName(db, organisation.id, values.bank as string);
      if (!bank) throw new UsageError(`no bank named '${values.bank}'`);
      const { content, count } = await exportEntries(db, organisation.id, bank.id, format, {
        status: status as (typeof STATUSES)[number] | undefined,
      });
      if (values.out) {
        await writeFile(values.out, content);
        io.stderr.write(`exported ${count} entries to ${values.out}\n`);
      } else {
        io.stdout.write(content);
      }
      return EXIT.ok;
    });
  },
};
