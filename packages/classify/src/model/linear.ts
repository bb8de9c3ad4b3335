import { readFileSync } from 'node:fs';
import { ClassifyError } from '../errors.ts';
import type { SignalVector } from '../signals.ts';
import { extractFeatures, type FeatureSpace } from './features.ts';

/** A model the classifier combines with the language-pack score. */
export interface TextModel {
  readonly name: string;
  /** Whether the model has learnt anything for this language; if not the pack score decides alone. */
  appliesTo(lang: string): boolean;
  /** Log-odds correction for a text in language `lang`, as the classifier prepares it (`Analysis.modelText`). */
  logit(modelText: string, lang: string, signals: SignalVector): number;
  /** Final log-odds from the pack score and this model's output. */
  combine(packLogit: number, modelLogit: number, lang: string): number;
}

export interface ModelHeader {
  name: string;
  bits: number;
  /** Weight = int8 value × scale. */
  scale: number;
  signalCorrections: boolean;
  /** Languages the model saw in training; for others it abstains (logit 0) and the pack score decides. */
  languages: string[];
  /** Free-form provenance: training sources, seed, example counts. */
  trainedOn: Record<string, unknown>;
  /** Factor on the model's log-odds when combined with the pack score (default 1). */
  modelWeight?: number;
  /** Per-language decision thresholds, chosen after training. */
  thresholds?: Record<string, number>;
}

const MAGIC = 'VIGIELM1';

/**
 * Logistic regression over hashed n-grams and language-pack signals, trained with the pack score as a
 * fixed offset: its weights are corrections learnt from data on top of the pack's reading of a text.
 * Serialised as `VIGIELM1`, a uint32 header length, a JSON header and int8-quantised weights.
 */
export class LinearModel implements TextModel {
  readonly space: FeatureSpace;
  private readonly languages: ReadonlySet<string>;
  private readonly scratch = { index: [] as number[], value: [] as number[] };

  constructor(
    readonly header: ModelHeader,
    readonly weights: Float32Array,
  ) {
    if (weights.length !== 1 << header.bits)
      throw new ClassifyError('INVALID_MODEL', 'weight table size does not match header');
    this.space = { bits: header.bits, signalCorrections: header.signalCorrections === true };
    this.languages = new Set(header.languages ?? []);
  }

  get name(): string {
    return this.header.name;
  }

  appliesTo(lang: string): boolean {
    return this.languages.has(lang);
  }

  logit(modelText: string, lang: string, signals: SignalVector): number {
    if (!this.languages.has(lang)) return 0;
    const { index, value } = this.scratch;
    index.length = 0;
    value.length = 0;
    extractFeatures(this.space, modelText, lang, signals, this.scratch);
    let z = 0;
    for (let i = 0; i < index.length; i++)
      z += (this.weights[index[i] as number] as number) * (value[i] as number);
    return z;
  }

  combine(packLogit: number, modelLogit: number): number {
    return packLogit + (this.header.modelWeight ?? 1) * modelLogit;
  }

  serialise(): Buffer {
    let max = 0;
    for (const w of this.weights) max = Math.max(max, Math.abs(w));
    const scale = max > 0 ? max / 127 : 1;
    const header = Buffer.from(JSON.stringify({ ...this.header, scale }), 'utf8');
    const out = Buffer.alloc(8 + 4 + header.length + this.weights.length);
    out.write(MAGIC, 0, 'ascii');
    out.writeUInt32LE(header.length, 8);
    header.copy(out, 12);
    const body = new Int8Array(out.buffer, out.byteOffset + 12 + header.length, this.weights.length);
    for (let i = 0; i < this.weights.length; i++) body[i] = Math.round((this.weights[i] as number) / scale);
    return out;
  }

  static deserialise(bytes: Uint8Array): LinearModel {
    const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (buf.length < 12 || buf.toString('ascii', 0, 8) !== MAGIC) {
      throw new ClassifyError('INVALID_MODEL', 'not a Vigie linear model (bad magic)');
    }
    const headerLength = buf.readUInt32LE(8);
    let header: ModelHeader;
    try {
      header = JSON.parse(buf.toString('utf8', 12, 12 + headerLength)) as ModelHeader;
    } catch {
      throw new ClassifyError('INVALID_MODEL', 'model header is not valid JSON');
    }
    if (!Number.isInteger(header.bits) || header.bits < 8 || header.bits > 24 || !(header.scale > 0)) {
      throw new ClassifyError('INVALID_MODEL', 'model header has invalid bits or scale');
    }
    const size = 1 << header.bits;
    if (buf.length !== 12 + headerLength + size)
      throw new ClassifyError('INVALID_MODEL', 'model file is truncated or too long');
    const body = new Int8Array(buf.buffer, buf.byteOffset + 12 + headerLength, size);
    const weights = new Float32Array(size);
    for (let i = 0; i < size; i++) weights[i] = (body[i] as number) * header.scale;
    return new LinearModel(header, weights);
  }

  static load(file: string): LinearModel {
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch (error) {
      throw new ClassifyError('MODEL_NOT_FOUND', `cannot read model ${file}: ${(error as Error).message}`);
    }
    return LinearModel.deserialise(bytes);
  }
}
