/**
 * WebAssembly SIMD blur kernels, generated at load time with the tiny assembler. Standard (not relaxed) SIMD only:
 * f32x4 add/sub/mul/div are IEEE float32 with one rounding each and never fused, so results equal the reference.
 *
 * - column passes: four columns per instruction (each column is independent, so lanes do not interact);
 * - row passes: four rows at once with four scalar running sums, which hides the add latency of the sequential sum;
 * - luma: bytes are de-interleaved with swizzles, converted, multiplied and added in the reference's order.
 */
import type { BlurKernels, BoxPhases } from '../kernels.ts';
import { assembleModule, op, T, type Bytes, type FunctionDef } from './assembler.ts';

const PAGE = 65536;
const NONE = 0x80; // swizzle index >= 16 yields a zero byte

/** `for (k = 0; k < limit; k++) body`, with the test at the top so zero iterations are fine. */
function countedLoop(k: number, limit: Bytes, body: Bytes[]): Bytes[] {
  return [
    op.i32Const(0),
    op.set(k),
    op.block,
    op.loop,
    op.get(k),
    limit,
    op.i32GeU,
    op.brIf(1),
    ...body,
    op.get(k),
    op.i32Const(1),
    op.i32Add,
    op.set(k),
    op.br(0),
    op.end,
    op.end,
  ];
}

/** `do { body; i += step } while (i < bytes)` over a byte offset `i`; callers guarantee bytes > 0. */
function strideLoop(i: number, bytes: number, step: number, body: Bytes[]): Bytes[] {
  return [
    op.loop,
    ...body,
    op.get(i),
    op.i32Const(step),
    op.i32Add,
    op.tee(i),
    op.get(bytes),
    op.i32LtU,
    op.brIf(0),
    op.end,
  ];
}

const at = (base: number, offset: number): Bytes[] => [op.get(base), op.get(offset), op.i32Add];

// Row-wise SIMD helpers. Params: pointers in bytes, length in bytes (a multiple of 16).
/** (sums, row, bytes): sums[c] = sums[c] <combine> row[c], four lanes at a time. */
function accumulateRow(name: string, combine: Bytes): FunctionDef {
  return {
    name,
    params: [T.i32, T.i32, T.i32],
    locals: [T.i32],
    body: strideLoop(3, 2, 16, [
      ...at(0, 3),
      ...at(0, 3),
      op.v128Load(),
      ...at(1, 3),
      op.v128Load(),
      combine,
      op.v128Store(),
    ]),
  };
}
const addRow = accumulateRow('addRow', op.f32x4Add);
const subtractRow = accumulateRow('subtractRow', op.f32x4Sub);
// (sums, out, bytes, divisor: f32); local 4 = i, 5 = splatted divisor
const divideRow: FunctionDef = {
  name: 'divideRow',
  params: [T.i32, T.i32, T.i32, T.f32],
  locals: [T.i32, T.v128],
  body: [
    op.get(3),
    op.f32x4Splat,
    op.set(5),
    ...strideLoop(4, 2, 16, [
      ...at(1, 4),
      ...at(0, 4),
      op.v128Load(),
      op.get(5),
      op.f32x4Div,
      op.v128Store(),
    ]),
  ],
};
// (sums, added, removed, out, bytes, divisor: f32); locals 6 = i, 7 = divisor x4, 8 = new sums
const slideRow: FunctionDef = {
  name: 'slideRow',
  params: [T.i32, T.i32, T.i32, T.i32, T.i32, T.f32],
  locals: [T.i32, T.v128, T.v128],
  body: [
    op.get(5),
    op.f32x4Splat,
    op.set(7),
    ...strideLoop(6, 4, 16, [
      ...at(0, 6),
      op.v128Load(),
      ...at(1, 6),
      op.v128Load(),
      op.f32x4Add,
      ...at(2, 6),
      op.v128Load(),
      op.f32x4Sub,
      op.set(8),
      ...at(0, 6),
      op.get(8),
      op.v128Store(),
      ...at(3, 6),
      op.get(8),
      op.get(7),
      op.f32x4Div,
      op.v128Store(),
    ]),
  ],
};

function swizzleMask(first: number, step: number): number[] {
  const mask: number[] = [];
  for (let lane = 0; lane < 4; lane++) mask.push(first + lane * step, NONE, NONE, NONE);
  return mask;
}
const channelAsFloats = (vector: number, first: number, step: number): Bytes[] => [
  op.get(vector),
  op.v128Const(swizzleMask(first, step)),
  op.i8x16Swizzle,
  op.f32x4ConvertI32x4U,
];
const weight = (value: number): Bytes[] => [op.f32Const(value), op.f32x4Splat];

