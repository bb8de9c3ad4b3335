/**
 * The reference's 64x64 -> 16x16 DCT (frequencies 1..16, no DC term), float32 with one rounding per operation and
 * k ascending, exactly as pdqhashing.cpp `dct64To16`.
 */

const DIM = 64;
export const COEFF_DIM = 16;

/** D[i][j] = fl32(fl32(sqrt(2/64)) * cos((pi/2/64) * (i+1) * (2j+1))), product and cosine in double. */
function dctMatrix(): Float32Array {
  const scale = Math.fround(Math.sqrt(2 / DIM));
  const matrix = new Float32Array(COEFF_DIM * DIM);
  for (let i = 0; i < COEFF_DIM; i++) {
    for (let j = 0; j < DIM; j++)
      matrix[i * DIM + j] = scale * Math.cos((Math.PI / 2 / DIM) * (i + 1) * (2 * j + 1));
  }
  return matrix;
}
const D = dctMatrix();

/** B = (D * A) * D^T for a 64x64 row-major A; returns 16x16 row-major, B[i][j] = vertical i+1, horizontal j+1. */
export function dct64To16(a: Float32Array): Float32Array {
  const t = new Float32Array(COEFF_DIM * DIM);
  for (let i = 0; i < COEFF_DIM; i++) {
    for (let j = 0; j < DIM; j++) {
      let acc = 0;
      for (let k = 0; k < DIM; k++) acc = Math.fround(acc + Math.fround(D[i * DIM + k]! * a[k * DIM + j]!));
      t[i * DIM + j] = acc;
    }
  }
  const b = new Float32Array(COEFF_DIM * COEFF_DIM);
  for (let i = 0; i < COEFF_DIM; i++) {
    for (let j = 0; j < COEFF_DIM; j++) {
      let acc = 0;
      for (let k = 0; k < DIM; k++) acc = Math.fround(acc + Math.fround(t[i * DIM + k]! * D[j * DIM + k]!));
      b[i * COEFF_DIM + j] = acc;
    }
  }
  return b;
}
