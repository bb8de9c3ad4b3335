/** Signal types a bank entry can hold. Names follow python-threatexchange where it has one. */
export const SIGNAL_TYPES = ['pdq', 'vpdq', 'md5', 'sha256', 'text', 'simhash', 'url'] as const;
export type SignalType = (typeof SIGNAL_TYPES)[number];

export function isSignalType(value: string): value is SignalType {
  return (SIGNAL_TYPES as readonly string[]).includes(value);
}

/** A value normalised to its canonical text form, or the reason it is not valid for the signal type. */
export type Normalised = { ok: true; value: string } | { ok: false; reason: string };

function hexOfLength(value: string, digits: number, what: string): Normalised {
  const v = value.trim().toLowerCase();
  if (v.length !== digits)
    return { ok: false, reason: `${what} must be ${digits} hex characters, got ${v.length}` };
  if (!/^[0-9a-f]+$/.test(v)) return { ok: false, reason: `${what} must be hexadecimal` };
  return { ok: true, value: v };
}

function normaliseUrl(value: string): Normalised {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return { ok: false, reason: 'not an absolute URL' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { ok: false, reason: `unsupported URL scheme ${url.protocol}` };
  }
  // WHATWG parsing already lower-cases scheme and host and drops default ports; fragments never reach a server.
  url.hash = '';
  return { ok: true, value: url.href };
}

function normaliseText(value: string): Normalised {
  const v = value.normalize('NFKC').replace(/\s+/g, ' ').trim().toLowerCase();
  return v.length === 0 ? { ok: false, reason: 'empty text' } : { ok: true, value: v };
}

/**
 * Validates and canonicalises a signal value: lower-case hex for hash types, WHATWG-normalised URL without
 * fragment, NFKC/whitespace/case-folded text. vPDQ values are opaque (frame lists) and only need to be non-empty.
 */
export function normaliseSignal(type: SignalType, value: string): Normalised {
  switch (type) {
    case 'pdq':
      return hexOfLength(value, 64, 'a PDQ hash');
    case 'simhash':
      return hexOfLength(value, 16, 'a 64-bit SimHash');
    case 'md5':
      return hexOfLength(value, 32, 'an MD5 digest');
    case 'sha256':
      return hexOfLength(value, 64, 'a SHA-256 digest');
    case 'url':
      return normaliseUrl(value);
    case 'text':
      return normaliseText(value);
    case 'vpdq':
      return value.trim().length > 0
        ? { ok: true, value: value.trim() }
        : { ok: false, reason: 'empty vPDQ value' };
  }
}
