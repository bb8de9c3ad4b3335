import {
  caseIdByReference,
  exportEvidencePack,
  Keyring,
  loadConfig,
  loadMasterKey,
  systemActor,
} from '@vigie/server';
import { parseCommandArgs } from '../args.ts';
import { EXIT, UsageError, type Command } from '../command.ts';
import { withStorage } from './open-storage.ts';
import { organisationOption, resolveOrganisation } from './organisation-option.ts';

export const evidenceExport: Command = {
  path: ['evidence', 'export'],
  summary: 'Write the evidence of a case as a BagIt evidence pack with its chain of custody',
  help: `Usage: vigie evidence export (--case REF | --case-id ID | --all) --out DIR [--org SLUG]

Writes every evidence item of the case with reference REF (or id ID, or of the whole organisation
with --all) into DIR as a BagIt 1.0 bag (RFC 8493): the items' files under data/items/, their
metadata (data/items.json), their complete chains of custody (data/custody-log.jsonl), liveness
re-checks, a readable data/summary.html, manifest-sha256.txt and tagmanifest-sha256.txt. Every
item's content is re-hashed first, and the export is recorded in each item's custody chain.
DIR must not exist or be empty. Check a pack with 'vigie evidence verify DIR'.`,
  async run(args, io) {
    const { values } = parseCommandArgs(args, {
      ...organisationOption,
      case: { type: 'string' },
      'case-id': { type: 'string' },
      all: { type: 'boolean' },
      out: { type: 'string' },
    });
    const scopes = [values.case, values['case-id'], values.all].filter((v) => v !== undefined);
    if (scopes.length !== 1) throw new UsageError('give exactly one of --case REF, --case-id ID or --all');
    if (!values.out) throw new UsageError('--out DIR is required');
    const out = values.out;
    const config = loadConfig(io.env);
    return withStorage(io, async ({ db }) => {
      const organisation = await resolveOrganisation(db, values.org);
      let caseId = values['case-id'];
      if (values.case !== undefined) {
        caseId = await caseIdByReference(db, organisation.id, values.case);
        if (!caseId) {
          io.stderr.write(`no case with reference '${values.case}' in ${organisation.slug}\n`);
          return EXIT.failure;
        }
      }
      const vault = {
        keyring: new Keyring(loadMasterKey({ fromEnv: config.masterKey, dataDir: config.dataDir })),
        dataDir: config.dataDir,
      };
      const label = values.case ?? caseId ?? `${organisation.slug} (all evidence)`;
      const result = await exportEvidencePack(
        db,
        vault,
        systemActor(organisation.id, 'cli'),
        organisation.name,
        { caseId, label },
        out,
      );
      io.stdout.write(`wrote ${result.dir}: ${result.items} item(s), ${result.files} payload file(s)\n`);
      return EXIT.ok;
    });
  },
};
