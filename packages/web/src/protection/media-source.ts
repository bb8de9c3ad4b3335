/**
 * Where protected media comes from. Vigie serves every media item in two variants: `protected`
 * (blurred, greyscale and downscaled on the server, so the original bytes never reach the browser
 * until the reviewer asks) and `original`. The original is fetched only on reveal, held as an object
 * URL while it is shown, and released (revoked) when the item is blurred again.
 */

export interface MediaSource {
  protectedUrl: string;
  originalUrl: string;
}

function variantsOf(base: string): MediaSource {
  return { protectedUrl: `${base}?variant=protected`, originalUrl: `${base}?variant=original` };
}

/** A file attached to one of the case's reports. */
export function attachmentSource(caseId: string, attachmentId: string): MediaSource {
  return variantsOf(
    `/api/v1/cases/${encodeURIComponent(caseId)}/attachments/${encodeURIComponent(attachmentId)}/content`,
  );
}

/** An evidence item. */
export function evidenceSource(itemId: string): MediaSource {
  return variantsOf(`/api/v1/evidence/${encodeURIComponent(itemId)}/media`);
}

export interface LoadedOriginal {
  objectUrl: string;
  /** The type the server gave the bytes: an image, a video, or anything else (not shown). */
  mediaType: string;
  /** Revokes the object URL: the original is gone from the page once nothing shows it. */
  release(): void;
}

/** Fetches the original variant (with the session cookie) into an object URL. */
export async function loadOriginal(
  source: MediaSource,
  signal: AbortSignal,
  fetchImpl: typeof fetch = fetch,
): Promise<LoadedOriginal> {
  const response = await fetchImpl(source.originalUrl, { credentials: 'same-origin', signal });
  if (!response.ok) throw new Error(`the original could not be loaded (HTTP ${response.status})`);
  const blob = await response.blob();
  signal.throwIfAborted();
  const objectUrl = URL.createObjectURL(blob);
  return { objectUrl, mediaType: blob.type, release: () => URL.revokeObjectURL(objectUrl) };
}

/** Whether the server makes a protected preview for this media type (raster images and videos). */
export function hasPreview(mediaType: string): boolean {
  return /^(image\/(?!svg)|video\/)/i.test(mediaType);
}
