/**
 * The reference's "Jarosz" blur and 64x64 decimation (pdqhashing.cpp `jaroszFilterFloat`, `box1DFloat`,
 * `decimateFloat`): two passes of a box filter along rows then along columns, each box computed with ONE running
 * float32 sum in four phases. The running sum is what makes the result bit-exact.
 *
 * Speed without changing a single rounding:
 * - the column pass sweeps row by row with one running sum per column, so every column sees exactly the reference's
 *   sequence of operations, but memory is read in order (and four columns fit one SIMD instruction);
 * - only 64x64 samples of the final buffer are read, so the second row pass stores raw sums and divides only the
 *   64 sampled columns (a stored float32 sum divided later is the same operation), and the second column pass runs
 *   on those 64 columns only.
 */
import { boxPhases, type BlurKernels } from './kernels.ts';
import type { Pixels } from './pixels.ts';

const DIM = 64;

/** Box window for a side of `n` pixels: ceil(n / 128) (`computeJaroszFilterWindowSize` with 64). */
export function jaroszWindow(n: number): number {
  return Math.floor((n + 127) / 128);
}

/** Number of samples in the clipped window whose output lands at position t (the divisor the reference uses). */
function windowCount(t: number, n: number, w: number): number {
  const half = (w + 2) >> 1;
  return Math.min(n - 1, t + half - 1) - Math.max(0, t - (w - half)) + 1;
}

/** Centre-sample positions of the decimation: floor((i + 0.5) * n / 64), in double. */
function samplePositions(n: number): Int32Array {
  const positions = new Int32Array(DIM);
  for (let i = 0; i < DIM; i++) positions[i] = Math.trunc(((i + 0.5) * n) / DIM);
  return positions;
}

const roundUpTo4 = (n: number): number => Math.ceil(n / 4) * 4;

/** Box along every column of `rows` rows of `width` floats (`width` a multiple of 4), swept row by row. */
function boxAlongColumns(
  k: BlurKernels,
  src: number,
  dst: number,
  rows: number,
  width: number,
  w: number,
  sums: number,
): void {
  const p = boxPhases(rows, w);
  k.heap.fill(0, sums, sums + width);
  let ri = 0;
  let li = 0;
  let oi = 0;
  let count = 0;
  for (let i = 0; i < p.warmUp; i++, count++) k.addRow(sums, src + ri++ * width, width);
  for (let i = 0; i < p.growing; i++) {
    k.addRow(sums, src + ri++ * width, width);
    k.divideRow(sums, dst + oi++ * width, width, ++count);
  }
  for (let i = 0; i < p.sliding; i++) {
    k.slideRow(sums, src + ri++ * width, src + li++ * width, dst + oi++ * width, width, count);
  }
  for (let i = 0; i < p.shrinking; i++) {
    k.subtractRow(sums, src + li++ * width, width);
    k.divideRow(sums, dst + oi++ * width, width, --count);
  }
}

/** Box along every row; rows are processed four at a time (the heap holds whole groups of four). */
function boxAlongRows(
  k: BlurKernels,
  src: number,
  dst: number,
  groupedRows: number,
  cols: number,
  stride: number,
  divide: boolean,
): void {
  const phases = boxPhases(cols, jaroszWindow(cols));
  for (let r = 0; r < groupedRows; r += 4)
    k.boxFourRows(src + r * stride, dst + r * stride, stride, phases, divide);
}

/**
 * Luma, two Jarosz passes and the 64x64 decimation. Returns the 64x64 float32 buffer that the reference passes to
 * the quality metric and the DCT. `copy64` reproduces `pdqFloat256FromFloatLuma`, which copies a 64x64 luma as is.
 */
export function lumaBlurDecimate(k: BlurKernels, pixels: Pixels, copy64: boolean): Float32Array {
  const { width: cols, height: rows } = pixels;
  const stride = roundUpTo4(cols);
  const groupedRows = roundUpTo4(rows);
  const plane = groupedRows * stride;
  const a = 0;
  const b = plane;
  const sums = 2 * plane;
  const narrow = sums + Math.max(stride, DIM);
  const narrowBlurred = narrow + rows * DIM;
  k.reserve(narrowBlurred + rows * DIM, pixels.data.length);
  k.luma(pixels, a, stride);
  if (copy64 && rows === DIM && cols === DIM) return k.heap.slice(a, a + DIM * DIM);

  const wAlongCols = jaroszWindow(rows);
  boxAlongRows(k, a, b, groupedRows, cols, stride, true);
  boxAlongColumns(k, b, a, rows, stride, wAlongCols, sums);
  boxAlongRows(k, a, b, groupedRows, cols, stride, false);

  const heap = k.heap;
  const sampledCols = samplePositions(cols);
  const wAlongRows = jaroszWindow(cols);
  for (let j = 0; j < DIM; j++) {
    const column = sampledCols[j]!;
    const divisor = windowCount(column, cols, wAlongRows);
    for (let r = 0; r < rows; r++) heap[narrow + r * DIM + j] = heap[b + r * stride + column]! / divisor;
  }
  boxAlongColumns(k, narrow, narrowBlurred, rows, DIM, wAlongCols, sums);

  const out = new Float32Array(DIM * DIM);
  const sampledRows = samplePositions(rows);
  for (let i = 0; i < DIM; i++) {
    const from = narrowBlurred + sampledRows[i]! * DIM;
    out.set(heap.subarray(from, from + DIM), i * DIM);
  }
  return out;
}
