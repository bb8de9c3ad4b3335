/**
 * The platform form's model: lists typed as text, and one optional channel per kind, each checked
 * with the server's own `channelSchema` so a problem shows beside its input before anything is sent.
 * Pure.
 */
import { CHANNEL_KINDS, channelSchema } from '../../../server/src/platforms/channels.ts';
import type { Channel, ChannelKind, Platform, PlatformInput } from './api.ts';

export { CHANNEL_KINDS };

/** `FR, de  BE` → `['FR', 'de', 'BE']`: commas, spaces or new lines separate; empties dropped. */
export function parseList(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((part) => part.trim())
    .filter(Boolean);
}

export interface ChannelDraft {
  offered: boolean;
  address: string;
  statusUrl: string;
  ackWithinHours: string;
  decisionWithinHours: string;
}

export type ChannelField = Exclude<keyof ChannelDraft, 'offered'>;

export interface PlatformDraft {
  slug: string;
  name: string;
  hosts: string;
  countries: string;
  languages: string;
  channels: Record<ChannelKind, ChannelDraft>;
}

const emptyChannel: ChannelDraft = {
  offered: false,
  address: '',
  statusUrl: '',
  ackWithinHours: '24',
  decisionWithinHours: '168',
};

/** The form's starting values: empty for a new platform, or those of the platform being edited. */
export function draftOf(platform?: Platform): PlatformDraft {
  const channels = Object.fromEntries(
    CHANNEL_KINDS.map((kind) => {
      const channel = platform?.channels.find((c) => c.kind === kind);
      return [
        kind,
        channel
          ? {
              offered: true,
              address: channel.address,
              statusUrl: channel.statusUrl ?? '',
              ackWithinHours: String(channel.ackWithinHours),
              decisionWithinHours: String(channel.decisionWithinHours),
            }
          : emptyChannel,
      ];
    }),
  ) as Record<ChannelKind, ChannelDraft>;
  return {
    slug: platform?.slug ?? '',
    name: platform?.name ?? '',
    hosts: platform?.hosts.join(', ') ?? '',
    countries: platform?.countries.join(', ') ?? '',
    languages: platform?.languages.join(', ') ?? '',
    channels,
  };
}

export type PlatformProblems = Partial<Record<`${ChannelKind}.${ChannelField}` | 'channels', true>>;

/** The API body, or the inputs to fix: each offered channel must be valid, and one must be offered. */
export function buildPlatformInput(
  draft: PlatformDraft,
): { input: PlatformInput } | { problems: PlatformProblems } {
  const problems: PlatformProblems = {};
  const channels: Channel[] = [];
  for (const kind of CHANNEL_KINDS) {
    const channel = draft.channels[kind];
    if (!channel.offered) continue;
    const parsed = channelSchema.safeParse({
      kind,
      address: channel.address.trim(),
      ...(kind === 'api' && channel.statusUrl.trim() ? { statusUrl: channel.statusUrl.trim() } : {}),
      ackWithinHours: Number(channel.ackWithinHours),
      decisionWithinHours: Number(channel.decisionWithinHours),
    });
    if (parsed.success) channels.push(parsed.data);
    else
      for (const issue of parsed.error.issues)
        problems[`${kind}.${String(issue.path[0]) as ChannelField}`] = true;
  }
  if (!Object.values(draft.channels).some((channel) => channel.offered)) problems.channels = true;
  if (Object.keys(problems).length > 0) return { problems };
  return {
    input: {
      slug: draft.slug.trim(),
      name: draft.name.trim(),
      hosts: parseList(draft.hosts),
      // ISO 3166 codes are upper case; typing `fr` is common enough to accept.
      countries: parseList(draft.countries).map((code) => code.toUpperCase()),
      languages: parseList(draft.languages),
      channels,
    },
  };
}
