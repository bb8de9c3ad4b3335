/** Reads the shared hate-speech data (../shared/data/hate), which is never copied into the repository. */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const HATE_DATA_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../../shared/data/hate',
);

export interface HateRow {
  id: string;
  lang: string;
  text: string;
  label: 'hateful' | 'non-hateful' | null;
  functionality: string | null;
  source: string;
}

export function readJsonl(file: string): HateRow[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as HateRow);
}

export function requireData(sub: string): string {
  const dir = path.join(HATE_DATA_DIR, sub);
  if (!existsSync(dir)) {
    console.error(`missing ${dir}: put the shared data folder beside the repository as ../shared`);
    process.exit(1);
  }
  return dir;
}

export function readDir(sub: string): Map<string, HateRow[]> {
  const dir = requireData(sub);
  const files = new Map<string, HateRow[]>();
  for (const name of readdirSync(dir)
    .filter((n) => n.endsWith('.jsonl'))
    .sort())
    files.set(name, readJsonl(path.join(dir, name)));
  return files;
}
