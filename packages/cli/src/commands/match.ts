import { readFile } from 'node:fs/promises';
import { HammingIndex, parseHashLines, type HashLines } from '@vigie/matching';
import { EXIT, UsageError, type Command, type CommandIo } from '../command.ts';
import { parseCommandArgs } from '../args.ts';

/** Hash length and default radius per `--type`; md5 and sha256 are exact-match only. */
const TYPES = {
  pdq: { bits: 256, defaultDistance: 31, exact: false },
  simhash: { bits: 64, defaultDistance: 3, exact: false },
  md5: { bits: 128, defaultDistance: 0, exact: true },
  sha256: { bits: 256, defaultDistance: 0, exact: true },
} as const;
type TypeName = keyof typeof TYPES;

const help = `Usage: vigie match --bank FILE [--type pdq] [--distance 31] [QUERIES]

Matches every query hash against every bank hash within a Hamming distance.

Both files hold one hex hash per line, or CSV whose first column is the hash (a
non-hex first line is taken as a header). QUERIES defaults to standard input.

Output: one line per match, "query_index,bank_index,distance" (0-based line
numbers), sorted by query then bank index. Exit 0 even when nothing matches;
1 when a file is unreadable or holds an invalid hash (reported with file, line
and field); 2 on bad usage.

Options:
  --bank FILE        the bank (hash list) to search
  --type TYPE        pdq (default, 256-bit), simhash (64-bit), md5, sha256 (exact only)
  --distance N       maximum Hamming distance (default 31 for pdq, 3 for simhash)

Example:
  vigie match --bank haystack.txt needles.txt
`;

async function readText(path: string | undefined, io: CommandIo): Promise<string> {
  if (path !== undefined && path !== '-') return readFile(path, 'utf8');
  const chunks: Buffer[] = [];
  for await (const chunk of io.stdin)
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

function reportErrors(name: string, parsed: HashLines, io: CommandIo): boolean {
  for (const e of parsed.errors) {
    io.stderr.write(
      `vigie match: error[invalid_hash] ${name}: line ${e.line}, field ${e.field}: ${e.reason}\n`,
    );
  }
  return parsed.errors.length > 0;
}

export const matchCommand: Command = {
  path: ['match'],
  summary: 'Match query hashes against a bank file within a Hamming distance',
  help,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, {
      bank: { type: 'string' },
      type: { type: 'string', default: 'pdq' },
      distance: { type: 'string' },
    });
    if (values.bank === undefined) throw new UsageError('--bank FILE is required');
    if (positionals.length > 1) throw new UsageError('at most one QUERIES file');
    const typeName = values.type as string;
    if (!(typeName in TYPES)) throw new UsageError(`--type must be one of ${Object.keys(TYPES).join(', ')}`);
    const type = TYPES[typeName as TypeName];
    const distance = values.distance === undefined ? type.defaultDistance : Number(values.distance);
    if (!Number.isInteger(distance) || distance < 0 || distance > type.bits) {
      throw new UsageError(`--distance must be an integer from 0 to ${type.bits}`);
    }
    if (type.exact && distance !== 0)
      throw new UsageError(`--type ${typeName} matches exactly: --distance must be 0`);

    const queryName = positionals[0] ?? 'stdin';
    let bankText: string;
    let queryText: string;
    try {
      bankText = await readText(values.bank, io);
      queryText = await readText(positionals[0], io);
    } catch (error) {
      io.stderr.write(`vigie match: error[unreadable_file] ${(error as Error).message}\n`);
      return EXIT.failure;
    }
    const bank = parseHashLines(bankText, type.bits);
    const queries = parseHashLines(queryText, type.bits);
    const bad = reportErrors(values.bank, bank, io) || reportErrors(queryName, queries, io);
    if (bad) return EXIT.failure;

    const index = HammingIndex.fromPacked(bank.packed, { bits: type.bits });
    const words = type.bits / 32;
    let out = '';
    queries.lineIndex.forEach((queryLine, q) => {
      const hits = index.query(queries.packed.subarray(q * words, (q + 1) * words), distance);
      for (const hit of hits) out += `${queryLine},${bank.lineIndex[hit.id]},${hit.distance}\n`;
    });
    io.stdout.write(out);
    return EXIT.ok;
  },
};
