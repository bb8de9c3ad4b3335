import { useState, type FormEvent } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { navigate } from '../router/history.ts';
import { Link, useLocation } from '../router/router.tsx';
import { useSignedIn } from '../session/session.tsx';
import { Badge, LoadFailed, Loading, Notice, TextField } from '../ui/components.tsx';
import { errorText } from '../ui/errors.ts';
import { PageHeader } from '../ui/PageHeader.tsx';
import { useResource } from '../ui/useResource.ts';
import { useSubmit } from '../ui/useSubmit.ts';
import type { VaultItem } from './api.ts';
import { byteSize } from './labels.ts';

/**
 * The evidence vault: items newest first (optionally of one case or one capture), capturing a URL
 * through Vigie's SSRF-safe fetcher, and uploading a file. Names and URLs are shown as text.
 */
export function EvidencePage() {
  const { t } = useI18n();
  const { api, can } = useSignedIn();
  const { search } = useLocation();
  const caseId = search.get('caseId') ?? '';
  const captureId = search.get('captureId') ?? '';
  const query = { limit: 500, ...(caseId ? { caseId } : {}), ...(captureId ? { captureId } : {}) };
  const { resource, reload } = useResource(() => api.evidenceItems(query), JSON.stringify(query));
  return (
    <>
      <PageHeader title={t('evidence.title')} intro={t('evidence.intro')} />
      {(caseId || captureId) && (
        <p>
          {caseId ? t('evidence.ofCase', { caseId }) : t('evidence.ofCapture', { captureId })}{' '}
          <Link to="/evidence">{t('evidence.showAll')}</Link>
        </p>
      )}
      <section className="panel" aria-labelledby="evidence-list">
        <h2 id="evidence-list">{t('evidence.list')}</h2>
        {resource.status === 'loading' && <Loading />}
        {resource.status === 'failed' && <LoadFailed error={resource.error} onRetry={reload} />}
        {resource.status === 'ready' &&
          (resource.data.items.length === 0 ? (
            <p className="muted">{t('evidence.empty')}</p>
          ) : (
            <EvidenceTable items={resource.data.items} />
          ))}
      </section>
      {can('evidence:manage') && (
        <div className="panel-row">
          <CaptureForm caseId={caseId} initialUrl={search.get('url') ?? ''} onCaptured={reload} />
          <UploadForm caseId={caseId} />
        </div>
      )}
    </>
  );
}

