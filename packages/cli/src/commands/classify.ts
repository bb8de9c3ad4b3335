import { createReadStream, statSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import {
  ClassifyError,
  LinearModel,
  loadBuiltinModel,
  loadClassifier,
  loadLocalTransformer,
  parseLabelledExample,
  retrainOrganisationModel,
  type Classifier,
  type ClassifyResult,
  type LabelledExample,
  type LocalTransformer,
} from '@vigie/classify';
import { EXIT, UsageError, type Command, type CommandIo } from '../command.ts';
import { parseCommandArgs } from '../args.ts';

const help = `Usage: vigie classify [--model builtin|none|PATH] [--lang LANG] FILE|-

Classifies texts as hateful or non-hateful.

Input: JSONL, one object per line with "id", "text" and optional "lang"
(en fr de es it pt nl pl ar zh hi hi-Latn ms ta id tl th vi tr ko en-SG sw am;
other tags fall back to their base language or "und"). Blank lines are skipped.

Output: one JSONL object per input line, in the same order:
  {"id","lang","label":"hateful"|"non-hateful","score","threshold","langConfidence",
   "script","lowConfidence","truncated","signals":[...]}
A line that is not valid JSON or has no string "text" gives
  {"id", "error":{"code":"INVALID_INPUT","message"}} and the exit code becomes 1.

Options:
  --model M    builtin (default): language packs + built-in model; none: packs only;
               PATH: an organisation model written by 'vigie classify retrain', or
               a folder holding a local ONNX text-classification model (config.json,
               tokenizer.json, tokenizer_config.json, onnx/model.onnx; needs the optional
               package @huggingface/transformers). With a folder, label and score come
               from the transformer (threshold 0.5); language and term signals still come
               from the language packs, plus a {"type":"transformer"} signal.
  --lang LANG  language of every text that has no "lang" of its own

Example:
  echo '{"id":1,"text":"I love my neighbours"}' | vigie classify -
`;

const retrainHelp = `Usage: vigie classify retrain --out FILE [--base builtin|PATH] [--epochs N] EXAMPLES|-

Builds an organisation model from reviewers' decisions: fine-tunes a copy of the
base model on labelled examples and writes it to FILE (use it with
'vigie classify --model FILE').

EXAMPLES is JSONL, one object per line: {"text", "label":"hateful"|"non-hateful", "lang"?}.
Invalid lines are reported with their line number and the command exits 1
without writing a model.

Options:
  --out FILE     where to write the model (required)
  --base MODEL   builtin (default) or a model file to start from
  --epochs N     passes over the examples (default 3)
`;

function lines(path: string, io: CommandIo): AsyncIterable<string> {
  const input = path === '-' ? io.stdin : createReadStream(path, 'utf8');
  return createInterface({ input, crlfDelay: Infinity });
}

function write(io: CommandIo, value: unknown): Promise<void> {
  return new Promise((resolve) => {
    if (io.stdout.write(`${JSON.stringify(value)}\n`)) resolve();
    else io.stdout.once('drain', () => resolve());
  });
}

function isFolder(model: string): boolean {
  try {
    return statSync(model).isDirectory();
  } catch {
    return false;
  }
}

/** A result as written out: the transformer adds a signal that is not one of the library's `Signal` types. */
type Row = Omit<ClassifyResult, 'signals'> & { signals: readonly unknown[] };

/** Packs-only reading (language, terms, truncation) with the transformer's label and score on top. */
async function classifyWithTransformer(
  classifier: Classifier,
  transformer: LocalTransformer,
  text: string,
  lang: string | undefined,
): Promise<Row> {
  const r = classifier.classify(text, lang ? { lang } : {});
  const p = await transformer.classify(text);
  return {
    ...r,
    label: p.label,
    score: p.score,
    threshold: transformer.threshold,
    truncated: r.truncated || p.truncated,
    signals: [
      ...r.signals,
      // The model's own top label and its probability.
      {
        type: 'transformer',
        name: transformer.name,
        label: p.modelLabel,
        score: Number(p.modelScore.toFixed(4)),
      },
    ],
  };
}

function idOf(value: unknown): unknown {
  return typeof value === 'object' && value !== null && 'id' in value ? (value as { id: unknown }).id : null;
}

export const classifyCommand: Command = {
  path: ['classify'],
  summary: 'Classify JSONL texts as hateful or non-hateful (multilingual)',
  help,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, {
      model: { type: 'string', default: 'builtin' },
      lang: { type: 'string' },
    });
    if (positionals.length !== 1) throw new UsageError('expected exactly one input FILE or -');
    const model = values.model as string;
    let classifier: Classifier;
    let transformer: LocalTransformer | null = null;
    try {
      if (model !== 'builtin' && model !== 'none' && isFolder(model)) {
        transformer = await loadLocalTransformer(model);
        classifier = await loadClassifier('none');
      } else {
        classifier = await loadClassifier(model);
      }
    } catch (error) {
      if (error instanceof ClassifyError) {
        io.stderr.write(`vigie classify: error[${error.code.toLowerCase()}] ${error.message}\n`);
        return EXIT.failure;
      }
      throw error;
    }
    let failed = false;
    try {
      for await (const line of lines(positionals[0] as string, io)) {
        if (line.trim() === '') continue;
        let parsed: unknown;
        try {
          parsed = JSON.parse(line);
        } catch {
          parsed = undefined;
        }
        const id = idOf(parsed);
        const text =
          typeof parsed === 'object' && parsed !== null ? (parsed as { text?: unknown }).text : undefined;
        if (typeof text !== 'string') {
          failed = true;
          const message = parsed === undefined ? 'line is not valid JSON' : '"text" must be a string';
          await write(io, { id, error: { code: 'INVALID_INPUT', message } });
          continue;
        }
        const ownLang = (parsed as { lang?: unknown }).lang;
        const lang = typeof ownLang === 'string' && ownLang !== '' ? ownLang : values.lang;
        const r: Row = transformer
          ? await classifyWithTransformer(classifier, transformer, text, lang)
          : classifier.classify(text, lang ? { lang } : {});
        await write(io, {
          id,
          lang: r.lang,
          label: r.label,
          score: Number(r.score.toFixed(4)),
          threshold: r.threshold,
          langConfidence: Number(r.langConfidence.toFixed(3)),
          script: r.script,
          lowConfidence: r.lowConfidence,
          truncated: r.truncated,
          signals: r.signals,
        });
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        io.stderr.write(`vigie classify: error[file_not_found] ${positionals[0]}\n`);
        return EXIT.failure;
      }
      throw error;
    } finally {
      await transformer?.dispose();
    }
    return failed ? EXIT.failure : EXIT.ok;
  },
};

