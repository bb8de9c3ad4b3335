/**
 * PDQ (facebook/ThreatExchange pdq/cpp), bit-exact given the same decoded pixels.
 * Pipeline: optional CLI pre-resize -> float32 luma -> Jarosz blur -> 64x64 decimation -> quality -> 16x16 DCT ->
 * median threshold. Full resolution is the default: it is what HMA, the Java reference and vPDQ use.
 */
import { dct64To16, COEFF_DIM } from './dct.ts';
import { binariseToHex } from './hash256.ts';
import { lumaBlurDecimate } from './jarosz.ts';
import { typescriptKernels, type BlurKernels } from './kernels.ts';
import { cliResize } from './luma.ts';
import { wasmKernels } from './wasm/kernels-wasm.ts';
import { assertPixelsShape, type Pixels } from './pixels.ts';

export interface PdqOptions {
  /**
   * `full` (default): hash the full-resolution pixels, like HMA, Java and vPDQ.
   * `cli512`: first resize to 512x512 by nearest neighbour when a side exceeds 512, like `pdq-photo-hasher` and the
   * upstream WASM build.
   */
  readonly resize?: 'full' | 'cli512';
  /**
   * Inner loops: `auto` (default) uses WebAssembly SIMD when the runtime has it, else TypeScript. Both give the same
   * bits; `typescript` exists for tests and as the benchmark baseline.
   */
  readonly backend?: 'auto' | 'typescript';
}

let autoKernels: BlurKernels | undefined;
let typescriptOnly: BlurKernels | undefined;
function kernelsFor(backend: PdqOptions['backend']): BlurKernels {
  if (backend === 'typescript') return (typescriptOnly ??= typescriptKernels());
  return (autoKernels ??= wasmKernels() ?? typescriptKernels());
}

/** Which inner-loop implementation `auto` resolves to here ('wasm-simd' or 'typescript'). */
export function pdqBackend(): BlurKernels['name'] {
  return kernelsFor('auto').name;
}

export interface PdqHash {
  /** 64 lowercase hex digits. */
  readonly hash: string;
  /** 0..100; upstream discards quality < 50. */
  readonly quality: number;
}

/** The eight dihedral variants, in the order of the reference CLI (`--pdqdih-across`) and the shared CSVs. */
export const DIHEDRAL_NAMES = [
  'original',
  'rotate90',
  'rotate180',
  'rotate270',
  'flipx',
  'flipy',
  'flipplus1',
  'flipminus1',
] as const;
export type DihedralName = (typeof DIHEDRAL_NAMES)[number];

export interface PdqDihedralHashes {
  /** One hash per entry of DIHEDRAL_NAMES, same order. */
  readonly hashes: readonly string[];
  readonly quality: number;
}

/** `MIN_HASHABLE_DIM`: smaller images hash to all zeros with quality 0. */
const MIN_HASHABLE_DIM = 5;
const DIM = 64;
export const ZERO_PDQ_HASH = '0'.repeat(64);

/** Quality metric on the 64x64 buffer (`pdqImageDomainQualityMetric`). */
function qualityOf(a: Float32Array): number {
  const term = (u: number, v: number): number =>
    Math.abs(Math.trunc(Math.fround(Math.fround(Math.fround(u - v) * 100) / 255)));
  let gradientSum = 0;
  for (let i = 0; i < DIM - 1; i++) {
    for (let j = 0; j < DIM; j++) gradientSum += term(a[i * DIM + j]!, a[(i + 1) * DIM + j]!);
  }
  for (let i = 0; i < DIM; i++) {
    for (let j = 0; j < DIM - 1; j++) gradientSum += term(a[i * DIM + j]!, a[i * DIM + j + 1]!);
  }
  return Math.min(100, Math.floor(gradientSum / 90));
}

interface Coefficients {
  readonly coefficients: Float32Array;
  readonly quality: number;
}

