/** Pixel-domain rotations and flips, named like the PDQ dihedral slots (rotate90 = counter-clockwise, issue #1665). */
import type { DihedralName, Pixels } from '../../src/index.ts';

/** out(x', y') = in(source(x', y')), with the output size given by `transpose`. */
function remap(p: Pixels, transpose: boolean, source: (x: number, y: number) => [number, number]): Pixels {
  const width = transpose ? p.height : p.width;
  const height = transpose ? p.width : p.height;
  const data = new Uint8Array(p.data.length);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const [sx, sy] = source(x, y);
      const from = (sy * p.width + sx) * p.channels;
      data.set(p.data.subarray(from, from + p.channels), (y * width + x) * p.channels);
    }
  }
  return { width, height, channels: p.channels, data };
}

export function transformPixels(p: Pixels, name: DihedralName): Pixels {
  const W = p.width;
  const H = p.height;
  switch (name) {
    case 'original':
      return p;
    case 'rotate90': // counter-clockwise: the top row becomes the left column, read bottom-up
      return remap(p, true, (x, y) => [W - 1 - y, x]);
    case 'rotate180':
      return remap(p, false, (x, y) => [W - 1 - x, H - 1 - y]);
    case 'rotate270':
      return remap(p, true, (x, y) => [y, H - 1 - x]);
    case 'flipx': // top and bottom swap
      return remap(p, false, (x, y) => [x, H - 1 - y]);
    case 'flipy': // mirror left and right
      return remap(p, false, (x, y) => [W - 1 - x, y]);
    case 'flipplus1': // transpose
      return remap(p, true, (x, y) => [y, x]);
    case 'flipminus1': // anti-transpose
      return remap(p, true, (x, y) => [W - 1 - y, H - 1 - x]);
  }
}
