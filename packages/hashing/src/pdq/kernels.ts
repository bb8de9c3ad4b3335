/**
 * The inner loops of the PDQ blur, behind one interface so that a WebAssembly SIMD implementation and a plain
 * TypeScript one run the very same orchestration (jarosz.ts) and must give identical bits.
 *
 * All positions are float32 element offsets into `heap`. Every operation rounds to float32 once, in the
 * reference's order: (sum + added) - removed, then / divisor.
 */
import { lumaOf } from './luma.ts';
import type { Pixels } from './pixels.ts';

export interface BlurKernels {
  readonly name: 'wasm-simd' | 'typescript';
  /** Current view of the working memory; re-read after `reserve`. */
  readonly heap: Float32Array;
  /** Ensures the heap holds at least `floats` elements (plus pixel staging for the backends that need it). */
  reserve(floats: number, pixelBytes: number): void;
  /** Writes the float32 luma of every row to `dst + row * stride` (columns past the width may be overwritten). */
  luma(pixels: Pixels, dst: number, stride: number): void;
  addRow(sums: number, row: number, n: number): void;
  subtractRow(sums: number, row: number, n: number): void;
  /** heap[out + c] = sums[c] / divisor. */
  divideRow(sums: number, out: number, n: number, divisor: number): void;
  /** sums[c] = (sums[c] + heap[added + c]) - heap[removed + c]; heap[out + c] = sums[c] / divisor. */
  slideRow(sums: number, added: number, removed: number, out: number, n: number, divisor: number): void;
  /**
   * The reference's four-phase running box along four consecutive rows (`stride` apart) of one image. Phase lengths
   * come from the caller. Writes sum / count when `divide`, else the raw running sums.
   */
  boxFourRows(src: number, dst: number, stride: number, phases: BoxPhases, divide: boolean): void;
}

/** Lengths of the four phases of `box1DFloat` for a window `w` over `n` samples. */
export interface BoxPhases {
  readonly warmUp: number;
  readonly growing: number;
  readonly sliding: number;
  readonly shrinking: number;
}

export function boxPhases(n: number, w: number): BoxPhases {
  const half = (w + 2) >> 1;
  return { warmUp: half - 1, growing: w - half + 1, sliding: n - w, shrinking: half - 1 };
}

/** Straightforward TypeScript kernels: the fallback when WebAssembly SIMD is unavailable, and the bench baseline. */
export function typescriptKernels(): BlurKernels {
  let heap = new Float32Array(0);
  const boxRow = (src: number, dst: number, p: BoxPhases, divide: boolean): void => {
    let sum = 0;
    let count = 0;
    let ri = src;
    let li = src;
    let oi = dst;
    const put = (): void => {
      heap[oi++] = divide ? Math.fround(sum / count) : sum;
    };
    for (let k = 0; k < p.warmUp; k++, count++) sum = Math.fround(sum + heap[ri++]!);
    for (let k = 0; k < p.growing; k++) {
      sum = Math.fround(sum + heap[ri++]!);
      count++;
      put();
    }
    for (let k = 0; k < p.sliding; k++) {
      sum = Math.fround(Math.fround(sum + heap[ri++]!) - heap[li++]!);
      put();
    }
    for (let k = 0; k < p.shrinking; k++) {
      sum = Math.fround(sum - heap[li++]!);
      count--;
      put();
    }
  };
  return {
    name: 'typescript',
    get heap() {
      return heap;
    },
    reserve(floats) {
      if (heap.length < floats) heap = new Float32Array(floats);
    },
    luma(pixels, dst, stride) {
      const row = new Float32Array(pixels.width * pixels.height);
      lumaOf(pixels, row);
      for (let r = 0; r < pixels.height; r++) {
        heap.set(row.subarray(r * pixels.width, (r + 1) * pixels.width), dst + r * stride);
      }
    },
    addRow(sums, row, n) {
      for (let c = 0; c < n; c++) heap[sums + c] = heap[sums + c]! + heap[row + c]!;
    },
    subtractRow(sums, row, n) {
      for (let c = 0; c < n; c++) heap[sums + c] = heap[sums + c]! - heap[row + c]!;
    },
    divideRow(sums, out, n, divisor) {
      for (let c = 0; c < n; c++) heap[out + c] = heap[sums + c]! / divisor;
    },
    slideRow(sums, added, removed, out, n, divisor) {
      for (let c = 0; c < n; c++) {
        const s = Math.fround(Math.fround(heap[sums + c]! + heap[added + c]!) - heap[removed + c]!);
        heap[sums + c] = s;
        heap[out + c] = s / divisor;
      }
    },
    boxFourRows(src, dst, stride, phases, divide) {
      for (let j = 0; j < 4; j++) boxRow(src + j * stride, dst + j * stride, phases, divide);
    },
  };
}
