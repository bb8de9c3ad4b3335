/**
 * BagIt (RFC 8493) bags: a payload under `data/`, `manifest-sha256.txt` listing every payload file
 * with its SHA-256, `bagit.txt`, `bag-info.txt` (metadata), and `tagmanifest-sha256.txt` over the
 * tag files. `verifyBag` re-checks everything offline and names the first failure; for a Vigie
 * evidence pack it then checks the pack's own contents (custody chains, item hashes).
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { checkPackContents, type VerifiedFiles } from './pack-contents.ts';

export interface BagFile {
  /** Path under `data/`, with `/` separators. */
  path: string;
  bytes: Buffer;
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** A payload path must stay inside `data/`: no absolute paths, `..`, empty segments or control characters. */
function assertSafePath(relative: string): void {
  const segments = relative.split('/');
  // eslint-disable-next-line no-control-regex
  if (segments.some((s) => s === '' || s === '.' || s === '..' || /[\u0000-\u001f\\]/.test(s))) {
    throw new Error(`unsafe bag path: ${JSON.stringify(relative)}`);
  }
}

/** RFC 8493 §2.1.3: CR, LF and % in manifest paths are percent-encoded. */
const encodeManifestPath = (p: string) => p.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const decodeManifestPath = (p: string) =>
  p.replace(/%0D/gi, '\r').replace(/%0A/gi, '\n').replace(/%25/g, '%');

const manifestText = (entries: Array<[string, Buffer]>) =>
  entries
    .map(([p, bytes]) => `${sha256(bytes)}  ${encodeManifestPath(p)}\n`)
    .sort()
    .join('');

/** bag-info.txt: `Label: value` lines; values are kept on one line. */
const bagInfoText = (info: ReadonlyArray<readonly [string, string]>) =>
  info.map(([label, value]) => `${label}: ${value.replace(/\s*[\r\n]+\s*/g, ' ')}\n`).join('');

/** Writes a complete bag into `dir`, which must be absent or empty. */
export async function writeBag(
  dir: string,
  payload: readonly BagFile[],
  info: ReadonlyArray<readonly [string, string]>,
): Promise<void> {
  await mkdir(dir, { recursive: true });
  if ((await readdir(dir)).length > 0) throw new Error(`${dir} is not empty`);
  const dataEntries: Array<[string, Buffer]> = [];
  for (const file of payload) {
    assertSafePath(file.path);
    const target = path.join(dir, 'data', ...file.path.split('/'));
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, file.bytes);
    dataEntries.push([`data/${file.path}`, file.bytes]);
  }
  const octets = payload.reduce((sum, f) => sum + f.bytes.length, 0);
  const tags: Array<[string, Buffer]> = [
    ['bagit.txt', Buffer.from('BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n')],
    [
      'bag-info.txt',
      Buffer.from(
        bagInfoText([
          ...info,
          ['Bagging-Date', new Date().toISOString().slice(0, 10)],
          ['Payload-Oxum', `${octets}.${payload.length}`],
        ]),
      ),
    ],
    ['manifest-sha256.txt', Buffer.from(manifestText(dataEntries))],
  ];
  for (const [name, bytes] of tags) await writeFile(path.join(dir, name), bytes);
  await writeFile(path.join(dir, 'tagmanifest-sha256.txt'), manifestText(tags));
}

export type BagVerification = { ok: true; payloadFiles: number } | { ok: false; failure: string };

async function readOptional(file: string): Promise<Buffer | undefined> {
  return readFile(file).catch(() => undefined);
}

/** Every file under `dir`, as `/`-separated paths relative to `root`. */
async function listFiles(root: string, dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const files: string[] = [];
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await listFiles(root, full)));
    else files.push(path.relative(root, full).split(path.sep).join('/'));
  }
  return files;
}

/** Checks a manifest's listed files; returns the first failure or the verified files. */
async function checkManifest(
  dir: string,
  name: string,
  requirePrefix: string | null,
): Promise<string | VerifiedFiles> {
  const text = await readOptional(path.join(dir, name));
  if (!text) return `${name} is missing`;
  const listed: VerifiedFiles = new Map();
  for (const [index, line] of text.toString('utf8').split('\n').entries()) {
    if (line.trim() === '') continue;
    const match = /^([0-9a-fA-F]{64})[ \t]+(.+)$/.exec(line);
    if (!match) return `${name} line ${index + 1} is not "<sha256> <path>"`;
    const relative = decodeManifestPath(match[2] as string);
    try {
      assertSafePath(relative);
    } catch {
      return `${name} line ${index + 1} names an unsafe path ${JSON.stringify(relative)}`;
    }
    if (requirePrefix && !relative.startsWith(requirePrefix))
      return `${name} lists ${relative}, outside ${requirePrefix}`;
    const bytes = await readOptional(path.join(dir, ...relative.split('/')));
    if (!bytes) return `${relative} is listed in ${name} but missing`;
    const actual = sha256(bytes);
    if (actual !== (match[1] as string).toLowerCase())
      return `${relative} does not match ${name} (expected SHA-256 ${match[1]}, found ${actual})`;
    listed.set(relative, { sha256: actual, size: bytes.length });
  }
  return listed;
}

/** Re-checks a bag offline: bag declaration, tag manifest, payload manifest (both ways), Payload-Oxum, pack contents. */
export async function verifyBag(dir: string): Promise<BagVerification> {
  const declaration = await readOptional(path.join(dir, 'bagit.txt'));
  if (!declaration) return { ok: false, failure: 'bagit.txt is missing (not a bag)' };
  if (
    !/^BagIt-Version: (1\.0|0\.97)\r?\nTag-File-Character-Encoding: UTF-8\r?\n?$/.test(
      declaration.toString('utf8'),
    )
  )
    return { ok: false, failure: 'bagit.txt is not a BagIt 1.0 declaration' };

  const tagFiles = await checkManifest(dir, 'tagmanifest-sha256.txt', null);
  if (typeof tagFiles === 'string') return { ok: false, failure: tagFiles };
  for (const required of ['bagit.txt', 'bag-info.txt', 'manifest-sha256.txt']) {
    if (!tagFiles.has(required))
      return { ok: false, failure: `tagmanifest-sha256.txt does not cover ${required}` };
  }
  const payload = await checkManifest(dir, 'manifest-sha256.txt', 'data/');
  if (typeof payload === 'string') return { ok: false, failure: payload };
  const present = await listFiles(dir, path.join(dir, 'data'));
  const unlisted = present.find((p) => !payload.has(p));
  if (unlisted) return { ok: false, failure: `${unlisted} is not listed in manifest-sha256.txt` };

  const info = (await readFile(path.join(dir, 'bag-info.txt'))).toString('utf8');
  const oxum = /^Payload-Oxum: (\d+)\.(\d+)$/m.exec(info);
  if (oxum) {
    const octets = [...payload.values()].reduce((sum, f) => sum + f.size, 0);
    if (Number(oxum[1]) !== octets || Number(oxum[2]) !== payload.size)
      return {
        ok: false,
        failure: `Payload-Oxum ${oxum[1]}.${oxum[2]} does not match the payload (${octets}.${payload.size})`,
      };
  }
  const contents = await checkPackContents(dir, payload);
  if (contents) return { ok: false, failure: contents };
  return { ok: true, payloadFiles: present.length };
}
