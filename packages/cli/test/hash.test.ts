import { mkdtempSync, readFileSync, rmSync, writeFileSync, copyFileSync, mkdirSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { haveShared, sharedPath } from '../../../test-support/requirements.ts';
import { main } from '../src/main.ts';
import type { CommandIo } from '../src/command.ts';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function run(argv: string[], options: { stdin?: string; tty?: boolean } = {}): Promise<Run> {
  const collect = (): PassThrough & { text: () => string; isTTY?: boolean } => {
    const stream = new PassThrough() as PassThrough & { text: () => string; isTTY?: boolean };
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.text = () => Buffer.concat(chunks).toString('utf8');
    return stream;
  };
  const stdout = collect();
  const stderr = collect();
  if (options.tty) stderr.isTTY = true;
  const io: CommandIo = { stdout, stderr, stdin: Readable.from([Buffer.from(options.stdin ?? '')]), env: {} };
  const code = await main(['hash', ...argv], io);
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

const ok = haveShared('data/pdq');
const images = (...p: string[]): string => sharedPath('data/pdq/images', ...p);
const csvRows = (file: string): string[][] =>
  readFileSync(sharedPath('data/pdq', file), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split(','));

describe.skipIf(!ok)('vigie hash', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'vigie-cli-hash-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints pdq_hex,quality,path per image by default, walking directories in name order', async () => {
    const result = await run([images('reg-test-input/labelme-subset')]);
    expect(result.code).toBe(0);
    const expected = csvRows('expected-fullres.csv')
      .filter((r) => r[4]!.startsWith('reg-test-input/labelme-subset/'))
      .map((r) => `${r[0]},${r[1]},${images(r[4]!)}`);
    expect(result.stdout.trim().split('\n')).toEqual(expected);
    expect(result.stderr).toBe('');
  });

  it('--type pdq-512 matches the upstream CLI and pdq-dihedral prints path,h0..h7,quality', async () => {
    const file = 'bridge-mods/aaa-orig.jpg';
    const cli = csvRows('expected-cli.csv').find((r) => r[2] === file)!;
    expect((await run(['--type', 'pdq-512', images(file)])).stdout).toBe(
      `${cli[0]},${cli[1]},${images(file)}\n`,
    );
    const dihedral = csvRows('expected-fullres-dihedral.csv').find((r) => r[0] === file)!;
    expect((await run(['--type', 'pdq-dihedral', images(file)])).stdout).toBe(
      `${[images(file), ...dihedral.slice(1)].join(',')}\n`,
    );
  });

  it('--json prints one object per line with path, type, hash and quality', async () => {
    const file = images('misc-images/wee.jpg');
    const result = await run(['--json', '--type', 'pdq-dihedral', file]);
    const object = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(object).toMatchObject({ path: file, type: 'pdq-dihedral', quality: expect.any(Number) });
    expect((object.dihedral as string[])[0]).toBe(object.hash);
    expect(result.stdout.trim().split('\n')).toHaveLength(1);
  });

  it('reports each unhashable file on stderr with its code, continues, and exits 1', async () => {
    const broken = path.join(dir, 'broken.jpg');
    writeFileSync(broken, readFileSync(images('bridge-mods/aaa-orig.jpg')).subarray(0, 5000));
    const good = images('misc-images/small.jpg');
    const result = await run([broken, path.join(dir, 'missing.png'), good]);
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^vigie hash: error\[image_truncated\] .*broken\.jpg: /),
      expect.stringMatching(/^vigie hash: error\[file_unreadable\] .*missing\.png: /),
    ]);
    expect(result.stdout).toMatch(new RegExp(`^[0-9a-f]{64},\\d+,${good.replaceAll('.', '\\.')}\n$`));
  });

  it('hashes files with md5 and sha256, and shows a progress bar on a terminal for more than 50 files', async () => {
    const many = path.join(dir, 'many');
    mkdirSync(many);
    for (let i = 0; i < 51; i++)
      writeFileSync(path.join(many, `f${String(i).padStart(2, '0')}.bin`), `file ${i}`);
    const result = await run(['--type', 'sha256', many], { tty: true });
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines).toHaveLength(51);
    expect(lines[0]).toBe(
      `${createHash('sha256').update('file 0').digest('hex')},${path.join(many, 'f00.bin')}`,
    );
    expect(result.stderr).toContain('51/51');
    const quiet = await run(['--type', 'md5', many]);
    expect(quiet.stderr).toBe('');
    expect(quiet.stdout.split('\n')[0]).toBe(
      `${createHash('md5').update('file 0').digest('hex')},${path.join(many, 'f00.bin')}`,
    );
  });

  it('hashes texts and URL lists', async () => {
    const text = await run(['--type', 'text', '-'], { stdin: 'Ｈｅｌｌｏ  w0rld' });
    const plain = await run(['--type', 'text', '-'], { stdin: 'hello world' });
    expect(text.stdout.split(',')[0]).toBe(plain.stdout.split(',')[0]);
    const list = path.join(dir, 'urls.txt');
    writeFileSync(list, 'https://youtu.be/dQw4w9WgXcQ?si=x\nhttps://www.youtube.com/shorts/dQw4w9WgXcQ\n');
    const urls = await run(['--type', 'url', list]);
    const [a, b] = urls.stdout.trim().split('\n');
    expect(a).toBe(b);
    expect(a).toMatch(/^[0-9a-f]{64},https:\/\/youtube\.com\/watch\?v=dQw4w9WgXcQ$/);
  });

  it('reports a bad URL in a list on its own and hashes the rest', async () => {
    const result = await run(['--type', 'url', '-'], {
      stdin: 'example.com/a/\nmailto:someone@example.com\nhttps://youtu.be/dQw4w9WgXcQ\n',
    });
    expect(result.code).toBe(1);
    expect(
      result.stdout
        .trim()
        .split('\n')
        .map((l) => l.split(',')[1]),
    ).toEqual(['https://example.com/a', 'https://youtube.com/watch?v=dQw4w9WgXcQ']);
    expect(result.stderr).toMatch(/^vigie hash: error\[invalid_url\] -: mailto:someone@example\.com: /);
  });

  it('rejects an unknown --type as a usage error', async () => {
    const result = await run(['--type', 'phash', images('misc-images/wee.jpg')]);
    expect(result.code).toBe(2);
  });
});

