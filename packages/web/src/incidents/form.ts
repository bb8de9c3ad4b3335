/** Turning the declare form's text areas into the API's `urls` and `hashes`, keeping line numbers. Pure. */
import type { HashKind, IncidentInput } from './api.ts';

const HASH_KINDS: readonly HashKind[] = ['sha256', 'md5', 'pdq'];

/** A non-blank line of a text area, with its 1-based number in what the user typed. */
interface Line {
  number: number;
  text: string;
}

function nonBlankLines(text: string): Line[] {
  return text
    .split(/\r?\n/)
    .map((line, index) => ({ number: index + 1, text: line.trim() }))
    .filter((line) => line.text !== '');
}

export interface ParsedContent {
  urls: string[];
  hashes: NonNullable<IncidentInput['hashes']>;
  /** Line numbers of the URLs and hashes sent, in order, to point an API error at the right line. */
  urlLines: number[];
  hashLines: number[];
  /** Hash lines that are not "kind value" with a known kind (the value itself is checked by the API). */
  badHashLines: number[];
}

/** One URL per line; one hash per line as its kind then its value ("md5 9e10…", "pdq: f8f8…"). */
export function parseContent(urlsText: string, hashesText: string): ParsedContent {
  const urlLines = nonBlankLines(urlsText);
  const hashes: ParsedContent['hashes'] = [];
  const hashLines: number[] = [];
  const badHashLines: number[] = [];
  for (const line of nonBlankLines(hashesText)) {
    const match = /^([a-z0-9]+)\s*[:\s]\s*(\S+)$/i.exec(line.text);
    const kind = match?.[1]?.toLowerCase() as HashKind | undefined;
    if (!match || !kind || !HASH_KINDS.includes(kind)) {
      badHashLines.push(line.number);
      continue;
    }
    hashes.push({ kind, value: match[2] as string });
    hashLines.push(line.number);
  }
  return {
    urls: urlLines.map((line) => line.text),
    urlLines: urlLines.map((line) => line.number),
    hashes,
    hashLines,
    badHashLines,
  };
}

/**
 * The text-area line an API field path points at: `body.urls.2` → the third URL sent → its line.
 * Undefined when the path names no item (e.g. `body.urls` for "no content at all").
 */
export function lineOfField(field: string, input: 'urls' | 'hashes', lines: number[]): number | undefined {
  const match = new RegExp(`^body\\.${input}\\.(\\d+)(\\.|$)`).exec(field);
  return match ? lines[Number(match[1])] : undefined;
}
