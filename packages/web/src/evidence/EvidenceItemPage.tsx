import { useState, type FormEvent } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { evidenceSource } from '../protection/media-source.ts';
import { ProtectedMedia } from '../protection/ProtectedMedia.tsx';
import { Link, useParams } from '../router/router.tsx';
import { useSignedIn } from '../session/session.tsx';
import { Badge, LoadFailed, Loading, Notice, TextAreaField, TextField } from '../ui/components.tsx';
import { errorText } from '../ui/errors.ts';
import { PageHeader } from '../ui/PageHeader.tsx';
import { useResource } from '../ui/useResource.ts';
import { useSubmit } from '../ui/useSubmit.ts';
import { evidenceContentPath, readEvidenceText, type VaultItem } from './api.ts';
import { CustodySection, LivenessSection } from './CustodySection.tsx';
import { byteSize } from './labels.ts';
import { previewKind } from './preview.ts';
import './evidence.css';

/**
 * One evidence item: its Berkeley Protocol metadata and hashes, the chain of custody (re-walked by the
 * API), liveness re-checks, legal hold and retention, purge (with confirmation) and download. The
 * content is fetched only on request, since every read is logged in the custody chain as a view.
 */
export function EvidenceItemPage() {
  const { t } = useI18n();
  const { api, can } = useSignedIn();
  const { itemId = '' } = useParams();
  const { resource, reload, replace } = useResource(() => api.evidenceItem(itemId), itemId);
  const custody = useResource(() => api.evidenceCustody(itemId), itemId);
  const changed = (item: VaultItem) => {
    replace({ item });
    custody.reload();
  };
  if (resource.status === 'loading') return <Loading />;
  if (resource.status === 'failed') return <LoadFailed error={resource.error} onRetry={reload} />;
  const { item } = resource.data;
  return (
    <>
      <PageHeader
        title={t('evidence.itemTitle', { name: item.fileName })}
        intro={t(`evidence.role.${item.role}`)}
        actions={
          item.purgedAt === null && (
            <a
              className="button button-secondary"
              href={evidenceContentPath(item.id)}
              download={item.fileName}
              // The download is a view in the custody chain: re-read it once the browser has fetched it.
              onClick={() => window.setTimeout(custody.reload, 1500)}
            >
              {t('evidence.download')}
            </a>
          )
        }
      />
      <p className="case-badges">
        {item.legalHoldAt !== null && <Badge tone="warning">{t('evidence.onHold')}</Badge>}{' '}
        {item.purgedAt !== null && <Badge tone="neutral">{t('evidence.purged')}</Badge>}
      </p>
      <div className="case-grid">
        <div className="case-column">
          <MetadataSection item={item} />
          {item.purgedAt === null && <PreviewSection item={item} onViewed={custody.reload} />}
          <CustodySection custody={custody.resource} onRetry={custody.reload} />
        </div>
        <div className="case-column">
          {item.kind === 'url-capture' && <LivenessSection itemId={item.id} />}
          {can('evidence:manage') && <HoldSection item={item} onChanged={changed} />}
          {can('evidence:manage') && item.purgedAt === null && (
            <PurgeSection item={item} onPurged={changed} />
          )}
          <p>
            <Link to="/evidence">{t('evidence.back')}</Link>
          </p>
        </div>
      </div>
    </>
  );
}

