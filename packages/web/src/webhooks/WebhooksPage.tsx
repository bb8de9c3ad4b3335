import { useState } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { useSignedIn } from '../session/session.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';
import { ResourceView } from '../ui/ResourceView.tsx';
import { useResource } from '../ui/useResource.ts';
import { eventTypes, type EventDelivery, type EventType, type EventWebhook } from './api.ts';
import { CreateWebhookForm } from './CreateWebhookForm.tsx';
import { WebhookTable, type ExtraColumn, type WebhookCalls } from './WebhookTable.tsx';

/**
 * Decision-event webhooks: the platform's endpoints that hear about decisions and reversals, signed
 * with a secret shown once; each can be disabled, and its delivery log shows what was sent and how it went.
 */
export function WebhooksPage() {
  const { t } = useI18n();
  const { api } = useSignedIn();
  const { resource, reload } = useResource(() => api.eventWebhooks(), 'event-webhooks');
  const calls: WebhookCalls<EventDelivery> = {
    setDisabled: (webhookId, disabled) => api.updateEventWebhook(webhookId, { disabled }),
    deliveries: (webhookId, query) => api.eventDeliveries(webhookId, query),
    redeliver: (webhookId, deliveryId) => api.redeliverEvent(webhookId, deliveryId),
    eventOf: (delivery) => delivery.eventType,
  };
  const eventTypesColumn: ExtraColumn<EventWebhook> = {
    header: t('webhooks.eventTypes'),
    cell: (webhook) => (
      <ul className="tag-list">
        {webhook.eventTypes.map((type) => (
          <li key={type}>
            <code>{type}</code>
          </li>
        ))}
      </ul>
    ),
  };

  return (
    <>
      <PageHeader title={t('webhooks.title')} intro={t('webhooks.intro')} />
      <CreateWebhook onCreated={reload} />
      <section className="panel" aria-labelledby="webhooks-list">
        <h2 id="webhooks-list">{t('webhooks.list')}</h2>
        <ResourceView resource={resource} reload={reload}>
          {(data, onChanged) => (
            <WebhookTable
              webhooks={data.webhooks}
              calls={calls}
              extraColumn={eventTypesColumn}
              onChanged={onChanged}
            />
          )}
        </ResourceView>
      </section>
    </>
  );
}

/** The subscription form, with the events to hear about (at least one). */
function CreateWebhook({ onCreated }: { onCreated(): void }) {
  const { t } = useI18n();
  const { api } = useSignedIn();
  const [chosen, setChosen] = useState<ReadonlySet<EventType>>(new Set(eventTypes));
  const [missingEventType, setMissingEventType] = useState(false);

  const toggle = (type: EventType, on: boolean) => {
    const next = new Set(chosen);
    if (on) next.add(type);
    else next.delete(type);
    setChosen(next);
  };

  return (
    <section className="panel" aria-labelledby="webhooks-create">
      <h2 id="webhooks-create">{t('webhooks.create')}</h2>
      <CreateWebhookForm
        create={(target) =>
          api.createEventWebhook({ ...target, eventTypes: eventTypes.filter((type) => chosen.has(type)) })
        }
        onCreated={() => {
          setChosen(new Set(eventTypes));
          onCreated();
        }}
        ready={() => {
          setMissingEventType(chosen.size === 0);
          return chosen.size > 0;
        }}
        extraFields={(fieldError) => {
          const eventTypesError = missingEventType ? t('webhooks.noEventType') : fieldError('eventTypes');
          return (
            <fieldset className="checkbox-group">
              <legend>{t('webhooks.eventTypes')}</legend>
              <div className="checkbox-grid">
                {eventTypes.map((type) => (
                  <label key={type} className="checkbox">
                    <input
                      type="checkbox"
                      name="eventTypes"
                      value={type}
                      checked={chosen.has(type)}
                      onChange={(e) => toggle(type, e.target.checked)}
                    />
                    <span>
                      {t(`webhooks.event.${type}`)} <code className="muted">{type}</code>
                    </span>
                  </label>
                ))}
              </div>
              {eventTypesError && <p className="field-error">{eventTypesError}</p>}
            </fieldset>
          );
        }}
      />
    </section>
  );
}
