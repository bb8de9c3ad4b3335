/** Translated names of channel kinds, which come back from the API as plain strings. */
import type { I18n } from '../i18n/i18n.tsx';
import type { ChannelKind } from './api.ts';
import { CHANNEL_KINDS } from './form.ts';

export function channelLabel(t: I18n['t'], value: string): string {
  return (CHANNEL_KINDS as readonly string[]).includes(value) ? t(`channel.${value as ChannelKind}`) : value;
}