function MetadataSection({ item }: { item: VaultItem }) {
  const { t, locale, formatDateTime } = useI18n();
  const { can } = useSignedIn();
  return (
    <section className="panel" aria-labelledby="evidence-metadata">
      <h2 id="evidence-metadata">{t('evidence.metadata')}</h2>
      <dl className="details" data-testid="evidence-metadata">
        <dt>{t('evidence.fileName')}</dt>
        <dd className="user-text">{item.fileName}</dd>
        <dt>{t('evidence.kindLabel')}</dt>
        <dd>{t(`evidence.kind.${item.kind === 'upload' ? 'upload' : 'capture'}`)}</dd>
        <dt>{t('evidence.sourceUrl')}</dt>
        {/* Shown, never linked or fetched by the console. */}
        <dd className="user-text">{item.sourceUrl ?? '—'}</dd>
        <dt>{t('evidence.capturedAt')}</dt>
        <dd>{formatDateTime(item.capturedAt)}</dd>
        <dt>{t('evidence.capturedBy')}</dt>
        <dd>{item.capturedBy}</dd>
        <dt>{t('evidence.capturedFrom')}</dt>
        <dd>{item.capturedFrom}</dd>
        <dt>{t('evidence.tool')}</dt>
        <dd>
          {item.tool} {item.toolVersion}
        </dd>
        <dt>{t('evidence.mediaType')}</dt>
        <dd>{item.mediaType}</dd>
        <dt>{t('evidence.size')}</dt>
        <dd>{byteSize(item.size, locale)}</dd>
        <dt>SHA-256</dt>
        <dd>
          <code className="hash-value" data-testid="evidence-sha256">
            {item.sha256}
          </code>
        </dd>
        <dt>PDQ</dt>
        <dd>{item.pdq ? <code className="hash-value">{item.pdq}</code> : '—'}</dd>
        <dt>{t('evidence.captureId')}</dt>
        <dd>
          <Link to={`/evidence?captureId=${encodeURIComponent(item.captureId)}`}>{item.captureId}</Link>
        </dd>
        {item.caseId !== null && (
          <>
            <dt>{t('evidence.case')}</dt>
            <dd>
              {can('cases:read') ? (
                <Link to={`/cases/${encodeURIComponent(item.caseId)}`}>{item.caseId}</Link>
              ) : (
                item.caseId
              )}
            </dd>
          </>
        )}
        <dt>{t('evidence.retentionUntil')}</dt>
        <dd>{item.retentionUntil === null ? '—' : formatDateTime(item.retentionUntil)}</dd>
        {item.purgedAt !== null && (
          <>
            <dt>{t('evidence.purgedAt')}</dt>
            <dd>{formatDateTime(item.purgedAt)}</dd>
          </>
        )}
      </dl>
      <h3>{t('evidence.captureEnv')}</h3>
      <pre className="details-json evidence-json">{JSON.stringify(item.captureEnv, null, 2)}</pre>
    </section>
  );
}

const TEXT_PREVIEW_BYTES = 64 * 1024;

/**
 * The content: images and videos through moderator protection (the server's blurred variant until the
 * analyst reveals the original, which is logged as a view); text, on request and logged as a view, as
 * a text node of at most 64 kB (captured HTML shows as its source, never rendered); anything else
 * only by download.
 */
function PreviewSection({ item, onViewed }: { item: VaultItem; onViewed(): void }) {
  const { t } = useI18n();
  const kind = previewKind(item.mediaType);
  const [text, setText] = useState<
    { status: 'idle' | 'loading' } | { status: 'ready'; value: string } | { status: 'failed'; error: unknown }
  >({ status: 'idle' });
  if (kind === 'none') return null;
  const open = async () => {
    setText({ status: 'loading' });
    try {
      setText({ status: 'ready', value: await readEvidenceText(item.id, TEXT_PREVIEW_BYTES) });
    } catch (error) {
      setText({ status: 'failed', error });
    }
    onViewed();
  };
  return (
    <section className="panel" aria-labelledby="evidence-preview">
      <h2 id="evidence-preview">{t('evidence.preview')}</h2>
      {kind === 'media' ? (
        <ProtectedMedia id={item.id} source={evidenceSource(item.id)} label={item.fileName} labels={[]} />
      ) : text.status === 'idle' ? (
        <>
          <p className="field-hint">{t('evidence.previewHint')}</p>
          <button type="button" className="button button-secondary" onClick={() => void open()}>
            {t('evidence.showPreview')}
          </button>
        </>
      ) : text.status === 'ready' ? (
        <>
          {item.size > TEXT_PREVIEW_BYTES && <p className="muted">{t('evidence.previewTruncated')}</p>}
          <pre className="user-text evidence-text" data-testid="evidence-text">
            {text.value}
          </pre>
        </>
      ) : text.status === 'failed' ? (
        <Notice tone="error">{errorText(t, text.error)}</Notice>
      ) : (
        <Loading />
      )}
    </section>
  );
}

