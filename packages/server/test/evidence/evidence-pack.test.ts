/**
 * Evidence packs: a fresh pack verifies; a flipped byte, a removed file and a removed custody entry
 * each fail, naming what is wrong — also when the tamperer recomputed the BagIt manifests.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/identity/actor.ts';
import {
  captureSettings,
  captureUrl,
  exportEvidencePack,
  openEvidenceContent,
  recordEvidence,
  verifyBag,
  type Vault,
} from '../../src/evidence/index.ts';
import type { PackItem } from '../../src/evidence/pack-contents.ts';
import { renderSummary } from '../../src/evidence/summary-html.ts';
import { type TestApp, type TestOrganisation } from '../support/app.ts';
import { createEvidenceTestApp, insertCase, type LocalSite } from './support.ts';

const sha256 = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');

let t: TestApp;
let org: TestOrganisation;
let site: LocalSite;
let vault: Vault;
let caseId: string;
let workDir: string;

beforeAll(async () => {
  ({ site, t, org } = await createEvidenceTestApp('Pack', ['evidence:read']));
  vault = { keyring: t.keyring, dataDir: t.config.dataDir };
  workDir = mkdtempSync(path.join(tmpdir(), 'vigie-pack-'));
  const db = t.database.storage.db;
  const actor = systemActor(org.organisation.id, 'analyst-cli');
  caseId = await insertCase(db, org.organisation.id, 'VG-PACK-1');
  await captureUrl(
    db,
    vault,
    actor,
    { url: `${site.origin}/post`, caseId },
    await captureSettings(t.config),
    null,
  );
  const [letter] = await recordEvidence(
    db,
    vault,
    actor,
    {
      kind: 'upload',
      caseId,
      artefacts: [
        {
          role: 'file',
          fileName: '<script>alert(1)</script>.txt',
          bytes: Buffer.from('letter body'),
          mediaType: 'text/plain',
          sourceUrl: null,
          tool: 'test',
          toolVersion: '1',
          captureEnv: { note: '<img src=x onerror=alert(1)>' },
        },
      ],
    },
    null,
  );
  await openEvidenceContent(db, vault, actor, letter!.id, null);
  // Evidence of another case must not end up in this case's pack.
  await recordEvidence(
    db,
    vault,
    actor,
    {
      kind: 'upload',
      artefacts: [
        {
          role: 'file',
          fileName: 'unrelated.txt',
          bytes: Buffer.from('unrelated'),
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
});
afterAll(async () => {
  await t?.close();
  await site?.close();
  rmSync(workDir, { recursive: true, force: true });
});

async function freshPack(name: string): Promise<string> {
  const dir = path.join(workDir, name);
  await exportEvidencePack(
    t.database.storage.db,
    vault,
    systemActor(org.organisation.id, 'analyst-cli'),
    org.organisation.name,
    { caseId, label: 'VG-PACK-1' },
    dir,
  );
  return dir;
}

const read = (dir: string, file: string) => readFileSync(path.join(dir, file));

/** What a tamperer who knows BagIt does: recompute both manifests after changing the payload. */
function recomputeManifests(dir: string): void {
  const files = (sub: string): string[] =>
    readdirSync(path.join(dir, sub), { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? files(`${sub}/${e.name}`) : [`${sub}/${e.name}`],
    );
  const manifest = files('data')
    .map((f) => `${sha256(read(dir, f))}  ${f}\n`)
    .join('');
  writeFileSync(path.join(dir, 'manifest-sha256.txt'), manifest);
  const info = read(dir, 'bag-info.txt')
    .toString()
    .replace(/^Payload-Oxum: .*$/m, () => {
      const list = files('data');
      return `Payload-Oxum: ${list.reduce((n, f) => n + read(dir, f).length, 0)}.${list.length}`;
    });
  writeFileSync(path.join(dir, 'bag-info.txt'), info);
  const tags = ['bagit.txt', 'bag-info.txt', 'manifest-sha256.txt']
    .map((f) => `${sha256(read(dir, f))}  ${f}\n`)
    .join('');
  writeFileSync(path.join(dir, 'tagmanifest-sha256.txt'), tags);
}

describe('evidence pack (BagIt)', () => {
  it('a fresh pack is a valid bag that verifies, with every manifest line checkable independently', async () => {
    const dir = await freshPack('fresh');
    expect(read(dir, 'bagit.txt').toString()).toBe(
      'BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n',
    );
    const lines = read(dir, 'manifest-sha256.txt').toString().trim().split('\n');
    for (const line of lines) {
      const [hash, file] = line.split(/ {2}/) as [string, string];
      expect(sha256(read(dir, file)), file).toBe(hash);
    }
    const listed = lines.map((l) => l.split(/ {2}/)[1]);
    expect(listed).toEqual(
      expect.arrayContaining(['data/items.json', 'data/custody-log.jsonl', 'data/summary.html']),
    );
    expect(read(dir, 'bag-info.txt').toString()).toMatch(/^Payload-Oxum: \d+\.\d+$/m);
    expect(await verifyBag(dir)).toEqual({ ok: true, payloadFiles: lines.length });
  });

  it('holds only the case items, with Berkeley metadata, and logs the export in each custody chain', async () => {
    const dir = await freshPack('contents');
    const items = JSON.parse(read(dir, 'data/items.json').toString()) as Array<Record<string, unknown>>;
    expect(items.map((i) => i.fileName)).not.toContain('unrelated.txt');
    expect(items.every((i) => i.caseId === caseId)).toBe(true);
    const page = items.find((i) => i.role === 'page')!;
    expect(page).toMatchObject({
      capturedBy: 'system:analyst-cli',
      tool: 'vigie-capture',
      sourceUrl: `${site.origin}/post`,
    });
    expect(sha256(read(dir, page.payloadPath as string))).toBe(page.sha256);
    const custody = read(dir, 'data/custody-log.jsonl')
      .toString()
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { itemId: string; action: string });
    for (const item of items) {
      const actions = custody.filter((e) => e.itemId === item.id).map((e) => e.action);
      expect(actions[0]).toBe('collected');
      expect(actions.at(-1)).toBe('exported');
    }
  });

  it('the summary escapes everything and runs nothing', async () => {
    const dir = await freshPack('summary');
    const html = read(dir, 'data/summary.html').toString();
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain("default-src 'none'");
    const hostile = '<script>alert(1)</script>"\'&';
    const rendered = renderSummary({
      title: hostile,
      organisation: hostile,
      exportedAt: 0,
      exportedBy: hostile,
      items: [
        {
          ...(JSON.parse(read(dir, 'data/items.json').toString()) as PackItem[])[0]!,
          fileName: hostile,
          sourceUrl: hostile,
        },
      ],
      custody: [],
      liveness: new Map(),
    });
    expect(rendered).not.toContain('<script>');
    expect(rendered).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;');
  });

  it('fails on a flipped byte in an item, naming the file', async () => {
    const dir = await freshPack('flipped');
    const items = JSON.parse(read(dir, 'data/items.json').toString()) as Array<{
      payloadPath: string;
      role: string;
    }>;
    const target = items.find((i) => i.role === 'page')!.payloadPath;
    const bytes = read(dir, target);
    const recorded = sha256(bytes);
    bytes[5] = bytes[5]! ^ 0x01;
    writeFileSync(path.join(dir, target), bytes);
    const result = await verifyBag(dir);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.failure).toBe(
      `${target} does not match manifest-sha256.txt (expected SHA-256 ${recorded}, found ${sha256(bytes)})`,
    );
  });

  it('fails on a flipped byte even with recomputed manifests, naming the item', async () => {
    const dir = await freshPack('flipped-recomputed');
    const items = JSON.parse(read(dir, 'data/items.json').toString()) as Array<{
      id: string;
      payloadPath: string;
      role: string;
    }>;
    const page = items.find((i) => i.role === 'page')!;
    const bytes = read(dir, page.payloadPath);
    bytes[0] = bytes[0]! ^ 0x80;
    writeFileSync(path.join(dir, page.payloadPath), bytes);
    recomputeManifests(dir);
    const result = await verifyBag(dir);
    expect(!result.ok && result.failure).toMatch(
      new RegExp(`^item ${page.id}: .* not the [0-9a-f]{64} recorded at collection$`),
    );
  });

  it('fails on a removed file, naming it', async () => {
    const dir = await freshPack('removed-file');
    const items = JSON.parse(read(dir, 'data/items.json').toString()) as Array<{
      payloadPath: string;
      role: string;
    }>;
    const target = items.find((i) => i.role === 'headers')!.payloadPath;
    unlinkSync(path.join(dir, target));
    const result = await verifyBag(dir);
    expect(!result.ok && result.failure).toBe(`${target} is listed in manifest-sha256.txt but missing`);
  });

  it('fails on an added file, naming it', async () => {
    const dir = await freshPack('added-file');
    writeFileSync(path.join(dir, 'data', 'planted.txt'), 'x');
    const result = await verifyBag(dir);
    expect(!result.ok && result.failure).toBe('data/planted.txt is not listed in manifest-sha256.txt');
  });

  it('fails on a removed custody entry, naming the custody log', async () => {
    const dir = await freshPack('removed-entry');
    const lines = read(dir, 'data/custody-log.jsonl').toString().trim().split('\n');
    writeFileSync(path.join(dir, 'data/custody-log.jsonl'), [lines[0], ...lines.slice(2)].join('\n') + '\n');
    const result = await verifyBag(dir);
    expect(!result.ok && result.failure).toMatch(
      /^data\/custody-log\.jsonl does not match manifest-sha256\.txt/,
    );
  });

  it('fails on a removed custody entry even with recomputed manifests, naming the item and entry', async () => {
    const dir = await freshPack('removed-entry-recomputed');
    const lines = read(dir, 'data/custody-log.jsonl').toString().trim().split('\n');
    // The letter's chain: collected, viewed, exported…; drop its "viewed" entry (seq 2).
    const viewed = lines.findIndex((l) => (JSON.parse(l) as { action: string }).action === 'viewed');
    const removed = JSON.parse(lines[viewed]!) as { itemId: string; seq: number };
    lines.splice(viewed, 1);
    writeFileSync(path.join(dir, 'data/custody-log.jsonl'), lines.join('\n') + '\n');
    recomputeManifests(dir);
    const result = await verifyBag(dir);
    expect(!result.ok && result.failure).toBe(
      `custody chain of item ${removed.itemId} broken at entry ${removed.seq + 1}: sequence ${removed.seq + 1} where ${removed.seq} was expected (entry missing or moved)`,
    );
  });

  it('fails when the newest custody entry of an item is cut, with recomputed manifests', async () => {
    const dir = await freshPack('cut-tail');
    const lines = read(dir, 'data/custody-log.jsonl').toString().trim().split('\n');
    const last = JSON.parse(lines.at(-1)!) as { itemId: string };
    writeFileSync(path.join(dir, 'data/custody-log.jsonl'), lines.slice(0, -1).join('\n') + '\n');
    recomputeManifests(dir);
    const result = await verifyBag(dir);
    expect(!result.ok && result.failure).toMatch(
      new RegExp(`^custody chain of item ${last.itemId} broken at entry \\d+: head says`),
    );
  });

  it('fails on an edited custody entry, with recomputed manifests', async () => {
    const dir = await freshPack('edited-entry');
    const text = read(dir, 'data/custody-log.jsonl')
      .toString()
      .replace('"actorId":"analyst-cli"', '"actorId":"someone-else"');
    writeFileSync(path.join(dir, 'data/custody-log.jsonl'), text);
    recomputeManifests(dir);
    const result = await verifyBag(dir);
    expect(!result.ok && result.failure).toMatch(/broken at entry 1: content does not match its hash/);
  });

  it('fails on a missing or altered bag declaration and on an altered tag file', async () => {
    const noDeclaration = await freshPack('no-declaration');
    unlinkSync(path.join(noDeclaration, 'bagit.txt'));
    expect(await verifyBag(noDeclaration)).toEqual({
      ok: false,
      failure: 'bagit.txt is missing (not a bag)',
    });
    const editedInfo = await freshPack('edited-info');
    writeFileSync(
      path.join(editedInfo, 'bag-info.txt'),
      read(editedInfo, 'bag-info.txt').toString().replace('VG-PACK-1', 'VG-FAKE-9'),
    );
    const result = await verifyBag(editedInfo);
    expect(!result.ok && result.failure).toMatch(/^bag-info\.txt does not match tagmanifest-sha256\.txt/);
  });

  it('refuses to export into a directory that is not empty', async () => {
    const dir = await freshPack('twice');
    await expect(freshPack('twice')).rejects.toThrow(/not empty/);
    expect((await verifyBag(dir)).ok).toBe(true);
  });
});
