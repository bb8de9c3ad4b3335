/**
 * The master key wraps each organisation's data keys (envelope encryption). It comes from
 * VIGIE_MASTER_KEY (base64, 32 bytes) or, for the zero-setup default, from `<data dir>/master.key`,
 * created on first use with owner-only permissions. Several processes on one PostgreSQL database
 * must share it: set VIGIE_MASTER_KEY for them.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const MASTER_KEY_BYTES = 32;

export function loadMasterKey(options: { fromEnv?: string | undefined; dataDir: string }): Buffer {
  if (options.fromEnv) {
    const key = Buffer.from(options.fromEnv, 'base64');
    if (key.length !== MASTER_KEY_BYTES) throw new Error('VIGIE_MASTER_KEY must be 32 bytes, base64-encoded');
    return key;
  }
  const file = path.join(options.dataDir, 'master.key');
  if (!existsSync(file)) {
    mkdirSync(options.dataDir, { recursive: true });
    // 'wx' fails if another process created it meanwhile; then we read theirs.
    try {
      writeFileSync(file, randomBytes(MASTER_KEY_BYTES).toString('base64'), { flag: 'wx', mode: 0o600 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  chmodSync(file, 0o600);
  const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  if (key.length !== MASTER_KEY_BYTES) throw new Error(`${file} does not hold a 32-byte base64 key`);
  return key;
}
