/**
 * A real `vigie serve` process for browser tests: its own data folder (and, when DATABASE_URL is
 * set, its own PostgreSQL database on that server, so the first-start banner is printed), a free
 * port, and the admin credentials read from the banner on stdout.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '../../../../test-support/requirements.ts';
import { createPostgresDatabase } from '../../../server/test/support/database.ts';

export interface VigieProcess {
  url: string;
  admin: { email: string; password: string };
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** Resolves with the banner's credentials, or rejects with the process output when it exits first. */
function readBanner(child: ChildProcess, timeoutMs: number): Promise<{ email: string; password: string }> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(
      () => reject(new Error(`no first-start banner within ${timeoutMs} ms:\n${output}`)),
      timeoutMs,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const email = /^\s*email:\s+(\S+)/m.exec(output)?.[1];
      const password = /^\s*password:\s+(\S+)/m.exec(output)?.[1];
      if (email && password) {
        clearTimeout(timer);
        resolve({ email, password });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`vigie serve exited with ${code}:\n${output}`));
    });
  });
}

/** `env` adds to (or overrides) the environment the server inherits from the test process. */
export async function startVigie(env: Record<string, string> = {}): Promise<VigieProcess> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'vigie-web-test-'));
  const postgres = process.env.DATABASE_URL
    ? await createPostgresDatabase(process.env.DATABASE_URL)
    : undefined;
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(REPO_ROOT, 'packages/cli/bin/vigie.js'), 'serve'], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      VIGIE_DATA_DIR: dataDir,
      PORT: String(port),
      HOST: 'localhost',
      VIGIE_LOG_LEVEL: 'warn',
      ...(postgres ? { DATABASE_URL: postgres.url } : {}),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const cleanUp = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    await postgres?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const admin = await readBanner(child, 60_000);
    return { url: `http://localhost:${port}`, admin, stop: cleanUp };
  } catch (error) {
    await cleanUp();
    throw error;
  }
}
