/** Runs `vigie serve` as a child process, as a user would, and reads its first-start banner. */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { REPO_ROOT } from '../../../../test-support/requirements.ts';

export const VIGIE_BIN = path.join(REPO_ROOT, 'packages/cli/bin/vigie.js');

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface ServeProcess {
  child: ChildProcess;
  url: string;
  output: string[];
  credentials?: { email: string; password: string };
}

export async function startServe(env: Record<string, string>): Promise<ServeProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, [VIGIE_BIN, 'serve'], {
    env: {
      ...process.env,
      DATABASE_URL: '',
      VIGIE_LOG_LEVEL: 'info',
      ...env,
      PORT: String(port),
      HOST: '127.0.0.1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const result: ServeProcess = { child, url: `http://127.0.0.1:${port}`, output };
  createInterface({ input: child.stderr! }).on('line', (line) => output.push(line));
  // The banner comes before the 'vigie is serving' log line, which needs the info level.
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`vigie serve did not start:\n${output.join('\n')}`)),
      60_000,
    );
    child.once('exit', (code) => reject(new Error(`vigie serve exited with ${code}:\n${output.join('\n')}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      output.push(line);
      const email = /^\s+email:\s+(\S+)/.exec(line);
      if (email) result.credentials = { email: email[1] as string, password: '' };
      const password = /^\s+password:\s+(\S+)/.exec(line);
      if (password && result.credentials) result.credentials.password = password[1] as string;
      if (line.includes('"vigie is serving"')) {
        clearTimeout(timer);
        child.removeAllListeners('exit');
        resolve();
      }
    });
  });
  return result;
}

export async function stopServe(serve: ServeProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  // A child killed by a signal has a null exitCode and a signalCode.
  if (serve.child.exitCode !== null || serve.child.signalCode !== null) return;
  await new Promise((resolve) => {
    serve.child.once('exit', resolve);
    serve.child.kill(signal);
  });
}
