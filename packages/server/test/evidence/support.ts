/**
 * Shared set-up for the evidence tests: a local web site on loopback, a test app allowed to fetch from it,
 * and a case row.
 */
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import sharp from 'sharp';
import type { Permission } from '../../src/identity/permissions.ts';
import type { Db } from '../../src/storage/transaction.ts';
import { insertCaseRow } from '../cases/support.ts';
import {
  createTestApp,
  createTestOrganisation,
  type TestApp,
  type TestOrganisation,
} from '../support/app.ts';

export interface LocalSite {
  port: number;
  origin: string;
  hits: string[];
  /** Path → response; replace entries to change what the site serves. */
  routes: Map<string, (req: IncomingMessage, res: ServerResponse) => void>;
  close(): Promise<void>;
}

/** A 128×128 picture with structure (PDQ needs more than a flat colour); `seed` changes the pattern. */
export async function patternPng(seed = 1): Promise<Buffer> {
  const size = 128;
  const pixels = Buffer.alloc(size * size * 3);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const v = 128 + 127 * Math.sin((x * seed) / 9) * Math.cos((y * (seed + 1)) / 13);
      pixels.set([Math.round(v), (x * 2) % 256, (y * seed) % 256], (y * size + x) * 3);
    }
  }
  return sharp(pixels, { raw: { width: size, height: size, channels: 3 } })
    .png()
    .toBuffer();
}

export const PAGE_HTML =
  '<!doctype html><html><head><link rel="stylesheet" href="/style.css"><title>Post</title></head>' +
  '<body><p>Hateful post &amp; more</p><img src="/picture.png"><img src="http://10.0.0.1/private.png"></body></html>';

export async function startSite(): Promise<LocalSite> {
  const png = await patternPng();
  const routes: LocalSite['routes'] = new Map([
    [
      '/post',
      (_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE_HTML),
    ],
    ['/style.css', (_req, res) => res.writeHead(200, { 'content-type': 'text/css' }).end('body{color:#333}')],
    ['/picture.png', (_req, res) => res.writeHead(200, { 'content-type': 'image/png' }).end(png)],
  ]);
  const hits: string[] = [];
  const server = http.createServer((req, res) => {
    hits.push(req.url ?? '');
    const route = routes.get(req.url ?? '');
    if (route) route(req, res);
    else res.writeHead(404).end('not found');
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    origin: `http://127.0.0.1:${port}`,
    hits,
    routes,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

export interface EvidenceTestApp {
  site: LocalSite;
  t: TestApp;
  org: TestOrganisation;
}

/**
 * A local site, a test app allowed to fetch from it (screenshots off unless `env` says otherwise) and an
 * organisation named after `name` whose API key has `permissions`.
 */
export async function createEvidenceTestApp(
  name: string,
  permissions: Permission[],
  env: Record<string, string> = {},
): Promise<EvidenceTestApp> {
  const site = await startSite();
  const t = await createTestApp({
    VIGIE_OUTBOUND_ALLOW_HOSTS: `127.0.0.1:${site.port}`,
    VIGIE_EVIDENCE_SCREENSHOTS: '0',
    ...env,
  });
  const org = await createTestOrganisation(t, name, permissions);
  return { site, t, org };
}

/** A minimal case row (the cases module owns the table; evidence only links to it by id). */
export async function insertCase(db: Db, orgId: string, reference: string): Promise<string> {
  const id = randomUUID();
  await insertCaseRow(db, {
    id,
    org_id: orgId,
    reference,
    category: 'STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH',
  });
  return id;
}
