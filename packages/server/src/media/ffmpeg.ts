/**
 * Locating ffmpeg: the system binary when it is on PATH (Debian's is current), else the static binary shipped in
 * the npm package `@ffmpeg-installer/ffmpeg` (a 2018 build, no ffprobe). Only file checks, no process is started.
 */
import { accessSync, constants } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { MediaError } from './errors.ts';

export interface FfmpegBinaries {
  readonly ffmpeg: string;
  /** ffprobe beside the system ffmpeg, when present. */
  readonly ffprobe?: string;
  readonly source: 'system' | 'npm';
}

function executable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(name: string, envPath: string | undefined): string | undefined {
  for (const dir of (envPath ?? '').split(path.delimiter)) {
    if (dir && executable(path.join(dir, name))) return path.join(dir, name);
  }
  return undefined;
}

const found = new Map<string, FfmpegBinaries>();

export function findFfmpeg(envPath: string | undefined = process.env.PATH): FfmpegBinaries {
  const key = envPath ?? '';
  const known = found.get(key);
  if (known) return known;
  const binaries = locate(envPath);
  found.set(key, binaries);
  return binaries;
}

function locate(envPath: string | undefined): FfmpegBinaries {
  const system = onPath('ffmpeg', envPath);
  if (system) {
    const probe = path.join(path.dirname(system), 'ffprobe');
    return { ffmpeg: system, ...(executable(probe) ? { ffprobe: probe } : {}), source: 'system' };
  }
  try {
    const installer = createRequire(import.meta.url)('@ffmpeg-installer/ffmpeg') as { path: string };
    if (executable(installer.path)) return { ffmpeg: installer.path, source: 'npm' };
  } catch {
    // fall through to the typed error
  }
  throw new MediaError(
    'ffmpeg_missing',
    'ffmpeg not found on PATH and @ffmpeg-installer/ffmpeg is not installed',
  );
}