function HoldSection({ item, onChanged }: { item: VaultItem; onChanged(item: VaultItem): void }) {
  const { t } = useI18n();
  const { api } = useSignedIn();
  const submit = useSubmit();
  const [retention, setRetention] = useState(
    item.retentionUntil === null ? '' : new Date(item.retentionUntil).toISOString().slice(0, 10),
  );
  const held = item.legalHoldAt !== null;
  const toggle = () =>
    void submit.run(async () => onChanged((await api.setEvidenceHold(item.id, { legalHold: !held })).item));
  const saveRetention = (event: FormEvent) => {
    event.preventDefault();
    // A date means the end of that day in UTC; empty clears the retention date.
    const until = retention ? Date.parse(`${retention}T23:59:59.999Z`) : null;
    if (until !== null && !Number.isFinite(until)) {
      submit.setFieldCodes({ retentionUntil: 'validation_failed' });
      return;
    }
    void submit.run(async () =>
      onChanged((await api.setEvidenceHold(item.id, { retentionUntil: until })).item),
    );
  };
  return (
    <section className="panel" aria-labelledby="evidence-hold">
      <h2 id="evidence-hold">{t('evidence.legalHold')}</h2>
      <p>{held ? t('evidence.holdOn') : t('evidence.holdOff')}</p>
      <button
        type="button"
        className="button button-secondary"
        aria-pressed={held}
        disabled={submit.busy}
        onClick={toggle}
      >
        {held ? t('evidence.releaseHold') : t('evidence.setHold')}
      </button>
      <form className="form-stack" noValidate onSubmit={saveRetention}>
        <TextField
          label={t('evidence.retentionUntil')}
          hint={t('evidence.retentionHint')}
          type="date"
          value={retention}
          onChange={(e) => setRetention(e.target.value)}
          error={submit.fieldCodes.retentionUntil && errorText(t, { code: submit.fieldCodes.retentionUntil })}
        />
        <button type="submit" className="button button-secondary" disabled={submit.busy}>
          {t('evidence.saveRetention')}
        </button>
      </form>
      {submit.formError !== null && <Notice tone="error">{errorText(t, submit.formError)}</Notice>}
    </section>
  );
}

function PurgeSection({ item, onPurged }: { item: VaultItem; onPurged(item: VaultItem): void }) {
  const { t } = useI18n();
  const { api } = useSignedIn();
  const submit = useSubmit();
  const [reason, setReason] = useState('');
  const [confirming, setConfirming] = useState(false);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!reason.trim()) {
      submit.setFieldCodes({ reason: 'validation_failed' });
      return;
    }
    setConfirming(true);
  };
  const purge = () =>
    void submit
      .run(async () => onPurged((await api.purgeEvidence(item.id, reason.trim())).item))
      .then(() => setConfirming(false));
  return (
    <section className="panel" aria-labelledby="evidence-purge">
      <h2 id="evidence-purge">{t('evidence.purge')}</h2>
      <p className="field-hint">{t('evidence.purgeHint')}</p>
      <form className="form-stack" noValidate onSubmit={onSubmit}>
        <TextAreaField
          label={t('evidence.purgeReason')}
          rows={2}
          value={reason}
          onChange={(e) => {
            setReason(e.target.value);
            setConfirming(false);
          }}
          error={submit.fieldCodes.reason && errorText(t, { code: submit.fieldCodes.reason })}
        />
        {confirming ? (
          <div className="confirm" role="group" aria-label={t('evidence.confirmPurge')}>
            <span>{t('evidence.confirmPurge')}</span>
            <button
              type="button"
              className="button button-danger button-small"
              disabled={submit.busy}
              onClick={purge}
            >
              {t('evidence.purgeConfirmButton')}
            </button>
            <button
              type="button"
              className="button button-quiet button-small"
              onClick={() => setConfirming(false)}
            >
              {t('common.cancel')}
            </button>
          </div>
        ) : (
          <button type="submit" className="button button-danger-quiet" disabled={item.legalHoldAt !== null}>
            {t('evidence.purgeButton')}
          </button>
        )}
        {item.legalHoldAt !== null && <p className="field-hint">{t('evidence.purgeHeld')}</p>}
        {submit.formError !== null && <Notice tone="error">{errorText(t, submit.formError)}</Notice>}
      </form>
    </section>
  );
}