// (src, dst, pixels); locals 3 = done, 4 = loaded bytes. Writes luma for ceil(pixels / 4) * 4 pixels.
const lumaRgb: FunctionDef = {
  name: 'lumaRgb',
  params: [T.i32, T.i32, T.i32],
  locals: [T.i32, T.v128],
  body: [
    op.loop,
    op.get(0),
    op.v128Load(),
    op.set(4),
    op.get(1),
    ...channelAsFloats(4, 0, 3),
    ...weight(0.299),
    op.f32x4Mul,
    ...channelAsFloats(4, 1, 3),
    ...weight(0.587),
    op.f32x4Mul,
    op.f32x4Add,
    ...channelAsFloats(4, 2, 3),
    ...weight(0.114),
    op.f32x4Mul,
    op.f32x4Add,
    op.v128Store(),
    op.get(0),
    op.i32Const(12),
    op.i32Add,
    op.set(0),
    op.get(1),
    op.i32Const(16),
    op.i32Add,
    op.set(1),
    op.get(3),
    op.i32Const(4),
    op.i32Add,
    op.tee(3),
    op.get(2),
    op.i32LtU,
    op.brIf(0),
    op.end,
  ],
};
const lumaGrey: FunctionDef = {
  name: 'lumaGrey',
  params: [T.i32, T.i32, T.i32],
  locals: [T.i32, T.v128],
  body: [
    op.loop,
    op.get(1),
    op.get(0),
    op.v128Load(),
    op.set(4),
    ...channelAsFloats(4, 0, 1),
    op.v128Store(),
    op.get(0),
    op.i32Const(4),
    op.i32Add,
    op.set(0),
    op.get(1),
    op.i32Const(16),
    op.i32Add,
    op.set(1),
    op.get(3),
    op.i32Const(4),
    op.i32Add,
    op.tee(3),
    op.get(2),
    op.i32LtU,
    op.brIf(0),
    op.end,
  ],
};

/**
 * boxFourRows(src, dst, stride, warmUp, growing, sliding, shrinking), pointers and stride in bytes.
 * Locals: 7..10 input rows, 11..14 output rows, 15 ri, 16 li, 17 oi, 18 k, 19..22 the four sums, 23 count.
 */
function boxFourRows(divide: boolean): FunctionDef {
  const [SRC, DST, STRIDE, WARM, GROW, SLIDE, SHRINK] = [0, 1, 2, 3, 4, 5, 6];
  const inRow = (j: number): number => 7 + j;
  const outRow = (j: number): number => 11 + j;
  const [RI, LI, OI, K] = [15, 16, 17, 18];
  const sum = (j: number): number => 19 + j;
  const COUNT = 23;
  const lanes = [0, 1, 2, 3];
  const load = (row: number, index: number): Bytes[] => [...at(row, index), op.f32Load()];
  const advance = (local: number): Bytes[] => [op.get(local), op.i32Const(4), op.i32Add, op.set(local)];
  const store = (j: number): Bytes[] => [
    ...at(outRow(j), OI),
    op.get(sum(j)),
    ...(divide ? [op.get(COUNT), op.f32Div] : []),
    op.f32Store(),
  ];
  const setCount = (delta: number): Bytes[] => [
    op.get(COUNT),
    op.f32Const(1),
    delta > 0 ? op.f32Add : op.f32Sub,
    op.set(COUNT),
  ];
  const rowPointers = lanes.flatMap((j) => [
    op.get(SRC),
    ...Array.from({ length: j }, () => [op.get(STRIDE), op.i32Add]).flat(),
    op.set(inRow(j)),
    op.get(DST),
    ...Array.from({ length: j }, () => [op.get(STRIDE), op.i32Add]).flat(),
    op.set(outRow(j)),
  ]);
  return {
    name: divide ? 'boxFourRows' : 'boxFourRowSums',
    params: [T.i32, T.i32, T.i32, T.i32, T.i32, T.i32, T.i32],
    locals: [...Array<typeof T.i32>(12).fill(T.i32), ...Array<typeof T.f32>(5).fill(T.f32)],
    body: [
      ...rowPointers,
      ...countedLoop(K, op.get(WARM), [
        ...lanes.flatMap((j) => [op.get(sum(j)), ...load(inRow(j), RI), op.f32Add, op.set(sum(j))]),
        ...setCount(1),
        ...advance(RI),
      ]),
      ...countedLoop(K, op.get(GROW), [
        ...setCount(1),
        ...lanes.flatMap((j) => [
          op.get(sum(j)),
          ...load(inRow(j), RI),
          op.f32Add,
          op.set(sum(j)),
          ...store(j),
        ]),
        ...advance(RI),
        ...advance(OI),
      ]),
      ...countedLoop(K, op.get(SLIDE), [
        ...lanes.flatMap((j) => [
          op.get(sum(j)),
          ...load(inRow(j), RI),
          op.f32Add,
          ...load(inRow(j), LI),
          op.f32Sub,
          op.set(sum(j)),
          ...store(j),
        ]),
        ...advance(RI),
        ...advance(LI),
        ...advance(OI),
      ]),
      ...countedLoop(K, op.get(SHRINK), [
        ...setCount(-1),
        ...lanes.flatMap((j) => [
          op.get(sum(j)),
          ...load(inRow(j), LI),
          op.f32Sub,
          op.set(sum(j)),
          ...store(j),
        ]),
        ...advance(LI),
        ...advance(OI),
      ]),
    ],
  };
}

