/**
 * A paced load run with wrk (Debian package `wrk`): a fixed overall request rate on an absolute schedule
 * (paced.lua), bodies cycled from a list. wrk is written in C and measures latency from the actual
 * send, so on a two-core machine it takes less CPU from the server under test than a JavaScript load
 * generator, and its own pauses do not show up as server latency.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface PacedRun {
  url: string;
  method: 'GET' | 'POST';
  /** JSON bodies, cycled through (POST); none for GET. */
  bodies: readonly string[];
  rate: number;
  seconds: number;
  connections: number;
  authorization?: string;
}

export interface LoadResult {
  /** Completed requests per second. */
  rate: number;
  p50: number;
  p99: number;
  max: number;
  /** Connection errors, timeouts and non-2xx answers. */
  errors: number;
  total: number;
}

export async function wrkPaced(run: PacedRun): Promise<LoadResult> {
  const dir = mkdtempSync(path.join(tmpdir(), 'vigie-wrk-'));
  const bodiesFile = path.join(dir, 'bodies.jsonl');
  writeFileSync(bodiesFile, run.bodies.map((body) => `${body}\n`).join(''));
  try {
    const output = await new Promise<string>((resolve, reject) => {
      const child = spawn(
        'wrk',
        [
          '-t1',
          `-c${run.connections}`,
          `-d${run.seconds}s`,
          '--timeout',
          '10s',
          '-s',
          path.join(import.meta.dirname, 'paced.lua'),
          run.url,
          '--',
          run.method,
          bodiesFile,
          String(run.rate),
          run.authorization ?? '',
        ],
        { stdio: ['ignore', 'pipe', 'inherit'] },
      );
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
      child.once('error', (error) =>
        reject(new Error(`wrk could not start (${error.message}); install it with: apt-get install wrk`)),
      );
      child.once('exit', (code) =>
        code === 0 ? resolve(out) : reject(new Error(`wrk exited with ${code}`)),
      );
    });
    const line = output.split('\n').find((l) => l.startsWith('PACED '));
    if (!line) throw new Error(`wrk printed no result:\n${output}`);
    const [total, durationUs, p50, p99, max, errors] = line.split(' ').slice(1).map(Number) as [
      number,
      number,
      number,
      number,
      number,
      number,
    ];
    // wrk counts a non-2xx answer as an error only for 4xx/5xx (status > 399), which is what we want.
    return { rate: total / (durationUs / 1e6), p50, p99, max, errors, total };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
