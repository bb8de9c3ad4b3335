import { PassThrough, Readable } from 'node:stream';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { haveShared, sharedPath } from '../../../test-support/requirements.ts';
import { main } from '../src/main.ts';

async function run(argv: string[], stdin = '') {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c) => (out += c));
  stderr.on('data', (c) => (err += c));
  const code = await main(argv, { stdout, stderr, stdin: Readable.from([stdin]), env: {} });
  return { code, out, err };
}

/** Independent distance for checking the printed distances: bit by bit through BigInt. */
function distance(a: string, b: string): number {
  return (BigInt(`0x${a}`) ^ BigInt(`0x${b}`)).toString(2).replaceAll('0', '').length;
}

const ok = haveShared('data/pdq/hash-lists');

describe.skipIf(!ok)('vigie match over ../shared/data/pdq/hash-lists', () => {
  const dir = sharedPath('data/pdq/hash-lists');
  const haystack = ok ? readFileSync(`${dir}/haystack.txt`, 'utf8').split('\n') : [];
  const needles = ok ? readFileSync(`${dir}/needles.txt`, 'utf8').split('\n') : [];

  for (const d of [31, 32]) {
    it(`reproduces expected-matches-d${d}.csv`, async () => {
      const expected: string[] = [];
      for (const row of readFileSync(`${dir}/expected-matches-d${d}.csv`, 'utf8')
        .trim()
        .split('\n')
        .slice(1)) {
        const [needle, , ids] = row.split(',');
        for (const id of (ids ?? '').split(';').filter(Boolean)) expected.push(`${needle},${id}`);
      }
      const args = [
        'match',
        '--bank',
        `${dir}/haystack.txt`,
        ...(d === 31 ? [] : ['--distance', String(d)]),
        `${dir}/needles.txt`,
      ];
      const { code, out, err } = await run(args);
      expect(err).toBe('');
      expect(code).toBe(0);
      const lines = out.trim().split('\n');
      expect(lines.map((l) => l.split(',').slice(0, 2).join(','))).toEqual(expected);
      for (const line of lines) {
        const [q, b, dist] = line.split(',').map(Number);
        expect(dist).toBe(distance(needles[q!]!, haystack[b!]!));
      }
    });
  }

  it('reads queries from stdin', async () => {
    const { code, out } = await run(['match', '--bank', `${dir}/haystack.txt`], `${needles[0]}\n`);
    expect(code).toBe(0);
    expect(out.split('\n')[0]).toBe('0,1000,0');
  });
});

describe('vigie match input handling', () => {
  it('exits 0 with no output when nothing matches', async () => {
    const { code, out } = await run(['match', '--bank', '/dev/null'], `${'0'.repeat(64)}\n`);
    expect(code).toBe(0);
    expect(out).toBe('');
  });

  it('rejects an invalid query hash with its line and field', async () => {
    const { code, err } = await run(
      ['match', '--bank', '/dev/null'],
      `${'0'.repeat(64)}\n${'0'.repeat(63)}x\n`,
    );
    expect(code).toBe(1);
    expect(err).toContain('error[invalid_hash] stdin: line 2, field 1: non-hex character "x" at position 64');
  });

  it('treats bad options as usage errors', async () => {
    expect((await run(['match'])).code).toBe(2);
    expect((await run(['match', '--bank', '/dev/null', '--distance', '-3'])).code).toBe(2);
    expect((await run(['match', '--bank', '/dev/null', '--type', 'md5', '--distance', '3'])).code).toBe(2);
  });

  it('reports an unreadable bank file', async () => {
    const { code, err } = await run(['match', '--bank', '/nonexistent/bank.txt'], '');
    expect(code).toBe(1);
    expect(err).toContain('error[unreadable_file]');
  });
});
