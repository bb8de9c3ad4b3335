/** Files chosen in the report form, read as base64 for the JSON API. */
export const MAX_ATTACHMENTS = 5;

export async function readAttachments(
  files: readonly File[],
): Promise<{ filename: string; mediaType: string; data: string }[]> {
  return Promise.all(
    files.map(async (file) => ({
      filename: file.name,
      mediaType: file.type || 'application/octet-stream',
      data: toBase64(new Uint8Array(await file.arrayBuffer())),
    })),
  );
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  // In slices: String.fromCharCode with millions of arguments overflows the stack.
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
