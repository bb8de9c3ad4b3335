import { useState, type ReactNode } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { Badge, Notice } from '../ui/components.tsx';
import { errorText } from '../ui/errors.ts';
import { ResourceView, useRowAction, type ChangeNotice } from '../ui/ResourceView.tsx';
import { useResource } from '../ui/useResource.ts';
import type { DeliveryPageQuery } from './api.ts';

/** What the table needs of a subscription, of either kind (decision events, a bank's matches). */
export interface Subscription {
  id: string;
  url: string;
  description: string;
  createdAt: number;
  disabledAt: number | null;
}

/** What the log needs of a delivery, of either kind. */
export interface Delivery {
  id: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  createdAt: number;
  deliveredAt: number | null;
}

/** One page of a delivery log, newest first, with `next`: where the older page starts (or null). */
export interface DeliveryPage<D extends Delivery> {
  deliveries: D[];
  next: { before: number; beforeId: string } | null;
}

/** The API calls of one kind of subscription, and how its log names a delivery's event. */
export interface WebhookCalls<D extends Delivery> {
  setDisabled(webhookId: string, disabled: boolean): Promise<unknown>;
  deliveries(webhookId: string, query: DeliveryPageQuery): Promise<DeliveryPage<D>>;
  redeliver(webhookId: string, deliveryId: string): Promise<unknown>;
  eventOf(delivery: D): string;
}

/** A column only one kind of subscription has (the decision events it hears about). */
export interface ExtraColumn<W> {
  header: string;
  cell(webhook: W): ReactNode;
}

/** Subscriptions with disable/enable, each with its delivery log opening right under its row. */
export function WebhookTable<W extends Subscription, D extends Delivery>({
  webhooks,
  calls,
  extraColumn,
  onChanged,
}: {
  webhooks: W[];
  calls: WebhookCalls<D>;
  extraColumn?: ExtraColumn<W>;
  onChanged(notice: ChangeNotice): void;
}) {
  const { t, formatDate, formatDateTime } = useI18n();
  const { busyId, run } = useRowAction(onChanged);
  const [openLog, setOpenLog] = useState<string | null>(null);

  if (webhooks.length === 0) return <p className="muted">{t('webhooks.empty')}</p>;

  const setDisabled = (webhook: W, disabled: boolean) =>
    run(
      webhook.id,
      () => calls.setDisabled(webhook.id, disabled),
      t(disabled ? 'webhooks.disabledNotice' : 'webhooks.enabledNotice', { url: webhook.url }),
    );

  return (
    <div className="table-scroll">
      <table className="table-compact">
        <thead>
          <tr>
            <th scope="col">{t('webhooks.url')}</th>
            {extraColumn && <th scope="col">{extraColumn.header}</th>}
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
                {extraColumn && <td>{extraColumn.cell(webhook)}</td>}
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
                  <td colSpan={extraColumn ? 5 : 4}>
                    <DeliveryLog webhook={webhook} calls={calls} />
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

const deliveryTone: Record<Delivery['status'], 'neutral' | 'success' | 'danger'> = {
  pending: 'neutral',
  delivered: 'success',
  failed: 'danger',
};

/** Deliveries shown per page of the log. */
const PAGE_SIZE = 20;

/** The first `pages` pages of a subscription's log, following each page's cursor to the next. */
async function loadDeliveries<D extends Delivery>(
  calls: WebhookCalls<D>,
  webhookId: string,
  pages: number,
): Promise<DeliveryPage<D>> {
  let log = await calls.deliveries(webhookId, { limit: PAGE_SIZE });
  for (let page = 1; page < pages && log.next; page++) {
    const older = await calls.deliveries(webhookId, { limit: PAGE_SIZE, ...log.next });
    log = { deliveries: [...log.deliveries, ...older.deliveries], next: older.next };
  }
  return log;
}

/**
 * A subscription's deliveries, newest first, a page at a time ("Show older" while there may be more),
 * reloadable while retries run; a failed one can be sent again while the subscription is enabled.
 */
function DeliveryLog<D extends Delivery>({
  webhook,
  calls,
}: {
  webhook: Subscription;
  calls: WebhookCalls<D>;
}) {
  const { t } = useI18n();
  // How many pages are shown: a reload (Refresh, after "Send again") reads as many again.
  const [pages, setPages] = useState(1);
  const { resource, reload, replace } = useResource(
    () => loadDeliveries(calls, webhook.id, pages),
    `deliveries-${webhook.id}`,
  );
  const [older, setOlder] = useState<{ busy: boolean; error: unknown }>({ busy: false, error: null });

  const showOlder = async (log: DeliveryPage<D>) => {
    if (!log.next) return;
    setOlder({ busy: true, error: null });
    try {
      const page = await calls.deliveries(webhook.id, { limit: PAGE_SIZE, ...log.next });
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
              <DeliveryTable
                webhook={webhook}
                calls={calls}
                deliveries={log.deliveries}
                onChanged={onChanged}
              />
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

function DeliveryTable<D extends Delivery>({
  webhook,
  calls,
  deliveries,
  onChanged,
}: {
  webhook: Subscription;
  calls: WebhookCalls<D>;
  deliveries: D[];
  onChanged(notice: ChangeNotice): void;
}) {
  const { t, formatDateTime, formatNumber } = useI18n();
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
        {deliveries.map((delivery) => {
          const event = calls.eventOf(delivery);
          return (
            <tr key={delivery.id} data-testid="delivery-row">
              <th scope="row">
                <code>{event}</code>
              </th>
              <td>
                <Badge tone={deliveryTone[delivery.status]}>
                  {t(`webhooks.delivery.${delivery.status}`)}
                </Badge>
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
                    aria-label={`${t('webhooks.redeliver')} — ${event}, ${formatDateTime(delivery.createdAt)}`}
                    onClick={() =>
                      void run(
                        delivery.id,
                        () => calls.redeliver(webhook.id, delivery.id),
                        t('webhooks.redelivered', { event }),
                      )
                    }
                  >
                    {t('webhooks.redeliver')}
                  </button>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
