/**
 * A console whose server may call one local webhook receiver: the receiver's loopback address is the
 * only private address the server's outbound fetcher is allowed (VIGIE_OUTBOUND_ALLOW_HOSTS).
 */
import { startWebhookReceiver, type WebhookReceiver } from '../../../server/test/support/webhook-receiver.ts';
import { startConsole, type ConsoleWithAdmin } from './console.ts';

export interface ConsoleWithReceiver {
  started: ConsoleWithAdmin;
  receiver: WebhookReceiver;
  /** The receiver's URL for subscriptions, at `path`. */
  hookUrl: string;
}

export async function startConsoleWithReceiver(
  path: string,
  adminPassword: string,
): Promise<ConsoleWithReceiver> {
  const receiver = await startWebhookReceiver({ failures: 0, failureStatus: 500 });
  try {
    const started = await startConsole({
      env: { VIGIE_OUTBOUND_ALLOW_HOSTS: `127.0.0.1:${receiver.port}` },
      adminPassword,
    });
    return { started, receiver, hookUrl: `http://127.0.0.1:${receiver.port}${path}` };
  } catch (error) {
    receiver.close();
    throw error;
  }
}
