import type { LanguagePack } from './api.ts';

/**
 * Saves the pack as `<lang>.json` in the `vigie.langpack/1` format, to share with peer organisations:
 * indented like `exportPack` in @vigie/classify, and read back by its `loadPackFile`.
 */
export function downloadPack(pack: LanguagePack): void {
  const blob = new Blob([`${JSON.stringify(pack, null, 1)}\n`], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = `${pack.lang}.json`;
  link.click();
  // Revoked after the click has started the download.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
