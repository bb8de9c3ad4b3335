import { commands } from './commands/index.ts';
import { EXIT, UsageError, type Command, type CommandIo } from './command.ts';

const processIo: CommandIo = {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
};

function topLevelHelp(): string {
  const width = Math.max(...commands.map((c) => c.path.join(' ').length));
  const lines = commands.map((c) => `  ${c.path.join(' ').padEnd(width)}  ${c.summary}`);
  return `Usage: vigie <command> [options]\n\nCommands:\n${lines.join('\n')}\n\nRun 'vigie <command> --help' for a command's options.\n`;
}

/** Finds the command whose path is the longest prefix of argv. */
function resolve(argv: string[]): { command: Command; rest: string[] } | undefined {
  let best: { command: Command; rest: string[] } | undefined;
  for (const command of commands) {
    const matches = command.path.every((word, i) => argv[i] === word);
    if (matches && (!best || command.path.length > best.command.path.length)) {
      best = { command, rest: argv.slice(command.path.length) };
    }
  }
  return best;
}

export async function main(argv: string[], io: CommandIo = processIo): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    io.stdout.write(topLevelHelp());
    return argv.length === 0 ? EXIT.usage : EXIT.ok;
  }
  const found = resolve(argv);
  if (!found) {
    io.stderr.write(`vigie: unknown command '${argv.join(' ')}'\n\n${topLevelHelp()}`);
    return EXIT.usage;
  }
  const { command, rest } = found;
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout.write(command.help.endsWith('\n') ? command.help : `${command.help}\n`);
    return EXIT.ok;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`vigie ${command.path.join(' ')}: ${error.message}\n\n${command.help}\n`);
      return EXIT.usage;
    }
    io.stderr.write(`vigie ${command.path.join(' ')}: ${(error as Error).message}\n`);
    return EXIT.failure;
  }
}
