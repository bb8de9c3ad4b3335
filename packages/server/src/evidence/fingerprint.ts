/** PDQ of image evidence, so a later copy can be compared perceptually and not only byte for byte. */
import { pdqHash } from '@vigie/hashing';
import { decodeImage } from '../media/index.ts';

/** The PDQ hash of an image, or null when the bytes are not an image sharp can decode. */
export async function imagePdq(bytes: Buffer, mediaType: string): Promise<string | null> {
  if (!mediaType.startsWith('image/')) return null;
  try {
    return pdqHash(await decodeImage(bytes, { timeoutSeconds: 20 })).hash;
  } catch {
    return null; // undecodable or unsupported: the SHA-256 still identifies it exactly
  }
}
