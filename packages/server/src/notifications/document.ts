/**
 * A message is written once as a list of blocks and rendered twice: plain text and minimal HTML.
 * Every piece of text is escaped in HTML (nothing in a block is markup), and links are only made
 * for http(s) URLs, so reviewer- or reporter-supplied text cannot inject anything.
 */

export type Block =
  | { type: 'heading'; text: string }
  | { type: 'paragraph'; text: string }
  | { type: 'list'; items: string[] }
  | { type: 'link'; label: string; url: string };

export interface MessageDocument {
  subject: string;
  /** BCP 47 language of the text, for `<html lang>` and text direction. */
  language: string;
  blocks: Block[];
}

export interface RenderedMessage {
  subject: string;
  text: string;
  html: string;
}

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

const RTL_LANGUAGES = new Set(['ar', 'he', 'fa', 'ur']);

// French typography puts a space before a colon.
const colonFor = (language: string) => (language.startsWith('fr') ? ' : ' : ': ');

function textOf(block: Block, colon: string): string {
  switch (block.type) {
    case 'heading':
      return `${block.text}\n${'-'.repeat([...block.text].length)}`;
    case 'paragraph':
      return block.text;
    case 'list':
      return block.items.map((item) => `- ${item}`).join('\n');
    case 'link':
      return `${block.label}${colon}${block.url}`;
  }
}

function htmlOf(block: Block, colon: string): string {
  switch (block.type) {
    case 'heading':
      return `<h2>${escapeHtml(block.text)}</h2>`;
    case 'paragraph':
      return `<p>${escapeHtml(block.text).replaceAll('\n', '<br>')}</p>`;
    case 'list':
      return `<ul>${block.items.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</ul>`;
    case 'link':
      return isHttpUrl(block.url)
        ? `<p><a href="${escapeHtml(block.url)}">${escapeHtml(block.label)}</a></p>`
        : `<p>${escapeHtml(`${block.label}${colon}${block.url}`)}</p>`;
  }
}

export function renderMessage(document: MessageDocument): RenderedMessage {
  const primary = document.language.split('-')[0] ?? 'en';
  const direction = RTL_LANGUAGES.has(primary) ? 'rtl' : 'ltr';
  const colon = colonFor(document.language);
  const html = [
    '<!doctype html>',
    `<html lang="${escapeHtml(document.language)}" dir="${direction}">`,
    `<head><meta charset="utf-8"><title>${escapeHtml(document.subject)}</title></head>`,
    `<body>${document.blocks.map((block) => htmlOf(block, colon)).join('\n')}</body>`,
    '</html>',
  ].join('\n');
  return {
    subject: document.subject,
    text: `${document.blocks.map((block) => textOf(block, colon)).join('\n\n')}\n`,
    html: `${html}\n`,
  };
}
