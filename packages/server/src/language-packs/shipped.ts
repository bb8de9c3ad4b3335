/** The starter packs shipped with @vigie/classify, read once per process. */
import { loadPackDir, type LanguagePack } from '@vigie/classify';
import { notFound } from '../errors.ts';

let shipped: ReadonlyMap<string, LanguagePack> | undefined;

export function shippedPacks(): ReadonlyMap<string, LanguagePack> {
  shipped ??= loadPackDir();
  return shipped;
}

/** The shipped pack of a language, or `not_found` naming the field that asked for it. */
export function shippedPack(lang: string, field = 'params.lang'): LanguagePack {
  const pack = shippedPacks().get(lang);
  if (!pack) throw notFound('Language pack', field);
  return pack;
}