/** The part of the WebAssembly JS API used here (the repo's TypeScript lib set has no DOM types). */
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { readonly exports: unknown };
}

interface KernelExports {
  memory: WasmMemory;
  addRow(sums: number, row: number, bytes: number): void;
  subtractRow(sums: number, row: number, bytes: number): void;
  divideRow(sums: number, out: number, bytes: number, divisor: number): void;
  slideRow(sums: number, added: number, removed: number, out: number, bytes: number, divisor: number): void;
  lumaRgb(src: number, dst: number, pixels: number): void;
  lumaGrey(src: number, dst: number, pixels: number): void;
  boxFourRows(src: number, dst: number, stride: number, a: number, b: number, c: number, d: number): void;
  boxFourRowSums(src: number, dst: number, stride: number, a: number, b: number, c: number, d: number): void;
}

const FUNCTIONS = [
  addRow,
  subtractRow,
  divideRow,
  slideRow,
  lumaRgb,
  lumaGrey,
  boxFourRows(true),
  boxFourRows(false),
];

/** Slack after each staging area: the SIMD loops read up to 16 bytes past the last pixel they use. */
const SLACK_BYTES = 64;

/** WebAssembly SIMD kernels, or undefined when the runtime has no WebAssembly SIMD. */
export function wasmKernels(): BlurKernels | undefined {
  const api = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
  if (!api) return undefined;
  const bytes = assembleModule(FUNCTIONS, 1);
  if (!api.validate(bytes)) return undefined;
  const wasm = new api.Instance(new api.Module(bytes)).exports as KernelExports;
  let heap = new Float32Array(wasm.memory.buffer);
  let pixelStart = 0; // byte offset of the pixel staging area, right after the float heap
  const B = 4; // bytes per float
  return {
    name: 'wasm-simd',
    get heap() {
      return heap;
    },
    reserve(floats, pixelBytes) {
      pixelStart = Math.ceil((floats * B) / 16) * 16 + SLACK_BYTES;
      const needed = pixelStart + pixelBytes + SLACK_BYTES;
      const have = wasm.memory.buffer.byteLength;
      if (needed > have) wasm.memory.grow(Math.ceil((needed - have) / PAGE));
      heap = new Float32Array(wasm.memory.buffer);
    },
    luma(pixels, dst, stride) {
      new Uint8Array(wasm.memory.buffer).set(pixels.data, pixelStart);
      const rowBytes = pixels.width * pixels.channels;
      const kernel = pixels.channels === 3 ? wasm.lumaRgb : wasm.lumaGrey;
      for (let r = 0; r < pixels.height; r++) {
        kernel(pixelStart + r * rowBytes, (dst + r * stride) * B, pixels.width);
      }
    },
    addRow: (sums, row, n) => wasm.addRow(sums * B, row * B, n * B),
    subtractRow: (sums, row, n) => wasm.subtractRow(sums * B, row * B, n * B),
    divideRow: (sums, out, n, divisor) => wasm.divideRow(sums * B, out * B, n * B, divisor),
    slideRow: (sums, added, removed, out, n, divisor) =>
      wasm.slideRow(sums * B, added * B, removed * B, out * B, n * B, divisor),
    boxFourRows(src, dst, stride, p: BoxPhases, divide) {
      const kernel = divide ? wasm.boxFourRows : wasm.boxFourRowSums;
      kernel(src * B, dst * B, stride * B, p.warmUp, p.growing, p.sliding, p.shrinking);
    },
  };
}
