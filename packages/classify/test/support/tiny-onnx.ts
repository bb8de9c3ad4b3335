/**
 * Builds a tiny BERT-shaped ONNX text-classification model in a folder, so that tests can run the real
 * local-transformer loading code (through @huggingface/transformers and onnxruntime-node) with no download.
 *
 * Graph: input_ids → Gather(embeddings) → ReduceMean over the sequence → MatMul → Add → logits. The graph
 * also declares `attention_mask` and `token_type_ids` (unused), like a BERT export. Every hateful word of
 * the vocabulary has the embedding [W, 0] and every friendly word [0, W]; the head turns the difference into
 * the two logits, so "they are vermin" leans hateful and "I love my friends" leans non-hateful.
 *
 * The protobuf encoding is written by hand (varints, length-delimited fields, packed floats) for the few
 * ONNX ModelProto fields needed: no extra dependency.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const HATEFUL_WORDS = ['hate', 'vermin', 'scum', 'filth', 'exterminate'];
export const FRIENDLY_WORDS = ['love', 'friends', 'neighbours', 'welcome', 'kind'];
const SPECIAL = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'];
const OTHER_WORDS = ['they', 'are', 'all', 'i', 'my', 'the', 'we', 'you', 'and', 'a', 'is'];
const WEIGHT = 8;

export interface TinyModelOptions {
  /** Label names for logits 0 (friendly) and 1 (hateful), written to config.json's id2label. */
  labels?: [string, string];
  /** Write `model_max_length` to tokenizer_config.json (omitted when undefined). */
  modelMaxLength?: number;
}

// ---------------------------------------------------------------- protobuf

type Bytes = Uint8Array;

function varint(value: number | bigint): Bytes {
  let v = BigInt.asUintN(64, BigInt(value));
  const out: number[] = [];
  do {
    let byte = Number(v & 0x7fn);
    v >>= 7n;
    if (v !== 0n) byte |= 0x80;
    out.push(byte);
  } while (v !== 0n);
  return Uint8Array.from(out);
}

const concat = (parts: Bytes[]): Bytes => Buffer.concat(parts);
const key = (field: number, wireType: 0 | 2 | 5): Bytes => varint((field << 3) | wireType);
const int = (field: number, value: number): Bytes => concat([key(field, 0), varint(value)]);
const bytes = (field: number, value: Bytes): Bytes => concat([key(field, 2), varint(value.length), value]);
const str = (field: number, value: string): Bytes => bytes(field, Buffer.from(value, 'utf8'));
const msg = (field: number, ...parts: Bytes[]): Bytes => bytes(field, concat(parts));
const packedInts = (field: number, values: number[]): Bytes => bytes(field, concat(values.map(varint)));

function floatsLE(values: number[]): Bytes {
  const buffer = Buffer.alloc(values.length * 4);
  values.forEach((v, i) => buffer.writeFloatLE(v, i * 4));
  return buffer;
}

// ---------------------------------------------------------------- ONNX

const FLOAT = 1;
const INT64 = 7;
const ATTRIBUTE_INT = 2;
const ATTRIBUTE_INTS = 7;

/** TensorProto: dims = 1, data_type = 2, name = 8, raw_data = 9 (little-endian). */
const floatTensor = (field: number, name: string, dims: number[], values: number[]): Bytes =>
  msg(field, packedInts(1, dims), int(2, FLOAT), str(8, name), bytes(9, floatsLE(values)));

/** ValueInfoProto { name = 1, type = 2 { tensor_type = 1 { elem_type = 1, shape = 2 { dim = 1 } } } }. */
function valueInfo(field: number, name: string, elemType: number, dims: (string | number)[]): Bytes {
  const shape = dims.map((d) => msg(1, typeof d === 'number' ? int(1, d) : str(2, d)));
  return msg(field, str(1, name), msg(2, msg(1, int(1, elemType), msg(2, ...shape))));
}

/** NodeProto: input = 1, output = 2, name = 3, op_type = 4, attribute = 5. */
const node = (name: string, op: string, inputs: string[], outputs: string[], ...attributes: Bytes[]): Bytes =>
  msg(
    1,
    ...inputs.map((i) => str(1, i)),
    ...outputs.map((o) => str(2, o)),
    str(3, name),
    str(4, op),
    ...attributes,
  );

/** AttributeProto: name = 1, i = 3, ints = 8, type = 20. */
const intAttribute = (name: string, value: number): Bytes =>
  msg(5, str(1, name), int(3, value), int(20, ATTRIBUTE_INT));
const intsAttribute = (name: string, values: number[]): Bytes =>
  msg(5, str(1, name), ...values.map((v) => int(8, v)), int(20, ATTRIBUTE_INTS));

