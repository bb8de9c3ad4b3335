/**
 * Hash chains shared by the audit log and the evidence custody log. Each link's hash is SHA-256
 * over a fixed-order JSON array of its stored fields, the previous link's hash among them, so a
 * modified, deleted or reordered link breaks the chain from that point on. Pure (no storage), so a
 * chain exported to a file can be verified offline.
 */
import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

/** The hash of one link: SHA-256 over `JSON.stringify(fields)`; the order of `fields` is the format. */
export function linkHash(fields: readonly unknown[]): string {
  return createHash('sha256').update(JSON.stringify(fields)).digest('hex');
}

export interface ChainLink {
  seq: number;
  prevHash: string;
  hash: string;
}

/** Walks one chain in order, reporting the first link whose sequence, back-link or hash is wrong. */
export class ChainWalker {
  #expectedSeq = 1;
  #prevHash = GENESIS_HASH;
  #count = 0;

  get count(): number {
    return this.#count;
  }

  get headHash(): string {
    return this.#prevHash;
  }

  /** Why `link` is bad (given the hash recomputed from its content), or undefined after advancing. */
  check(link: ChainLink, recomputedHash: string): string | undefined {
    if (link.seq !== this.#expectedSeq)
      return `sequence ${link.seq} where ${this.#expectedSeq} was expected (entry missing or moved)`;
    if (link.prevHash !== this.#prevHash)
      return 'previous-hash link broken (entry before it missing, changed or moved)';
    if (recomputedHash !== link.hash) return 'content does not match its hash (entry modified)';
    this.#prevHash = link.hash;
    this.#expectedSeq += 1;
    this.#count += 1;
    return undefined;
  }

  /** Why the recorded head (count and last hash) disagrees with the walked chain, if it does. */
  checkHead(head: { seq: number; hash: string } | undefined): string | undefined {
    const headSeq = head?.seq ?? 0;
    if (headSeq !== this.#count || (head && head.hash !== this.#prevHash))
      return `head says ${headSeq} entries but the chain ends at ${this.#count} (tail removed or head altered)`;
    return undefined;
  }
}
