/**
 * Reporting channels of a platform and their expected response times. The expected times drive the
 * notice clocks (notices/clocks.ts): a notice sent through a channel is overdue for acknowledgement
 * after `ackWithinHours` and for a decision after `decisionWithinHours`.
 */
import { z } from 'zod';

export const CHANNEL_KINDS = [
  /** The platform's DSA Art. 16 notice form (address: its URL). */
  'dsa_form',
  'email',
  /** The platform's priority channel for trusted flaggers (DSA Art. 22). */
  'trusted_flagger',
  /** A machine interface: Vigie posts the notice and polls `statusUrl` (address: the endpoint). */
  'api',
  /** Hand-off to a hotline or law enforcement (INHOPE/ICCAM partner, Point de Contact, PHAROS). */
  'hotline',
  'in_app',
] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

export const channelSchema = z.strictObject({
  kind: z.enum(CHANNEL_KINDS),
  /** Form URL, email address, API endpoint or hotline portal. */
  address: z.string().min(1).max(2000),
  /** For `api` channels: where the notice's status is read; `{ticketId}` is replaced. */
  statusUrl: z.string().min(1).max(2000).optional(),
  ackWithinHours: z
    .number()
    .positive()
    .max(24 * 365),
  decisionWithinHours: z
    .number()
    .positive()
    .max(24 * 365),
});
export type Channel = z.infer<typeof channelSchema>;

export const HOUR_MS = 3_600_000;

export const ackWithinMs = (channel: Channel) => Math.round(channel.ackWithinHours * HOUR_MS);
export const decisionWithinMs = (channel: Channel) => Math.round(channel.decisionWithinHours * HOUR_MS);
