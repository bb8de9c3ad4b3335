/**
 * What a test needs from the machine, and what happens when it is missing.
 *
 * Outside CI a missing requirement skips the test file with one visible line saying what to install.
 * Under CI=true nothing may skip: a missing requirement fails the run instead.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const SHARED_DIR = path.resolve(REPO_ROOT, '..', 'shared');

const announced = new Set<string>();

/** Returns whether the requirement is met; prints one skip line (or throws under CI=true) when not. */
export function needs(what: string, available: boolean, howToGet: string): boolean {
  if (available) return true;
  const line = `SKIP (${what} missing): ${howToGet}`;
  if (process.env.CI === 'true') throw new Error(`CI=true and a test requirement is missing: ${line}`);
  if (!announced.has(line)) {
    announced.add(line);
    console.warn(line);
  }
  return false;
}

/** Path inside ../shared; `haveShared` tells whether the folder is there. */
export function sharedPath(...parts: string[]): string {
  return path.join(SHARED_DIR, ...parts);
}

export function haveShared(subPath = ''): boolean {
  return needs(
    `../shared/${subPath}`,
    existsSync(sharedPath(subPath)),
    'put the shared data folder beside the repository as ../shared',
  );
}
