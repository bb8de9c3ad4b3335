/** Builds the console bundle when `dist/` is missing or older than its sources. */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../../../../test-support/requirements.ts';

export const WEB_DIR = path.join(REPO_ROOT, 'packages/web');
const SOURCES = ['src', 'public', 'index.html', 'vite.config.ts'];

function newestMtime(target: string): number {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(target).reduce(
    (newest, name) => Math.max(newest, newestMtime(path.join(target, name))),
    stat.mtimeMs,
  );
}

export function ensureConsoleBuilt(): void {
  const built = path.join(WEB_DIR, 'dist/index.html');
  const sourcesChanged = Math.max(...SOURCES.map((name) => newestMtime(path.join(WEB_DIR, name))));
  if (existsSync(built) && statSync(built).mtimeMs >= sourcesChanged) return;
  execFileSync('npx', ['vite', 'build'], { cwd: WEB_DIR, stdio: 'pipe' });
}