/**
 * 16x16 DCT coefficients and quality. `copy64` reproduces `pdqFloat256FromFloatLuma`, which copies a 64x64 luma
 * straight into the DCT input; the dihedral entry point has no such shortcut and blurs with window 1.
 */
function coefficientsOf(pixels: Pixels, options: PdqOptions, copy64: boolean): Coefficients | undefined {
  assertPixelsShape(pixels);
  const source = options.resize === 'cli512' ? cliResize(pixels) : pixels;
  const { width: cols, height: rows } = source;
  if (rows < MIN_HASHABLE_DIM || cols < MIN_HASHABLE_DIM) return undefined;
  const buffer64 = blurWithFallback(options.backend, source, copy64);
  return { coefficients: dct64To16(buffer64), quality: qualityOf(buffer64) };
}

/** WebAssembly memory is limited to 4 GiB: an image too large for it is blurred by the TypeScript kernels. */
function blurWithFallback(backend: PdqOptions['backend'], pixels: Pixels, copy64: boolean): Float32Array {
  const kernels = kernelsFor(backend);
  try {
    return lumaBlurDecimate(kernels, pixels, copy64);
  } catch (error) {
    if (!(error instanceof RangeError) || kernels.name === 'typescript') throw error;
    return lumaBlurDecimate(kernelsFor('typescript'), pixels, copy64);
  }
}

/** PDQ hash and quality of decoded pixels. */
export function pdqHash(pixels: Pixels, options: PdqOptions = {}): PdqHash {
  const result = coefficientsOf(pixels, options, true);
  if (!result) return { hash: ZERO_PDQ_HASH, quality: 0 };
  return { hash: binariseToHex(result.coefficients), quality: result.quality };
}

/**
 * Each dihedral variant is a signed (and possibly transposed) copy of the same coefficients: reflecting an image
 * flips the sign of its odd frequencies (rows/columns with even index i, since frequency = i + 1).
 */
interface DihedralTransform {
  readonly transpose: boolean;
  readonly negate: (i: number, j: number) => boolean;
}
const even = (k: number): boolean => (k & 1) === 0;
const DIHEDRAL_TRANSFORMS: Record<DihedralName, DihedralTransform> = {
  original: { transpose: false, negate: () => false },
  rotate90: { transpose: true, negate: (_i, j) => even(j) },
  rotate180: { transpose: false, negate: (i, j) => !even(i + j) },
  rotate270: { transpose: true, negate: (i) => even(i) },
  flipx: { transpose: false, negate: (i) => even(i) },
  flipy: { transpose: false, negate: (_i, j) => even(j) },
  flipplus1: { transpose: true, negate: () => false },
  flipminus1: { transpose: true, negate: (i, j) => !even(i + j) },
};

function transformCoefficients(b: Float32Array, { transpose, negate }: DihedralTransform): Float32Array {
  const out = new Float32Array(COEFF_DIM * COEFF_DIM);
  for (let i = 0; i < COEFF_DIM; i++) {
    for (let j = 0; j < COEFF_DIM; j++) {
      const value = negate(i, j) ? -b[i * COEFF_DIM + j]! : b[i * COEFF_DIM + j]!;
      out[transpose ? j * COEFF_DIM + i : i * COEFF_DIM + j] = value;
    }
  }
  return out;
}

/** The eight dihedral PDQ hashes in one pass (`pdqDihedralHash256esFromFloatLuma`). */
export function pdqDihedralHashes(pixels: Pixels, options: PdqOptions = {}): PdqDihedralHashes {
  const result = coefficientsOf(pixels, options, false);
  if (!result) return { hashes: DIHEDRAL_NAMES.map(() => ZERO_PDQ_HASH), quality: 0 };
  const hashes = DIHEDRAL_NAMES.map((name) =>
    binariseToHex(transformCoefficients(result.coefficients, DIHEDRAL_TRANSFORMS[name])),
  );
  return { hashes, quality: result.quality };
}
