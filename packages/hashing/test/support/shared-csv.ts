import { readFileSync } from 'node:fs';

/** Rows of a shared CSV as objects keyed by the header (no quoting is used in the shared files). */
export function readCsv(file: string): Record<string, string>[] {
  const [header, ...lines] = readFileSync(file, 'utf8').trim().split('\n');
  const names = header!.split(',');
  return lines.map((line) => {
    const fields = line.split(',');
    return Object.fromEntries(names.map((name, i) => [name, fields[i] ?? '']));
  });
}
