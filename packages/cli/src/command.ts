/** A `vigie` sub-command. `run` returns the process exit code: 0 success, 1 failure, 2 usage error. */
export interface Command {
  /** Words that select the command, e.g. `['user', 'create']`. */
  readonly path: readonly string[];
  readonly summary: string;
  /** Full help text printed by `--help`: usage line, options, examples. */
  readonly help: string;
  run(args: string[], io: CommandIo): Promise<number>;
}

export interface CommandIo {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
}

/** Thrown for a malformed command line: printed with the command's usage, exit code 2. */
export class UsageError extends Error {}

export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;
