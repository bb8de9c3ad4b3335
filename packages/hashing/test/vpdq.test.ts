import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { haveShared, sharedPath } from '../../../test-support/requirements.ts';
import {
  VpdqFormatError,
  formatVpdq,
  matchVpdq,
  parseVpdq,
  vpdqFrameInterval,
  vpdqHashFrame,
  type VpdqFrame,
} from '../src/index.ts';

const frame = (frameNumber: number, hash: string, quality = 100): VpdqFrame => ({
  frameNumber,
  quality,
  hash,
  timestamp: frameNumber / 30,
});
const A = 'a'.repeat(64);
const B = 'b'.repeat(64); // distance 64 from A
const nearA = 'a'.repeat(56) + 'ab'.repeat(4); // distance 4 from A

describe('vPDQ format', () => {
  it.skipIf(!haveShared('data/vpdq'))('reads and writes the upstream text format byte for byte', () => {
    const text = readFileSync(sharedPath('data/vpdq/vpdq-hashes-upstream/pattern-hd-no-bar.txt'), 'utf8');
    expect(formatVpdq(parseVpdq(text))).toBe(text.endsWith('\n') ? text : `${text}\n`);
  });

  it('rejects malformed lines with a typed error', () => {
    expect(() => parseVpdq('0,100,zz,0.000')).toThrow(VpdqFormatError);
    expect(() => parseVpdq(`0,101,${A},0.000`)).toThrow(VpdqFormatError);
  });

  it('timestamps frames as float32 frameNumber / fps and samples like upstream', () => {
    const pixels = {
      width: 8,
      height: 8,
      channels: 1 as const,
      data: new Uint8Array(64).map((_, i) => i * 4),
    };
    expect(vpdqHashFrame(pixels, 45, 30).timestamp).toBe(Math.fround(1.5));
    expect(vpdqFrameInterval(30, 1)).toBe(30);
    expect(vpdqFrameInterval(29.97, 1)).toBe(29);
    expect(vpdqFrameInterval(30, 0)).toBe(1);
  });
});

describe('matchVpdq', () => {
  it('applies the distance threshold, then the query and target shares', () => {
    const query = [frame(0, A), frame(1, A), frame(2, B)];
    const target = [frame(0, nearA)];
    // Unique query frames {A, B}: A matches (distance 4), B does not -> 50 %; target {nearA} fully matched.
    expect(matchVpdq(query, target)).toEqual({
      queryMatchPercent: 50,
      targetMatchPercent: 100,
      isMatch: false,
    });
    expect(matchVpdq(query, target, { queryMatchPercent: 50 }).isMatch).toBe(true);
    expect(matchVpdq(query, target, { distance: 3 }).queryMatchPercent).toBe(0);
  });

  it('ignores frames below the quality threshold and never matches empty videos', () => {
    expect(matchVpdq([frame(0, A, 49)], [frame(0, A)]).isMatch).toBe(false);
    expect(matchVpdq([frame(0, A, 50)], [frame(0, A)]).isMatch).toBe(true);
    expect(matchVpdq([], []).isMatch).toBe(false);
  });
});