/** The ONNX bytes of the tiny classifier over a vocabulary of `vocabSize` tokens. */
export function tinyOnnxModel(vocab: string[]): Bytes {
  const hidden = 2;
  const embeddings: number[] = [];
  for (const token of vocab) {
    if (HATEFUL_WORDS.includes(token)) embeddings.push(WEIGHT, 0);
    else if (FRIENDLY_WORDS.includes(token)) embeddings.push(0, WEIGHT);
    else embeddings.push(0, 0);
  }
  // logits[0] (friendly) = f - h + 0.5, logits[1] (hateful) = h - f - 0.5: neutral text leans friendly.
  const head = [-1, 1, 1, -1]; // [hidden, 2], row-major
  const bias = [0.5, -0.5];
  const graph = [
    node('embed', 'Gather', ['embeddings', 'input_ids'], ['embedded'], intAttribute('axis', 0)),
    node(
      'pool',
      'ReduceMean',
      ['embedded'],
      ['pooled'],
      intsAttribute('axes', [1]),
      intAttribute('keepdims', 0),
    ),
    node('project', 'MatMul', ['pooled', 'head'], ['projected']),
    node('bias', 'Add', ['projected', 'bias'], ['logits']),
    str(2, 'tiny-classifier'),
    floatTensor(5, 'embeddings', [vocab.length, hidden], embeddings),
    floatTensor(5, 'head', [hidden, 2], head),
    floatTensor(5, 'bias', [2], bias),
    valueInfo(11, 'input_ids', INT64, ['batch_size', 'sequence_length']),
    valueInfo(11, 'attention_mask', INT64, ['batch_size', 'sequence_length']),
    valueInfo(11, 'token_type_ids', INT64, ['batch_size', 'sequence_length']),
    valueInfo(12, 'logits', FLOAT, ['batch_size', 2]),
  ];
  // ModelProto: ir_version = 1, producer_name = 2, graph = 7, opset_import = 8 { domain = 1, version = 2 }.
  // Opset 13 still takes ReduceMean's axes as an attribute; IR version 7 goes with opset 13.
  return concat([int(1, 7), str(2, 'vigie-test'), msg(7, ...graph), msg(8, str(1, ''), int(2, 13))]);
}

// ---------------------------------------------------------------- folder

/** Writes config.json, tokenizer.json, tokenizer_config.json and onnx/model.onnx into `dir`. */
export function writeTinyModel(dir: string, options: TinyModelOptions = {}): string {
  const labels = options.labels ?? ['non-hateful', 'hateful'];
  const vocab = [...SPECIAL, ...OTHER_WORDS, ...HATEFUL_WORDS, ...FRIENDLY_WORDS];
  const id = (token: string) => vocab.indexOf(token);
  mkdirSync(path.join(dir, 'onnx'), { recursive: true });
  writeFileSync(path.join(dir, 'onnx', 'model.onnx'), tinyOnnxModel(vocab));
  const json = (file: string, value: unknown) =>
    writeFileSync(path.join(dir, file), `${JSON.stringify(value, null, 2)}\n`);
  json('config.json', {
    model_type: 'bert',
    architectures: ['BertForSequenceClassification'],
    vocab_size: vocab.length,
    hidden_size: 2,
    max_position_embeddings: 512,
    id2label: { 0: labels[0], 1: labels[1] },
    label2id: { [labels[0]]: 0, [labels[1]]: 1 },
  });
  const special = (token: string) => ({ id: token, ids: [id(token)], tokens: [token] });
  json('tokenizer.json', {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: SPECIAL.map((content) => ({
      id: id(content),
      content,
      single_word: false,
      lstrip: false,
      rstrip: false,
      normalized: false,
      special: true,
    })),
    normalizer: {
      type: 'BertNormalizer',
      clean_text: true,
      handle_chinese_chars: true,
      strip_accents: null,
      lowercase: true,
    },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [
        { SpecialToken: { id: '[CLS]', type_id: 0 } },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: { id: '[SEP]', type_id: 0 } },
      ],
      pair: [
        { SpecialToken: { id: '[CLS]', type_id: 0 } },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: { id: '[SEP]', type_id: 0 } },
        { Sequence: { id: 'B', type_id: 1 } },
        { SpecialToken: { id: '[SEP]', type_id: 1 } },
      ],
      special_tokens: { '[CLS]': special('[CLS]'), '[SEP]': special('[SEP]') },
    },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: {
      type: 'WordPiece',
      unk_token: '[UNK]',
      continuing_subword_prefix: '##',
      max_input_chars_per_word: 100,
      vocab: Object.fromEntries(vocab.map((token, i) => [token, i])),
    },
  });
  json('tokenizer_config.json', {
    tokenizer_class: 'BertTokenizer',
    do_lower_case: true,
    ...(options.modelMaxLength === undefined ? {} : { model_max_length: options.modelMaxLength }),
    cls_token: '[CLS]',
    sep_token: '[SEP]',
    pad_token: '[PAD]',
    unk_token: '[UNK]',
    mask_token: '[MASK]',
  });
  return dir;
}
