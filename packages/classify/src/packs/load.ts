import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PackError, validatePack, type LanguagePack } from './schema.ts';

/** The starter packs shipped in packages/classify/packs. */
export const BUILTIN_PACK_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../packs');

export function loadPackFile(file: string): LanguagePack {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new PackError(`cannot read language pack ${file}: ${(error as Error).message}`);
  }
  return validatePack(raw);
}

/** Every `*.json` pack in a folder, keyed by language code. */
export function loadPackDir(dir: string = BUILTIN_PACK_DIR): Map<string, LanguagePack> {
  const packs = new Map<string, LanguagePack>();
  for (const name of readdirSync(dir)
    .filter((n) => n.endsWith('.json'))
    .sort()) {
    const pack = loadPackFile(path.join(dir, name));
    packs.set(pack.lang, pack);
  }
  return packs;
}

/** Serialises a pack for export to a peer organisation: stable key order, one term list per line. */
export function exportPack(pack: LanguagePack): string {
  return `${JSON.stringify(validatePack(pack), null, 1)}\n`;
}
