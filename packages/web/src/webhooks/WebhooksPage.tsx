import { useState, type FormEvent } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import type { VigieApi } from '../api/vigie.ts';
import { useSignedIn } from '../session/session.tsx';
import { Badge, Notice, TextField } from '../ui/components.tsx';
import { errorText } from '../ui/errors.ts';
import { PageHeader } from '../ui/PageHeader.tsx';
import { CreatedSecret, ResourceView, useRowAction, type ChangeNotice } from '../ui/ResourceView.tsx';
import { useResource } from '../ui/useResource.ts';
import { useSubmit } from '../ui/useSubmit.ts';
import {
  eventTypes,
  type EventDelivery,
  type EventDeliveryPage,
  type EventType,
  type EventWebhook,
} from './api.ts';

/**
 * Decision-event webhooks: the platform's endpoints that hear about decisions and reversals, signed
 * with a secret shown once; each can be disabled, and its delivery log shows what was sent and how it went.
 */
export function WebhooksPage() {
  const { t } = useI18n();
  const { api } = useSignedIn();
  const { resource, reload } = useResource(() => api.eventWebhooks(), 'event-webhooks');

  return (
    <>
      <PageHeader title={t('webhooks.title')} intro={t('webhooks.intro')} />
      <CreateWebhook onCreated={reload} />
      <section className="panel" aria-labelledby="webhooks-list">
        <h2 id="webhooks-list">{t('webhooks.list')}</h2>
        <ResourceView resource={resource} reload={reload}>
          {(data, onChanged) => <WebhookTable webhooks={data.webhooks} onChanged={onChanged} />}
        </ResourceView>
      </section>
    </>
  );
}