describe.skipIf(!haveShared('data/vpdq'))('vigie hash --type vpdq', () => {
  it('prints the upstream vPDQ text format (1 frame per second by default)', async () => {
    const name = 'test-padded-dimensions';
    const result = await run(['--type', 'vpdq', sharedPath('data/vpdq/videos', `${name}.mp4`)]);
    expect(result.code).toBe(0);
    const expected = readFileSync(sharedPath('data/vpdq/vpdq-hashes-ffmpeg5.1', `${name}-1fps.txt`), 'utf8');
    // Frame numbers and timestamps must be identical; hashes may drift with the FFmpeg version (see media tests).
    const shape = (text: string): string[] =>
      text
        .trim()
        .split('\n')
        .map((l) => l.replace(/,[0-9a-f]{64},/, ',H,').replace(/^(\d+),\d+,/, '$1,Q,'));
    expect(shape(result.stdout)).toEqual(shape(expected));
    expect(result.stdout).toMatch(/^(\d+,\d+,[0-9a-f]{64},\d+\.\d{3}\n)+$/);
  });

  it('separates several videos with "# path" lines', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'vigie-cli-vpdq-'));
    try {
      const video = sharedPath('data/vpdq/videos/test-padded-dimensions.mp4');
      copyFileSync(video, path.join(dir, 'a.mp4'));
      copyFileSync(video, path.join(dir, 'b.mp4'));
      const result = await run(['--type', 'vpdq', '--seconds-per-hash', '2', dir]);
      expect(result.stdout.split('\n').filter((l) => l.startsWith('# '))).toEqual([
        `# ${path.join(dir, 'a.mp4')}`,
        `# ${path.join(dir, 'b.mp4')}`,
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
