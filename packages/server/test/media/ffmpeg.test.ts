import { describe, expect, it } from 'vitest';
import { findFfmpeg } from '../../src/media/index.ts';

describe('findFfmpeg', () => {
  it('falls back to the npm binary when ffmpeg is not on PATH', () => {
    const binaries = findFfmpeg('/nonexistent-dir');
    expect(binaries.source).toBe('npm');
    expect(binaries.ffprobe).toBeUndefined();
    expect(binaries.ffmpeg).toMatch(/@ffmpeg-installer/);
  });
});
