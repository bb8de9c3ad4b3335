/** Writes a JSON report formatted as the repository's Prettier config would, so `npm run lint` stays clean. */
import { writeFileSync } from 'node:fs';
import { format, resolveConfig } from 'prettier';

export async function writeJsonReport(file: string, value: unknown): Promise<void> {
  const options = (await resolveConfig(file)) ?? {};
  writeFileSync(file, await format(JSON.stringify(value), { ...options, parser: 'json' }));
}
