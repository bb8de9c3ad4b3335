import type { Pixels } from './pixels.ts';

// Per-channel products `fl32(c * v)` for every byte value. The reference computes
// Y = fl(fl(fl(0.299f*R) + fl(0.587f*G)) + fl(0.114f*B)); tabulating the three products keeps that exact.
function productTable(weight: number): Float32Array {
  const w = Math.fround(weight);
  const table = new Float32Array(256);
  for (let v = 0; v < 256; v++) table[v] = w * v;
  return table;
}
const RED = productTable(0.299);
const GREEN = productTable(0.587);
const BLUE = productTable(0.114);

/** Float32 luma of the whole image, in reference order. Grey bytes are copied unchanged (the C++ grey path). */
export function lumaOf(
  pixels: Pixels,
  out: Float32Array = new Float32Array(pixels.width * pixels.height),
): Float32Array {
  const { data } = pixels;
  const n = pixels.width * pixels.height;
  if (pixels.channels === 1) {
    for (let i = 0; i < n; i++) out[i] = data[i]!;
    return out;
  }
  for (let i = 0, p = 0; i < n; i++, p += 3) {
    out[i] = Math.fround(RED[data[p]!]! + GREEN[data[p + 1]!]!) + BLUE[data[p + 2]!]!;
  }
  return out;
}

/** Size of the upstream CLI's pre-resize (`DOWNSAMPLE_DIMS` in pdqio.cpp). */
export const CLI_RESIZE_DIM = 512;

/**
 * The upstream CLI's pre-resize: when either side exceeds 512, CImg `resize(512, 512)` by nearest neighbour,
 * ignoring the aspect ratio; source index `floor(x * W / 512)` in double, no centring. Smaller images are returned
 * unchanged. Nearest neighbour only copies pixels, so resizing the RGB before the luma is the same as after.
 */
export function cliResize(pixels: Pixels): Pixels {
  const { width, height, channels, data } = pixels;
  if (width <= CLI_RESIZE_DIM && height <= CLI_RESIZE_DIM) return pixels;
  const size = CLI_RESIZE_DIM;
  const out = new Uint8Array(size * size * channels);
  const sourceColumn = new Int32Array(size);
  for (let x = 0; x < size; x++) sourceColumn[x] = Math.floor((x * width) / size);
  for (let y = 0; y < size; y++) {
    const sourceRow = Math.floor((y * height) / size) * width;
    for (let x = 0; x < size; x++) {
      const from = (sourceRow + sourceColumn[x]!) * channels;
      const to = (y * size + x) * channels;
      for (let c = 0; c < channels; c++) out[to + c] = data[from + c]!;
    }
  }
  return { width: size, height: size, channels, data: out };
}
