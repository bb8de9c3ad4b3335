/**
 * Human-readable references. Crockford base32 (no I, L, O, U) so they survive being read aloud or
 * copied by hand. A report reference is the reporter's only key to the public status page, so it
 * carries 80 random bits; a case reference is an internal name (40 bits, unique per organisation).
 */
import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function randomGroups(groups: number): string {
  const bytes = randomBytes(groups * 4);
  const chars = [...bytes].map((b) => ALPHABET[b & 31]);
  const out: string[] = [];
  for (let g = 0; g < groups; g++) out.push(chars.slice(g * 4, g * 4 + 4).join(''));
  return out.join('-');
}

/** `VG-7K3M-Q9XD`: names a case inside its organisation. */
export const newCaseReference = () => `VG-${randomGroups(2)}`;

/** `VR-7K3M-Q9XD-2HBW-N4TC`: the reporter's receipt and status-page key. */
export const newReportReference = () => `VR-${randomGroups(4)}`;

export const reportReferencePattern = /^VR-[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/;