export const classifyRetrainCommand: Command = {
  path: ['classify', 'retrain'],
  summary: 'Build an organisation classification model from labelled examples',
  help: retrainHelp,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, {
      out: { type: 'string' },
      base: { type: 'string', default: 'builtin' },
      epochs: { type: 'string', default: '3' },
    });
    if (values.out === undefined) throw new UsageError('--out FILE is required');
    if (positionals.length !== 1) throw new UsageError('expected exactly one EXAMPLES file or -');
    const epochs = Number(values.epochs);
    if (!Number.isInteger(epochs) || epochs < 1 || epochs > 100)
      throw new UsageError('--epochs must be an integer from 1 to 100');
    const source = positionals[0] as string;
    let text: string;
    try {
      text = source === '-' ? await readAll(io) : await readFile(source, 'utf8');
    } catch {
      io.stderr.write(`vigie classify retrain: error[file_not_found] ${source}\n`);
      return EXIT.failure;
    }
    const examples: LabelledExample[] = [];
    const problems: string[] = [];
    text.split('\n').forEach((line, i) => {
      if (line.trim() === '') return;
      let parsed: unknown;
      try {
        parsed = JSON.parse(line);
      } catch {
        problems.push(`line ${i + 1}: not valid JSON`);
        return;
      }
      const example = parseLabelledExample(parsed);
      if (typeof example === 'string') problems.push(`line ${i + 1}: ${example}`);
      else examples.push(example);
    });
    if (problems.length > 0) {
      for (const p of problems.slice(0, 20))
        io.stderr.write(`vigie classify retrain: error[invalid_example] ${p}\n`);
      return EXIT.failure;
    }
    if (examples.length === 0) {
      io.stderr.write(
        'vigie classify retrain: error[no_examples] the examples file holds no labelled example\n',
      );
      return EXIT.failure;
    }
    try {
      const base = values.base === 'builtin' ? loadBuiltinModel() : LinearModel.load(values.base as string);
      const classifier = await loadClassifier('none');
      const model = retrainOrganisationModel(classifier, base, examples, { epochs });
      await writeFile(values.out, model.serialise());
      const hateful = examples.filter((e) => e.label === 'hateful').length;
      io.stdout.write(
        `${JSON.stringify({ out: values.out, examples: examples.length, hateful, languages: model.header.languages })}\n`,
      );
      return EXIT.ok;
    } catch (error) {
      if (error instanceof ClassifyError) {
        io.stderr.write(`vigie classify retrain: error[${error.code.toLowerCase()}] ${error.message}\n`);
        return EXIT.failure;
      }
      throw error;
    }
  },
};

async function readAll(io: CommandIo): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of io.stdin)
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}
