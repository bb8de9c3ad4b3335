import { useI18n } from '../i18n/i18n.tsx';
import { useSignedIn } from '../session/session.tsx';
import { ResourceView } from '../ui/ResourceView.tsx';
import { useResource } from '../ui/useResource.ts';
import type { BankDelivery } from '../webhooks/api.ts';
import { CreateWebhookForm } from '../webhooks/CreateWebhookForm.tsx';
import { WebhookTable, type WebhookCalls } from '../webhooks/WebhookTable.tsx';

/** The event a bank delivery carries: its payload's `type` (a match, `bank.match`). */
function eventOf(delivery: BankDelivery): string {
  const { payload } = delivery;
  const type = typeof payload === 'object' && payload !== null ? (payload as { type?: unknown }).type : null;
  return typeof type === 'string' ? type : 'bank.match';
}

/**
 * The bank's match webhooks: URLs that hear about each check matching one of its entries, signed with
 * a secret shown once; each can be disabled, and its delivery log shows what was sent and how it went.
 */
export function BankWebhooks({ bankId }: { bankId: string }) {
  const { t } = useI18n();
  const { api } = useSignedIn();
  const { resource, reload } = useResource(() => api.bankWebhooks(bankId), `bank-webhooks-${bankId}`);
  const calls: WebhookCalls<BankDelivery> = {
    setDisabled: (webhookId, disabled) => api.updateBankWebhook(webhookId, { disabled }),
    deliveries: (webhookId, query) => api.bankDeliveries(webhookId, query),
    redeliver: (webhookId, deliveryId) => api.redeliverBank(webhookId, deliveryId),
    eventOf,
  };

  return (
    <section className="panel" aria-labelledby="bank-webhooks">
      <h2 id="bank-webhooks">{t('banks.webhooks')}</h2>
      <p className="muted">{t('banks.webhooksIntro')}</p>
      <ResourceView resource={resource} reload={reload}>
        {(data, onChanged) => <WebhookTable webhooks={data.webhooks} calls={calls} onChanged={onChanged} />}
      </ResourceView>
      <h3 id="bank-webhooks-create">{t('webhooks.create')}</h3>
      <CreateWebhookForm create={(target) => api.createBankWebhook(bankId, target)} onCreated={reload} />
    </section>
  );
}
