/**
 * A very small WebAssembly binary writer: just enough to emit the PDQ blur kernels at load time, so the package
 * ships no .wasm file and needs no toolchain. Only the instructions the kernels use are listed.
 */

export type Bytes = readonly number[];

export function uleb(value: number): Bytes {
  const out: number[] = [];
  do {
    let byte = value & 0x7f;
    value >>>= 7;
    if (value !== 0) byte |= 0x80;
    out.push(byte);
  } while (value !== 0);
  return out;
}

export function sleb(value: number): Bytes {
  const out: number[] = [];
  for (;;) {
    const byte = value & 0x7f;
    value >>= 7;
    const done = (value === 0 && (byte & 0x40) === 0) || (value === -1 && (byte & 0x40) !== 0);
    out.push(done ? byte : byte | 0x80);
    if (done) return out;
  }
}

function vec(items: Bytes[]): Bytes {
  return [...uleb(items.length), ...items.flat()];
}

function name(text: string): Bytes {
  return vec([...new TextEncoder().encode(text)].map((b) => [b]));
}

export const T = { i32: 0x7f, f32: 0x7d, v128: 0x7b } as const;
type ValType = (typeof T)[keyof typeof T];

const SIMD = 0xfd;
const simd = (op: number): Bytes => [SIMD, ...uleb(op)];
/** memarg with alignment hint 0 (always valid) and a constant offset. */
const memarg = (offset = 0): Bytes => [0, ...uleb(offset)];

/** Instruction encoders. Each returns the bytes of one instruction (immediates included). */
export const op = {
  block: [0x02, 0x40],
  loop: [0x03, 0x40],
  end: [0x0b],
  br: (depth: number): Bytes => [0x0c, ...uleb(depth)],
  brIf: (depth: number): Bytes => [0x0d, ...uleb(depth)],
  get: (local: number): Bytes => [0x20, ...uleb(local)],
  set: (local: number): Bytes => [0x21, ...uleb(local)],
  tee: (local: number): Bytes => [0x22, ...uleb(local)],
  f32Load: (offset = 0): Bytes => [0x2a, ...memarg(offset)],
  f32Store: (offset = 0): Bytes => [0x38, ...memarg(offset)],
  i32Const: (value: number): Bytes => [0x41, ...sleb(value)],
  f32Const: (value: number): Bytes => {
    const bytes = new Uint8Array(new Float32Array([value]).buffer);
    return [0x43, ...bytes];
  },
  i32GeU: [0x4f],
  i32LtU: [0x49],
  i32Add: [0x6a],
  i32Sub: [0x6b],
  f32Add: [0x92],
  f32Sub: [0x93],
  f32Div: [0x95],
  v128Load: (offset = 0): Bytes => [...simd(0x00), ...memarg(offset)],
  v128Store: (offset = 0): Bytes => [...simd(0x0b), ...memarg(offset)],
  v128Const: (bytes: readonly number[]): Bytes => [...simd(0x0c), ...bytes],
  i8x16Swizzle: simd(0x0e),
  f32x4Splat: simd(0x13),
  f32x4Add: simd(0xe4),
  f32x4Sub: simd(0xe5),
  f32x4Mul: simd(0xe6),
  f32x4Div: simd(0xe7),
  f32x4ConvertI32x4U: simd(0xfb),
} as const;

export interface FunctionDef {
  readonly name: string;
  readonly params: readonly ValType[];
  /** Extra locals, numbered after the parameters. */
  readonly locals: readonly ValType[];
  readonly body: readonly Bytes[];
}

/** A module with one exported memory ("memory", `initialPages` 64 KiB pages) and the given exported functions. */
export function assembleModule(functions: readonly FunctionDef[], initialPages: number): Uint8Array {
  const section = (id: number, content: Bytes): Bytes => [id, ...uleb(content.length), ...content];
  const types = functions.map((f) => [0x60, ...vec(f.params.map((p) => [p])), ...vec([])]);
  const codes = functions.map((f) => {
    const body = [...vec(f.locals.map((l) => [1, l])), ...f.body.flat(), ...op.end];
    return [...uleb(body.length), ...body];
  });
  const exports = [
    [...name('memory'), 0x02, 0],
    ...functions.map((f, i) => [...name(f.name), 0x00, ...uleb(i)]),
  ];
  return new Uint8Array([
    0x00,
    0x61,
    0x73,
    0x6d,
    0x01,
    0x00,
    0x00,
    0x00,
    ...section(1, vec(types)),
    ...section(3, vec(functions.map((_, i) => uleb(i)))),
    ...section(5, vec([[0x00, ...uleb(initialPages)]])),
    ...section(7, vec(exports)),
    ...section(10, vec(codes)),
  ]);
}
