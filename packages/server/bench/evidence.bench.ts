/**
 * Evidence and outbound benchmarks, each against a baseline run in the same process:
 * - safeFetch (resolution check, custom lookup, bounded body) vs a plain node:http GET, same local server;
 * - verifyBag on a pack of random files vs only reading and SHA-256-hashing the same payload files.
 * Run: npm run bench:evidence -w packages/server
 */
import { createHash, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { verifyBag, writeBag } from '../src/evidence/bagit.ts';
import { safeFetch } from '../src/outbound/safe-fetch.ts';

async function time(label: string, runs: number, work: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < Math.min(20, runs); i++) await work(); // warm-up
  const started = performance.now();
  for (let i = 0; i < runs; i++) await work();
  const perRun = (performance.now() - started) / runs;
  console.log(`${label.padEnd(48)} ${perRun.toFixed(3)} ms/run (${runs} runs)`);
  return perRun;
}

async function fetchBench(): Promise<void> {
  const body = randomBytes(64 * 1024);
  const server = http.createServer((_req, res) => res.end(body));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}/`;
  const plainGet = () =>
    new Promise<Buffer>((resolve, reject) => {
      http
        .get(url, { agent: false }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve(Buffer.concat(chunks)));
        })
        .on('error', reject);
    });
  const options = {
    maxBytes: 1 << 20,
    timeoutMs: 5000,
    maxRedirects: 3,
    userAgent: 'bench',
    allowHosts: [`127.0.0.1:${port}`],
  };
  const runs = 500;
  const baseline = await time('baseline: node:http GET, 64 KiB, loopback', runs, plainGet);
  const safe = await time('safeFetch GET, 64 KiB, loopback (allow-listed)', runs, () =>
    safeFetch(url, options),
  );
  const resolve = async () => [{ address: '127.0.0.1', family: 4 as const }];
  const named = await time('safeFetch GET via a resolved name', runs, () =>
    safeFetch(`http://bench.invalid:${port}/`, {
      ...options,
      resolve,
      allowHosts: [`bench.invalid:${port}`],
    }),
  );
  const refused = await time('safeFetch refusal of 10.0.0.1 (no connect)', runs * 4, () =>
    safeFetch('http://10.0.0.1/', options).catch(() => undefined),
  );
  console.log(
    `ratio safeFetch / baseline: ${(safe / baseline).toFixed(2)}; by name: ${(named / baseline).toFixed(2)}; refusal: ${(refused / baseline).toFixed(3)}`,
  );
  server.closeAllConnections();
  server.close();
}

async function bagBench(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'vigie-bag-bench-'));
  try {
    const files = Array.from({ length: 40 }, (_, i) => ({
      path: `items/${i}/file.bin`,
      bytes: randomBytes(1 << 20),
    }));
    await writeBag(path.join(dir, 'bag'), files, [['External-Identifier', 'bench']]);
    const payloadPaths = files.map((f) => path.join(dir, 'bag', 'data', ...f.path.split('/')));
    const runs = 10;
    const baseline = await time('baseline: read + SHA-256 of 40 × 1 MiB', runs, async () => {
      for (const p of payloadPaths) createHash('sha256').update(readFileSync(p)).digest('hex');
    });
    const verify = await time('verifyBag of the same 40 × 1 MiB bag', runs, async () => {
      const result = await verifyBag(path.join(dir, 'bag'));
      if (!result.ok) throw new Error(result.failure);
    });
    console.log(
      `ratio verifyBag / baseline: ${(verify / baseline).toFixed(2)} (${((40 / verify) * 1000).toFixed(0)} MiB/s)`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await fetchBench();
await bagBench();
