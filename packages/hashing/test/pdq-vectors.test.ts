/**
 * PDQ against the shared expectations computed with the upstream C++ library (../shared/data/pdq). Images are
 * decoded with the server's sharp adapter; the decoded pixels are first checked against the SHA-256 the reference
 * saw, and only files whose pixels differ are excluded from the hash comparison (the exclusion list is measured here).
 */
import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeImage } from '@vigie/server/media';
import { haveShared, sharedPath } from '../../../test-support/requirements.ts';
import { DIHEDRAL_NAMES, pdqDihedralHashes, pdqDistance, pdqHash, type Pixels } from '../src/index.ts';
import { transformPixels } from './support/dihedral-pixels.ts';
import { readCsv } from './support/shared-csv.ts';

/** Files whose decoded pixels cannot equal the reference's (see README "Excluded files"). */
const EXPECTED_EXCLUSIONS = ['misc-images/modes/CMYK.jpg', 'python-threatexchange/I16.png'];

const ok = haveShared('data/pdq');
const dir = (...parts: string[]): string => sharedPath('data', 'pdq', ...parts);

describe.skipIf(!ok)('PDQ shared vectors', () => {
  const pixels = new Map<string, Pixels>();
  const exact = new Set<string>();

  beforeAll(async () => {
    for (const row of readCsv(dir('decoded-samples.csv'))) {
      const decoded = await decodeImage(dir('images', row.path!));
      pixels.set(row.path!, decoded);
      const sha = createHash('sha256').update(decoded.data).digest('hex');
      const sameShape =
        decoded.width === Number(row.width) &&
        decoded.height === Number(row.height) &&
        decoded.channels === Number(row.channels);
      if (sameShape && sha === row.sha256_samples_imagemagick) exact.add(row.path!);
    }
  });

  it('decodes every file to the reference pixels except the documented exclusions', () => {
    const differing = [...pixels.keys()].filter((p) => !exact.has(p));
    expect(differing.sort()).toEqual(EXPECTED_EXCLUSIONS);
    expect(pixels.size).toBe(91);
  });

  const cases = [
    { csv: 'expected-fullres.csv', resize: 'full', dihedral: false },
    { csv: 'expected-cli.csv', resize: 'cli512', dihedral: false },
    { csv: 'expected-fullres-dihedral.csv', resize: 'full', dihedral: true },
    { csv: 'expected-cli-dihedral.csv', resize: 'cli512', dihedral: true },
  ] as const;

  for (const { csv, resize, dihedral } of cases) {
    it(`is bit-exact with ${csv} for every file with reference pixels`, () => {
      const rows = readCsv(dir(csv));
      const mismatches: string[] = [];
      let compared = 0;
      for (const row of rows) {
        const file = row.path!;
        if (!exact.has(file)) continue;
        compared++;
        const image = pixels.get(file)!;
        const expected = dihedral ? DIHEDRAL_NAMES.map((n) => row[n]).join(' ') : row.pdq_hex;
        const got = dihedral ? pdqDihedralHashes(image, { resize }) : pdqHash(image, { resize });
        const actual = 'hashes' in got ? got.hashes.join(' ') : got.hash;
        if (actual !== expected || String(got.quality) !== row.quality)
          mismatches.push(`${file}: ${actual} q${got.quality}`);
      }
      expect(mismatches).toEqual([]);
      expect(compared).toBe(rows.length - EXPECTED_EXCLUSIONS.length);
    });
  }

  it('gives the same bits with the TypeScript kernels as with WebAssembly SIMD', () => {
    for (const file of [
      'bridge-mods/aaa-orig.jpg',
      'misc-images/small.jpg',
      'synthetic/synth-36-1000x37-rgb.png',
      'synthetic/synth-13-64x64-grey.png',
    ]) {
      const image = pixels.get(file)!;
      expect(pdqHash(image, { backend: 'typescript' })).toEqual(pdqHash(image));
      expect(pdqDihedralHashes(image, { backend: 'typescript' })).toEqual(pdqDihedralHashes(image));
    }
  });

  it('maps each upstream dihedral file to its slot, and the pixel transforms used in property tests to the same slots', () => {
    const files = [
      'bridge-1-original',
      'bridge-2-rotate-90',
      'bridge-3-rotate-180',
      'bridge-4-rotate-270',
      'bridge-5-flipx',
      'bridge-6-flipy',
      'bridge-7-flip-plus-1',
      'bridge-8-flip-minus-1',
    ];
    const original = pixels.get('reg-test-input/dih/bridge-1-original.jpg')!;
    const slots = pdqDihedralHashes(original).hashes;
    const nearestSlot = (hash: string): number => {
      const d = slots.map((s) => pdqDistance(s, hash));
      return d.indexOf(Math.min(...d));
    };
    files.forEach((name, k) => {
      const fileHash = pdqHash(pixels.get(`reg-test-input/dih/${name}.jpg`)!).hash;
      expect(nearestSlot(fileHash)).toBe(k);
      expect(pdqDistance(fileHash, slots[k]!)).toBeLessThanOrEqual(8); // spec §1.11: 0 to 8 bits
      expect(nearestSlot(pdqHash(transformPixels(original, DIHEDRAL_NAMES[k]!)).hash)).toBe(k);
    });
  });
});
