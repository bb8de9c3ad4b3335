// PDQ
export type { Pixels } from './pdq/pixels.ts';
export { PixelsShapeError } from './pdq/pixels.ts';
export { cliResize, CLI_RESIZE_DIM } from './pdq/luma.ts';
export {
  pdqHash,
  pdqDihedralHashes,
  pdqBackend,
  DIHEDRAL_NAMES,
  ZERO_PDQ_HASH,
  type PdqOptions,
  type PdqHash,
  type PdqDihedralHashes,
  type DihedralName,
} from './pdq/pdq.ts';
export {
  pdqDistance,
  pdqHexToBytes,
  pdqHexToWords,
  wordsDistance,
  isPdqHex,
  InvalidPdqHashError,
} from './pdq/hash256.ts';
// vPDQ
export {
  vpdqHashFrame,
  vpdqFrameInterval,
  formatVpdq,
  parseVpdq,
  matchVpdq,
  VpdqFormatError,
  type VpdqFrame,
  type VpdqMatch,
  type VpdqMatchOptions,
} from './vpdq/vpdq.ts';
// Exact hashes
export type { IncrementalHasher } from './exact/block-hasher.ts';
export { createMd5, md5Hex } from './exact/md5.ts';
export { createSha256, sha256Hex } from './exact/sha256.ts';
// Text
export { normaliseText } from './text/normalise.ts';
export { textHash, simhash64, simhashDistance, InvalidSimhashError } from './text/fingerprint.ts';
// URLs
export { canonicalUrl, urlHash, InvalidUrlError } from './url/canonical.ts';
