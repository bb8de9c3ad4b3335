import { verifyBag } from '@vigie/server';
import { parseCommandArgs } from '../args.ts';
import { EXIT, UsageError, type Command } from '../command.ts';

export const evidenceVerify: Command = {
  path: ['evidence', 'verify'],
  summary: 'Check an evidence pack offline; exit 1 naming the first failure',
  help: `Usage: vigie evidence verify DIR

Re-checks an evidence pack (or any BagIt bag) without the database: the bag declaration, every
tag-manifest and payload-manifest hash, that no payload file is missing or added, Payload-Oxum,
each item's SHA-256 against its recorded value, and every item's chain of custody up to its
recorded head. Exits 0 when everything holds, 1 naming the first failure, 2 on bad usage.`,
  async run(args, io) {
    const { positionals } = parseCommandArgs(args, {});
    if (positionals.length !== 1) throw new UsageError('give exactly one pack directory');
    const dir = positionals[0] as string;
    const result = await verifyBag(dir);
    if (result.ok) {
      io.stdout.write(
        `ok   ${dir}: ${result.payloadFiles} payload files, hashes and custody chains intact\n`,
      );
      return EXIT.ok;
    }
    io.stdout.write(`FAIL ${dir}: ${result.failure}\n`);
    return EXIT.failure;
  },
};
