/** Tables of the platform directory (migration 0008-notices). */

export interface PlatformTable {
  id: string;
  org_id: string;
  /** Stable short name (`tiktok`), also the key studies group by across organisations. */
  slug: string;
  name: string;
  /** JSON arrays of host names, ISO country codes and language tags the platform serves. */
  hosts: string;
  countries: string;
  languages: string;
  /** JSON array of `Channel` (platforms/channels.ts). */
  channels: string;
  /** HMAC secret for the platform's callbacks, sealed with the organisation key, base64. */
  callback_secret_sealed: string;
  created_at: number;
  updated_at: number;
}

declare module '../storage/schema.ts' {
  interface Database {
    platforms: PlatformTable;
  }
}
