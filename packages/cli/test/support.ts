import { PassThrough } from 'node:stream';
import type { CommandIo } from '../src/command.ts';
import { main } from '../src/main.ts';

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `vigie` in-process with captured output and the given environment. */
export async function runVigie(
  argv: string[],
  env: NodeJS.ProcessEnv = {},
  stdinText = '',
): Promise<RunResult> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const stdin = new PassThrough();
  stdin.end(stdinText);
  let out = '';
  let err = '';
  stdout.on('data', (c) => (out += String(c)));
  stderr.on('data', (c) => (err += String(c)));
  const io: CommandIo = { stdout, stderr, stdin, env: { ...env } };
  const code = await main(argv, io);
  return { code, stdout: out, stderr: err };
}
