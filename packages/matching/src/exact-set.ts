import { MatchingError } from './errors.ts';
import { normaliseSignal, type SignalType } from './signal-types.ts';

/**
 * Exact-value lookup for MD5, SHA-256, URL and text signals: values are canonicalised (see `normaliseSignal`)
 * so `ABC…` and `abc…`, or `HTTP://Example.com:80/a#x` and `http://example.com/a`, are the same entry.
 * Several ids may share one value (the same hash in two banks).
 */
export class ExactValueSet {
  readonly type: SignalType;
  private readonly byValue = new Map<string, number[]>();
  private count = 0;

  constructor(type: SignalType) {
    if (type === 'pdq' || type === 'simhash') {
      throw new MatchingError('unsupported_signal_type', `${type} needs a HammingIndex, not an exact set`);
    }
    this.type = type;
  }

  get size(): number {
    return this.count;
  }

  add(value: string, id: number): void {
    const key = this.key(value);
    const ids = this.byValue.get(key);
    if (ids?.includes(id)) return;
    if (ids) ids.push(id);
    else this.byValue.set(key, [id]);
    this.count++;
  }

  remove(value: string, id: number): boolean {
    const key = this.key(value);
    const ids = this.byValue.get(key);
    const at = ids ? ids.indexOf(id) : -1;
    if (!ids || at < 0) return false;
    ids.splice(at, 1);
    if (ids.length === 0) this.byValue.delete(key);
    this.count--;
    return true;
  }

  /** Ids whose value equals `value` after canonicalisation, ascending. */
  lookup(value: string): number[] {
    return [...(this.byValue.get(this.key(value)) ?? [])].sort((a, b) => a - b);
  }

  private key(value: string): string {
    const normalised = normaliseSignal(this.type, value);
    if (!normalised.ok)
      throw new MatchingError('invalid_hash', `invalid ${this.type} value: ${normalised.reason}`);
    return normalised.value;
  }
}
