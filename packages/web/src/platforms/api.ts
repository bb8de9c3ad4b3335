/** The platform directory's API objects and operations (`/api/v1/platforms`). */
import type { Channel, ChannelKind } from '../../../server/src/platforms/channels.ts';
import type { ApiClient } from '../api/client.ts';

export type { Channel, ChannelKind };

export interface Platform {
  id: string;
  slug: string;
  name: string;
  hosts: string[];
  countries: string[];
  languages: string[];
  channels: Channel[];
  createdAt: number;
  updatedAt: number;
}

export interface PlatformInput {
  slug: string;
  name: string;
  hosts: string[];
  countries: string[];
  languages: string[];
  channels: Channel[];
}

const segment = encodeURIComponent;

export function platformsApi(client: ApiClient) {
  return {
    platforms: () => client.get<{ platforms: Platform[] }>('/api/v1/platforms'),
    createPlatform: (body: PlatformInput) =>
      client.post<{ platform: Platform; callbackSecret: string }>('/api/v1/platforms', body),
    updatePlatform: (platformId: string, body: Partial<PlatformInput>) =>
      client.patch<{ platform: Platform }>(`/api/v1/platforms/${segment(platformId)}`, body),
  };
}
