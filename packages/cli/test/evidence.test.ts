/** `vigie evidence export` and `vigie evidence verify` end to end, through `main` with in-memory streams. */
import { mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Keyring } from '../../server/src/crypto/keyring.ts';
import { loadMasterKey } from '../../server/src/crypto/master-key.ts';
import { recordEvidence, recordSyntheticCapture } from '../../server/src/evidence/index.ts';
import { systemActor } from '../../server/src/identity/actor.ts';
import { createOrganisation } from '../../server/src/identity/organisations.ts';
import { createTestDatabase, type TestDatabase } from '../../server/test/support/database.ts';
import { insertCase } from '../../server/test/evidence/support.ts';
import { runVigie } from './support.ts';

let database: TestDatabase;
let env: NodeJS.ProcessEnv;
let out: string;

beforeAll(async () => {
  database = await createTestDatabase();
  env = { ...database.env };
  out = mkdtempSync(path.join(tmpdir(), 'vigie-cli-pack-'));
  const db = database.storage.db;
  const organisation = await createOrganisation(db, { name: 'Pack CLI', slug: 'pack-cli' });
  const caseId = await insertCase(db, organisation.id, 'VG-CLI-7');
  const vault = {
    keyring: new Keyring(loadMasterKey({ dataDir: database.env.VIGIE_DATA_DIR })),
    dataDir: database.env.VIGIE_DATA_DIR,
  };
  await recordEvidence(
    db,
    vault,
    systemActor(organisation.id, 'seed'),
    {
      kind: 'upload',
      caseId,
      artefacts: [
        {
          role: 'file',
          fileName: 'notice.txt',
          bytes: Buffer.from('notice sent'),
          mediaType: 'text/plain',
          sourceUrl: null,
          tool: 't',
          toolVersion: '1',
          captureEnv: {},
        },
        {
          role: 'file',
          fileName: 'reply.txt',
          bytes: Buffer.from('no reply'),
          mediaType: 'text/plain',
          sourceUrl: null,
          tool: 't',
          toolVersion: '1',
          captureEnv: {},
        },
      ],
    },
    null,
  );
  // The demo seed's kind of evidence: a snapshot recorded without fetching, on another case.
  const demoCase = await insertCase(db, organisation.id, 'VG-DEMO-1');
  await recordSyntheticCapture(db, vault, systemActor(organisation.id, 'demo-seed'), {
    caseId: demoCase,
    url: 'https://video.example/fr/abc',
    html: '<p>demo post</p>',
  });
});
afterAll(async () => {
  await database?.drop();
  rmSync(out, { recursive: true, force: true });
});

describe('vigie evidence export / verify', () => {
  it('exports a case by reference, and the fresh pack verifies (exit 0)', async () => {
    const dir = path.join(out, 'fresh');
    const exported = await runVigie(['evidence', 'export', '--case', 'VG-CLI-7', '--out', dir], env);
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stdout).toContain('2 item(s)');
    const verified = await runVigie(['evidence', 'verify', dir], env);
    expect(verified.code).toBe(0);
    expect(verified.stdout).toMatch(/^ok {3}/);
  });

  it('exits 1 naming the first failure: flipped byte, removed file, removed custody entry', async () => {
    const tamper: Record<string, (dir: string) => string> = {
      flipped: (dir) => {
        const file = path.join(dir, 'data/items.json');
        const bytes = readFileSync(file);
        bytes[10] = bytes[10]! ^ 0x20;
        writeFileSync(file, bytes);
        return 'data/items.json does not match manifest-sha256.txt';
      },
      removed: (dir) => {
        unlinkSync(path.join(dir, 'data/summary.html'));
        return 'data/summary.html is listed in manifest-sha256.txt but missing';
      },
      'custody-entry': (dir) => {
        const file = path.join(dir, 'data/custody-log.jsonl');
        const lines = readFileSync(file, 'utf8').trim().split('\n');
        writeFileSync(file, lines.slice(1).join('\n') + '\n');
        return 'data/custody-log.jsonl does not match manifest-sha256.txt';
      },
    };
    for (const [name, change] of Object.entries(tamper)) {
      const dir = path.join(out, name);
      expect((await runVigie(['evidence', 'export', '--case', 'VG-CLI-7', '--out', dir], env)).code).toBe(0);
      const expected = change(dir);
      const verified = await runVigie(['evidence', 'verify', dir], env);
      expect(verified.code, name).toBe(1);
      expect(verified.stdout, name).toContain(`FAIL ${dir}: ${expected}`);
    }
  });

  it('exits 1 for an unknown case reference and 2 for bad usage', async () => {
    const unknown = await runVigie(
      ['evidence', 'export', '--case', 'VG-NOPE', '--out', path.join(out, 'none')],
      env,
    );
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("no case with reference 'VG-NOPE'");
    expect((await runVigie(['evidence', 'export', '--out', path.join(out, 'x')], env)).code).toBe(2);
    expect(
      (await runVigie(['evidence', 'export', '--case', 'A', '--all', '--out', path.join(out, 'x')], env))
        .code,
    ).toBe(2);
    expect((await runVigie(['evidence', 'verify'], env)).code).toBe(2);
    expect((await runVigie(['evidence', 'verify', 'a', 'b'], env)).code).toBe(2);
  });

  it('exports a demo-seeded case whose evidence is a synthetic capture, marked as such', async () => {
    const dir = path.join(out, 'demo');
    const exported = await runVigie(['evidence', 'export', '--case', 'VG-DEMO-1', '--out', dir], env);
    expect(exported.stdout).toContain('2 item(s)');
    expect((await runVigie(['evidence', 'verify', dir], env)).code).toBe(0);
    const items = JSON.parse(readFileSync(path.join(dir, 'data/items.json'), 'utf8')) as Array<{
      tool: string;
      captureEnv: { synthetic?: boolean };
    }>;
    expect(items.every((i) => i.tool === 'vigie-demo-seed' && i.captureEnv.synthetic === true)).toBe(true);
  });

  it('exports all of the organisation with --all and reports a directory that is not a bag', async () => {
    const dir = path.join(out, 'all');
    expect((await runVigie(['evidence', 'export', '--all', '--out', dir], env)).code).toBe(0);
    expect((await runVigie(['evidence', 'verify', dir], env)).code).toBe(0);
    const notABag = await runVigie(['evidence', 'verify', out], env);
    expect(notABag.code).toBe(1);
    expect(notABag.stdout).toContain('bagit.txt is missing');
  });
});
