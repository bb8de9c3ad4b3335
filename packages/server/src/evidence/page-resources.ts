/**
 * The sub-resources a captured HTML page shows (images, stylesheets, scripts, icons, media), so the
 * capture keeps what the page looked like even after the host removes them. A tolerant scan of tag
 * attributes, not a full HTML parser: it only has to find URLs to fetch, and every fetch goes
 * through `safeFetch` anyway.
 */
const TAG = /<(img|script|link|source|video|audio|embed)\b[^>]*>/gi;
const ATTRIBUTE = /\s(src|href|rel)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/gi;
const LINK_RELS = /\b(stylesheet|icon|apple-touch-icon|preload)\b/i;

const decodeEntities = (text: string) =>
  text.replace(
    /&(amp|quot|#39|apos|lt|gt);/g,
    (_m, name: string) => ({ amp: '&', quot: '"', '#39': "'", apos: "'", lt: '<', gt: '>' })[name] ?? '',
  );

/** Absolute http(s) URLs of the page's sub-resources, deduplicated, in document order, at most `limit`. */
export function pageResourceUrls(html: string, pageUrl: string, limit: number): string[] {
  const found = new Set<string>();
  for (const tag of html.matchAll(TAG)) {
    if (found.size >= limit) break;
    const attributes = new Map<string, string>();
    for (const a of tag[0].matchAll(ATTRIBUTE)) {
      attributes.set((a[1] as string).toLowerCase(), decodeEntities(a[2] ?? a[3] ?? a[4] ?? ''));
    }
    const isLink = (tag[1] as string).toLowerCase() === 'link';
    if (isLink && !LINK_RELS.test(attributes.get('rel') ?? '')) continue;
    const reference = attributes.get(isLink ? 'href' : 'src');
    if (!reference) continue;
    try {
      const url = new URL(reference.trim(), pageUrl);
      if (url.protocol !== 'http:' && url.protocol !== 'https:') continue;
      url.hash = '';
      found.add(url.href);
    } catch {
      // an unparsable reference is skipped, as a browser would
    }
  }
  return [...found];
}
