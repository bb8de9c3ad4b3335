/**
 * The human-readable page of an evidence pack. Static HTML: every value escaped, no scripts, and a
 * Content-Security-Policy that forbids loading anything, so opening it cannot run or fetch content.
 */
import type { CustodyEntry } from './custody.ts';
import type { LivenessCheck } from './liveness-job.ts';
import type { PackItem } from './pack-contents.ts';

export const escapeHtml = (value: unknown): string =>
  String(value ?? '').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );

const iso = (ms: number) => new Date(ms).toISOString();
const row = (cells: unknown[]) => `<tr>${cells.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`;
const table = (head: string[], rows: string[]) =>
  `<table><thead><tr>${head.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table>`;

export interface SummaryInput {
  title: string;
  organisation: string;
  exportedAt: number;
  exportedBy: string;
  items: readonly PackItem[];
  custody: readonly CustodyEntry[];
  liveness: ReadonlyMap<string, readonly LivenessCheck[]>;
}

export function renderSummary(input: SummaryInput): string {
  const sections = input.items.map((item) => {
    const checks = input.liveness.get(item.id) ?? [];
    const entries = input.custody.filter((e) => e.itemId === item.id);
    return `<section>
<h2>${escapeHtml(item.fileName)} <small>(${escapeHtml(item.role)}, ${escapeHtml(item.kind)})</small></h2>
${table(
  ['field', 'value'],
  [
    row(['item id', item.id]),
    row(['case id', item.caseId ?? '—']),
    row(['source URL', item.sourceUrl ?? '—']),
    row(['captured at (UTC)', item.capturedAt]),
    row(['captured by', item.capturedBy]),
    row(['captured from', item.capturedFrom]),
    row(['tool', `${item.tool} ${item.toolVersion}`]),
    row(['SHA-256', item.sha256]),
    row(['PDQ', item.pdq ?? '—']),
    row(['size (bytes)', item.size]),
    row(['media type', item.mediaType]),
    row(['legal hold', item.legalHold ? 'yes' : 'no']),
    row(['content', item.payloadPath ?? `purged at ${item.purgedAt ?? '?'}`]),
  ],
)}
${
  checks.length
    ? `<h3>Liveness re-checks</h3>${table(
        ['after (days)', 'checked at', 'outcome', 'still online', 'HTTP status', 'same content'],
        checks.map((c) =>
          row([
            c.afterDays,
            iso(c.checkedAt),
            c.outcome,
            c.stillOnline ? 'yes' : 'no',
            c.httpStatus ?? '—',
            c.sameContent ? 'yes' : 'no',
          ]),
        ),
      )}`
    : ''
}
<h3>Chain of custody</h3>
${table(
  ['#', 'at (UTC)', 'action', 'actor', 'details', 'hash'],
  entries.map((e) => row([e.seq, iso(e.at), e.action, `${e.actorType}:${e.actorId}`, e.details, e.hash])),
)}
</section>`;
  });
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${escapeHtml(input.title)}</title>
<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #999;padding:.2em .5em;text-align:left;vertical-align:top;word-break:break-all}</style>
</head>
<body>
<h1>${escapeHtml(input.title)}</h1>
<p>Organisation: ${escapeHtml(input.organisation)}. Exported ${escapeHtml(iso(input.exportedAt))} by ${escapeHtml(input.exportedBy)}.
${input.items.length} item(s). Check this pack offline with <code>vigie evidence verify DIR</code>: it re-hashes every file and re-walks every custody chain.</p>
${sections.join('\n')}
</body>
</html>
`;
}
