import { useState, type FormEvent, type ReactNode } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { Notice, TextField } from '../ui/components.tsx';
import { errorText } from '../ui/errors.ts';
import { CreatedSecret } from '../ui/ResourceView.tsx';
import { useSubmit } from '../ui/useSubmit.ts';

/** What every kind of subscription asks for: where to send, and what it is for. */
export interface WebhookTarget {
  url: string;
  description?: string;
}

/**
 * The form that adds a webhook subscription (URL, description, and the fields only its kind has),
 * then shows the signing secret once, until "Done".
 */
export function CreateWebhookForm({
  create,
  onCreated,
  ready = () => true,
  extraFields,
}: {
  /** Sends the subscription; answers it with its secret. */
  create(target: WebhookTarget): Promise<{ webhook: { url: string }; secret: string }>;
  onCreated(): void;
  /** Checked before anything is sent: false keeps the form (the extra fields say why). */
  ready?(): boolean;
  /** Fields after the description, given the API's error for a named input. */
  extraFields?(fieldError: (input: string) => string | undefined): ReactNode;
}) {
  const { t } = useI18n();
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const [created, setCreated] = useState<{ url: string; secret: string } | null>(null);
  const submit = useSubmit();

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (!ready()) return;
    await submit.run(async () => {
      const result = await create({
        url: url.trim(),
        ...(description.trim() ? { description: description.trim() } : {}),
      });
      setCreated({ url: result.webhook.url, secret: result.secret });
      setUrl('');
      setDescription('');
      onCreated();
    });
  };

  const fieldError = (input: string) =>
    submit.fieldCodes[input] ? errorText(t, { code: submit.fieldCodes[input] }) : undefined;

  if (created)
    return (
      <CreatedSecret
        message={t('webhooks.created', { url: created.url })}
        label={t('webhooks.secret')}
        value={created.secret}
        hint={t('webhooks.secretHint')}
        onDone={() => setCreated(null)}
      />
    );
  return (
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
      {extraFields?.(fieldError)}
      <div>
        <button type="submit" className="button button-primary" disabled={submit.busy}>
          {submit.busy ? t('common.saving') : t('webhooks.createSubmit')}
        </button>
      </div>
    </form>
  );
}