function CreateWebhook({ onCreated }: { onCreated(): void }) {
  const { t } = useI18n();
  const { api } = useSignedIn();
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const [chosen, setChosen] = useState<ReadonlySet<EventType>>(new Set(eventTypes));
  const [missingEventType, setMissingEventType] = useState(false);
  const [created, setCreated] = useState<{ url: string; secret: string } | null>(null);
  const submit = useSubmit();

  const toggle = (type: EventType, on: boolean) => {
    const next = new Set(chosen);
    if (on) next.add(type);
    else next.delete(type);
    setChosen(next);
  };

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setMissingEventType(chosen.size === 0);
    if (chosen.size === 0) return;
    await submit.run(async () => {
      const result = await api.createEventWebhook({
        url: url.trim(),
        ...(description.trim() ? { description: description.trim() } : {}),
        eventTypes: eventTypes.filter((type) => chosen.has(type)),
      });
      setCreated({ url: result.webhook.url, secret: result.secret });
      setUrl('');
      setDescription('');
      setChosen(new Set(eventTypes));
      onCreated();
    });
  };

  const fieldError = (input: string) =>
    submit.fieldCodes[input] ? errorText(t, { code: submit.fieldCodes[input] }) : undefined;
  const eventTypesError = missingEventType ? t('webhooks.noEventType') : fieldError('eventTypes');

  return (
    <section className="panel" aria-labelledby="webhooks-create">
      <h2 id="webhooks-create">{t('webhooks.create')}</h2>
      {created ? (
        <CreatedSecret
          message={t('webhooks.created', { url: created.url })}
          label={t('webhooks.secret')}
          value={created.secret}
          hint={t('webhooks.secretHint')}
          onDone={() => setCreated(null)}
        />
      ) : (
        <form onSubmit={onSubmit} className="stack" noValidate>
          {submit.formError !== null && <Notice tone="error">{errorText(t, submit.formError)}</Notice>}
          <TextField
            label={t('webhooks.url')}
            hint={t('webhooks.urlHint')}
            name="url"
            type="url"
            dir="ltr"
            autoComplete="off"
            required
            maxLength={2000}
            value={url}
            onChange={(e) => setUrl(e.target.value)}
            error={fieldError('url')}
          />
          <TextField
            className="field-medium"
            label={t('webhooks.description')}
            name="description"
            autoComplete="off"
            maxLength={500}
            value={description}
            onChange={(e) => setDescription(e.target.value)}
            error={fieldError('description')}
          />
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
          <div>
            <button type="submit" className="button button-primary" disabled={submit.busy}>
              {submit.busy ? t('common.saving') : t('webhooks.createSubmit')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

function WebhookTable({
  webhooks,
  onChanged,
}: {
  webhooks: EventWebhook[];
  onChanged(notice: ChangeNotice): void;
}) {
  const { t, formatDate, formatDateTime } = useI18n();
  const { api } = useSignedIn();
  const { busyId, run } = useRowAction(onChanged);
  const [openLog, setOpenLog] = useState<string | null>(null);

  if (webhooks.length === 0) return <p className="muted">{t('webhooks.empty')}</p>;

  const setDisabled = (webhook: EventWebhook, disabled: boolean) =>
    run(
      webhook.id,
      () => api.updateEventWebhook(webhook.id, { disabled }),
      t(disabled ? 'webhooks.disabledNotice' : 'webhooks.enabledNotice', { url: webhook.url }),
    );

  return (
    <div className="table-scroll">
      <table className="table-compact">
        <thead>
          <tr>
            <th scope="col">{t('webhooks.url')}</th>
            <th scope="col">{t('webhooks.eventTypes')}</th>
            <th scope="col">{t('common.created')}</th>
            <th scope="col">{t('common.status')}</th>
            <th scope="col">{t('common.actions')}</th>
          </tr>
        </thead>
        {webhooks.map((webhook) => {
          const logId = `webhook-log-${webhook.id}`;
          const disabled = webhook.disabledAt !== null;
          return (
            // One body per subscription, so its delivery log sits right under its row.
            <tbody key={webhook.id} data-testid="webhook-row">
              <tr>
                <th scope="row">
                  <code dir="ltr">{webhook.url}</code>
                  {webhook.description && <span className="cell-secondary">{webhook.description}</span>}
                </th>
                <td>
                  <ul className="tag-list">
                    {webhook.eventTypes.map((type) => (
                      <li key={type}>
                        <code>{type}</code>
                      </li>
                    ))}
                  </ul>
                </td>
                <td className="nowrap" title={formatDateTime(webhook.createdAt)}>
                  {formatDate(webhook.createdAt)}
                </td>
                <td>
                  {disabled ? (
                    <Badge tone="neutral">{t('webhooks.statusDisabled')}</Badge>
                  ) : (
                    <Badge tone="success">{t('webhooks.statusActive')}</Badge>
                  )}
                </td>
                <td>
                  <div className="button-row">
                    <button
                      type="button"
                      className="button button-secondary button-small"
                      disabled={busyId === webhook.id}
                      aria-label={`${t(disabled ? 'webhooks.enable' : 'webhooks.disable')} — ${webhook.url}`}
                      onClick={() => void setDisabled(webhook, !disabled)}
                    >
                      {t(disabled ? 'webhooks.enable' : 'webhooks.disable')}
                    </button>
                    <button
                      type="button"
                      className="button button-secondary button-small"
                      aria-expanded={openLog === webhook.id}
                      aria-controls={logId}
                      aria-label={`${t('webhooks.deliveries')} — ${webhook.url}`}
                      onClick={() => setOpenLog(openLog === webhook.id ? null : webhook.id)}
                    >
                      {t('webhooks.deliveries')}
                    </button>
                  </div>
                </td>
              </tr>
              {openLog === webhook.id && (
                <tr id={logId}>
                  <td colSpan={5}>
                    <DeliveryLog webhook={webhook} />
                  </td>
                </tr>
              )}
            </tbody>
          );
        })}
      </table>
    </div>
  );
}

const deliveryTone: Record<EventDelivery['status'], 'neutral' | 'success' | 'danger'> = {
  pending: 'neutral',
  delivered: 'success',
  failed: 'danger',
};

/** Deliveries shown per page of the log. */
const PAGE_SIZE = 20;

/** The first `pages` pages of a subscription's log, following each page's cursor to the next. */
async function loadDeliveries(api: VigieApi, webhookId: string, pages: number): Promise<EventDeliveryPage> {
  let log = await api.eventDeliveries(webhookId, { limit: PAGE_SIZE });
  for (let page = 1; page < pages && log.next; page++) {
    const older = await api.eventDeliveries(webhookId, { limit: PAGE_SIZE, ...log.next });
    log = { deliveries: [...log.deliveries, ...older.deliveries], next: older.next };
  }
  return log;
}

/**
 * A subscription's deliveries, newest first, a page at a time ("Show older" while there may be more),
 * reloadable while retries run; a failed one can be sent again while the subscription is enabled.
 */
function DeliveryLog({ webhook }: { webhook: EventWebhook }) {
  const { t } = useI18n();
  const { api } = useSignedIn();
  // How many pages are shown: a reload (Refresh, after "Send again") reads as many again.
  const [pages, setPages] = useState(1);
  const { resource, reload, replace } = useResource(
    () => loadDeliveries(api, webhook.id, pages),
    `deliveries-${webhook.id}`,
  );
  const [older, setOlder] = useState<{ busy: boolean; error: unknown }>({ busy: false, error: null });

  const showOlder = async (log: EventDeliveryPage) => {
    if (!log.next) return;
    setOlder({ busy: true, error: null });
    try {
      const page = await api.eventDeliveries(webhook.id, { limit: PAGE_SIZE, ...log.next });
      replace({ deliveries: [...log.deliveries, ...page.deliveries], next: page.next });
      setPages(pages + 1);
      setOlder({ busy: false, error: null });
    } catch (error) {
      setOlder({ busy: false, error });
    }
  };

  return (
    <div className="stack" data-testid="delivery-log">
      <div className="button-row">
        <h3>{t('webhooks.deliveriesOf', { url: webhook.url })}</h3>
        <button type="button" className="button button-secondary button-small" onClick={reload}>
          {t('webhooks.refresh')}
        </button>
      </div>
      <ResourceView resource={resource} reload={reload}>
        {(log, onChanged) =>
          log.deliveries.length === 0 ? (
            <p className="muted">{t('webhooks.noDeliveries')}</p>
          ) : (
            <>
              <DeliveryTable webhook={webhook} deliveries={log.deliveries} onChanged={onChanged} />
              {older.error !== null && <Notice tone="error">{errorText(t, older.error)}</Notice>}
              {log.next && (
                <div>
                  <button
                    type="button"
                    className="button button-secondary button-small"
                    disabled={older.busy}
                    onClick={() => void showOlder(log)}
                  >
                    {older.busy ? t('common.loading') : t('webhooks.showOlder')}
                  </button>
                </div>
              )}
            </>
          )
        }
      </ResourceView>
    </div>
  );
}

function DeliveryTable({
  webhook,
  deliveries,
  onChanged,
}: {
  webhook: EventWebhook;
  deliveries: EventDelivery[];
  onChanged(notice: ChangeNotice): void;
}) {
  const { t, formatDateTime, formatNumber } = useI18n();
  const { api } = useSignedIn();
  const { busyId, run } = useRowAction(onChanged);
  // A disabled subscription sends nothing: enable it first.
  const canRedeliver = webhook.disabledAt === null;
  return (
    <table className="table-compact">
      <thead>
        <tr>
          <th scope="col">{t('webhooks.event')}</th>
          <th scope="col">{t('common.status')}</th>
          <th scope="col">{t('webhooks.attempts')}</th>
          <th scope="col">{t('webhooks.response')}</th>
          <th scope="col">{t('webhooks.queuedAt')}</th>
          <th scope="col">{t('webhooks.deliveredAt')}</th>
          <th scope="col">{t('common.actions')}</th>
        </tr>
      </thead>
      <tbody>
        {deliveries.map((delivery) => (
          <tr key={delivery.id} data-testid="delivery-row">
            <th scope="row">
              <code>{delivery.eventType}</code>
            </th>
            <td>
              <Badge tone={deliveryTone[delivery.status]}>{t(`webhooks.delivery.${delivery.status}`)}</Badge>
            </td>
            <td className="numeric">{formatNumber(delivery.attempts)}</td>
            <td>
              {delivery.lastStatusCode ?? '—'}
              {delivery.lastError && <span className="cell-secondary">{delivery.lastError}</span>}
            </td>
            <td className="nowrap">{formatDateTime(delivery.createdAt)}</td>
            <td className="nowrap">
              {delivery.deliveredAt === null ? '—' : formatDateTime(delivery.deliveredAt)}
            </td>
            <td>
              {delivery.status === 'failed' && canRedeliver && (
                <button
                  type="button"
                  className="button button-secondary button-small"
                  disabled={busyId === delivery.id}
                  aria-label={`${t('webhooks.redeliver')} — ${delivery.eventType}, ${formatDateTime(delivery.createdAt)}`}
                  onClick={() =>
                    void run(
                      delivery.id,
                      () => api.redeliverEvent(webhook.id, delivery.id),
                      t('webhooks.redelivered', { event: delivery.eventType }),
                    )
                  }
                >
                  {t('webhooks.redeliver')}
                </button>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
