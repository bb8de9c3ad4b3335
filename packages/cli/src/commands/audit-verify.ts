import { auditedOrganisations, verifyAudit } from '@vigie/server';
import { parseCommandArgs } from '../args.ts';
import { EXIT, type Command } from '../command.ts';
import { withStorage } from './open-storage.ts';
import { organisationOption, resolveOrganisation } from './organisation-option.ts';

export const auditVerify: Command = {
  path: ['audit', 'verify'],
  summary: 'Check the hash-chained audit log; exit 1 naming the first bad entry',
  help: `Usage: vigie audit verify [--org SLUG]

Re-walks the audit log's hash chain of every organisation (or only --org SLUG). Prints the number
of entries and the head hash of each intact chain (record it elsewhere to anchor the log). Exits 0
when every chain is intact, 1 at the first modified, deleted or reordered entry, naming it.`,
  async run(args, io) {
    const { values } = parseCommandArgs(args, organisationOption);
    return withStorage(io, async ({ db }) => {
      const orgIds = values.org
        ? [(await resolveOrganisation(db, values.org)).id]
        : await auditedOrganisations(db);
      let intact = true;
      for (const orgId of orgIds) {
        const result = await verifyAudit(db, orgId);
        if (result.ok) {
          io.stdout.write(`ok   organisation ${orgId}: ${result.entries} entries, head ${result.headHash}\n`);
        } else {
          intact = false;
          const where =
            result.firstBad.id === null ? 'after the last entry' : `entry id ${result.firstBad.id}`;
          io.stdout.write(
            `BAD  organisation ${orgId}: seq ${result.firstBad.seq} (${where}): ${result.firstBad.reason}\n`,
          );
        }
      }
      return intact ? EXIT.ok : EXIT.failure;
    });
  },
};
