/** WCAG 2.1 contrast, recomputed from the design tokens in src/styles/tokens.css. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { WEB_DIR } from './build.ts';

/** `color-…` token name → lower-case `#rrggbb`. */
export function readColorTokens(): Map<string, string> {
  const css = readFileSync(path.join(WEB_DIR, 'src/styles/tokens.css'), 'utf8');
  return new Map(
    [...css.matchAll(/--(color-[\w-]+):\s*(#[0-9a-f]{6})\b/gi)].map((m) => [
      m[1] as string,
      (m[2] as string).toLowerCase(),
    ]),
  );
}

function luminance(hex: string): number {
  const channel = (offset: number) => {
    const c = parseInt(hex.slice(offset, offset + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

/** WCAG 2.1 contrast ratio of two `#rrggbb` colours. */
export function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}
