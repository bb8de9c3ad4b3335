/**
 * How an item's content may be previewed in the console, by its media type: images and videos
 * through moderator protection, text (including captured HTML and headers JSON, as source text) as a
 * text node, anything else only by download. Pure.
 */
import { hasPreview } from '../protection/media-source.ts';

export type PreviewKind = 'media' | 'text' | 'none';

const TEXT_TYPES = ['application/json', 'application/xml', 'application/xhtml+xml', 'application/javascript'];

export function previewKind(mediaType: string): PreviewKind {
  const type = mediaType.split(';')[0]?.trim().toLowerCase() ?? '';
  // Raster images and videos have a server-side protected variant; SVG (an image that can carry
  // script) has none and is shown as its source text.
  if (hasPreview(type)) return 'media';
  if (type === 'image/svg+xml') return 'text';
  if (type.startsWith('text/') || TEXT_TYPES.includes(type) || type.endsWith('+json')) return 'text';
  return 'none';
}
