import { useI18n } from '../i18n/i18n.tsx';
import type { Channel } from './api.ts';

/** A platform's channels with their expected response times; addresses are shown as text, not linked. */
export function ChannelList({ channels }: { channels: readonly Channel[] }) {
  const { t, formatNumber } = useI18n();
  return (
    <ul className="channel-list">
      {channels.map((channel) => (
        <li key={channel.kind}>
          <strong>{t(`channel.${channel.kind}`)}</strong> <span className="user-text">{channel.address}</span>{' '}
          <span className="muted">
            {t('platforms.expectedTimes', {
              ack: formatNumber(channel.ackWithinHours),
              decision: formatNumber(channel.decisionWithinHours),
            })}
          </span>
        </li>
      ))}
    </ul>
  );
}