function EvidenceTable({ items }: { items: readonly VaultItem[] }) {
  const { t, locale, formatDateTime } = useI18n();
  return (
    <div className="table-scroll">
      <table className="table-compact">
        <thead>
          <tr>
            <th scope="col">{t('evidence.fileName')}</th>
            <th scope="col">{t('evidence.source')}</th>
            <th scope="col">{t('evidence.capturedAt')}</th>
            <th scope="col">{t('evidence.size')}</th>
            <th scope="col">{t('common.status')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={item.id} data-testid="evidence-row">
              <th scope="row">
                <Link to={`/evidence/${encodeURIComponent(item.id)}`}>
                  <span className="user-text">{item.fileName}</span>
                </Link>
                <span className="cell-secondary">
                  {t(`evidence.role.${item.role}`)} · {item.mediaType}
                </span>
              </th>
              <td>
                {item.sourceUrl === null ? (
                  t('evidence.kind.upload')
                ) : (
                  <span className="user-text">{item.sourceUrl}</span>
                )}
              </td>
              <td>{formatDateTime(item.capturedAt)}</td>
              <td className="numeric">{byteSize(item.size, locale)}</td>
              <td>
                {item.purgedAt !== null && <Badge tone="neutral">{t('evidence.purged')}</Badge>}{' '}
                {item.legalHoldAt !== null && <Badge tone="warning">{t('evidence.onHold')}</Badge>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function CaptureForm({
  caseId,
  initialUrl,
  onCaptured,
}: {
  caseId: string;
  initialUrl: string;
  onCaptured(): void;
}) {
  const { t } = useI18n();
  const { api } = useSignedIn();
  const submit = useSubmit();
  const [captured, setCaptured] = useState<VaultItem[] | null>(null);
  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const url = String(form.get('url') ?? '').trim();
    const forCase = String(form.get('caseId') ?? '').trim();
    if (!url) {
      submit.setFieldCodes({ url: 'validation_failed' });
      return;
    }
    setCaptured(null);
    const ok = await submit.run(async () => {
      const { items } = await api.captureEvidence({ url, ...(forCase ? { caseId: forCase } : {}) });
      setCaptured(items);
    });
    if (ok) onCaptured();
  };
  return (
    <section className="panel" aria-labelledby="evidence-capture">
      <h2 id="evidence-capture">{t('evidence.capture')}</h2>
      <p className="field-hint">{t('evidence.captureHint')}</p>
      <form className="form-stack" noValidate onSubmit={(e) => void onSubmit(e)}>
        <TextField
          label={t('evidence.url')}
          name="url"
          type="url"
          defaultValue={initialUrl}
          error={submit.fieldCodes.url && errorText(t, { code: submit.fieldCodes.url })}
        />
        <TextField
          label={t('evidence.caseIdOptional')}
          name="caseId"
          defaultValue={caseId}
          error={submit.fieldCodes.caseId && errorText(t, { code: submit.fieldCodes.caseId })}
        />
        {submit.formError !== null && <Notice tone="error">{errorText(t, submit.formError)}</Notice>}
        {submit.busy && (
          <p className="muted" role="status">
            {t('evidence.capturing')}
          </p>
        )}
        {captured && (
          <Notice tone="success">
            <p>{t('evidence.captured', { count: captured.length })}</p>
            {captured[0] && (
              <Link to={`/evidence?captureId=${encodeURIComponent(captured[0].captureId)}`}>
                {t('evidence.showCapture')}
              </Link>
            )}
          </Notice>
        )}
        <button type="submit" className="button button-primary" disabled={submit.busy}>
          {t('evidence.captureButton')}
        </button>
      </form>
    </section>
  );
}

function UploadForm({ caseId }: { caseId: string }) {
  const { t } = useI18n();
  const { api } = useSignedIn();
  const submit = useSubmit();
  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const file = form.get('file');
    const forCase = String(form.get('caseId') ?? '').trim();
    if (!(file instanceof File) || file.size === 0) {
      submit.setFieldCodes({ file: 'evidence_file_missing' });
      return;
    }
    let itemId = '';
    const ok = await submit.run(async () => {
      itemId = (await api.uploadEvidence(file, forCase || undefined)).item.id;
    });
    // The new item's page shows its hashes and the custody log's first entry.
    if (ok) navigate(`/evidence/${encodeURIComponent(itemId)}`);
  };
  return (
    <section className="panel" aria-labelledby="evidence-upload">
      <h2 id="evidence-upload">{t('evidence.upload')}</h2>
      <p className="field-hint">{t('evidence.uploadHint')}</p>
      <form className="form-stack" noValidate onSubmit={(e) => void onSubmit(e)}>
        <TextField
          label={t('evidence.file')}
          name="file"
          type="file"
          error={submit.fieldCodes.file && errorText(t, { code: submit.fieldCodes.file })}
        />
        <TextField
          label={t('evidence.caseIdOptional')}
          name="caseId"
          defaultValue={caseId}
          error={submit.fieldCodes.caseId && errorText(t, { code: submit.fieldCodes.caseId })}
        />
        {submit.formError !== null && <Notice tone="error">{errorText(t, submit.formError)}</Notice>}
        <button type="submit" className="button button-primary" disabled={submit.busy}>
          {t('evidence.uploadButton')}
        </button>
      </form>
    </section>
  );
}
