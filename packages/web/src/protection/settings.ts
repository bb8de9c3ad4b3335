/**
 * Moderator-protection settings: what a reviewer sees of reported media. The organisation sets
 * defaults in its `settings.moderatorProtection` object (GET/PATCH /api/v1/organisation); each person
 * may override any of them in their browser (`localStorage['vigie.protection.<userId>']`). Unknown
 * keys and values of the wrong type are ignored, so a bad setting falls back instead of exposing
 * anyone to unblurred media.
 */

export interface ProtectionSettings {
  /** Blur images and videos until revealed. */
  blur: boolean;
  /** Show media in greyscale, also once revealed. */
  greyscale: boolean;
  /** Remind the reviewer to take a break after this many reveals in a day (0 = never). */
  breakEvery: number;
  /** Reveals per day after which the reminder says the daily budget is spent (0 = no budget). */
  dailyLimit: number;
}

export const builtInProtection: ProtectionSettings = {
  blur: true,
  greyscale: true,
  breakEvery: 25,
  dailyLimit: 150,
};

/** The organisation settings key that holds the defaults. */
export const ORGANISATION_KEY = 'moderatorProtection';

/** The valid settings found in `value`, key by key; everything else is dropped. */
export function readProtection(value: unknown): Partial<ProtectionSettings> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
  const source = value as Record<string, unknown>;
  const found: Partial<ProtectionSettings> = {};
  if (typeof source.blur === 'boolean') found.blur = source.blur;
  if (typeof source.greyscale === 'boolean') found.greyscale = source.greyscale;
  for (const key of ['breakEvery', 'dailyLimit'] as const) {
    const n = source[key];
    if (typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= 10_000) found[key] = n;
  }
  return found;
}

/** Personal choices over organisation defaults over the built-in ones. */
export function resolveProtection(organisationSettings: unknown, personal: unknown): ProtectionSettings {
  const fromOrganisation =
    organisationSettings && typeof organisationSettings === 'object'
      ? (organisationSettings as Record<string, unknown>)[ORGANISATION_KEY]
      : undefined;
  return { ...builtInProtection, ...readProtection(fromOrganisation), ...readProtection(personal) };
}
