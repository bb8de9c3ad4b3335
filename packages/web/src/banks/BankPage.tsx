import { useState, type FormEvent } from 'react';
import {
  entryStatuses,
  importFormats,
  type BankImportReport,
  type EntryStatus,
  type ImportFormat,
} from '../api/types.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { Link, useParams } from '../router/router.tsx';
import { useSignedIn } from '../session/session.tsx';
import { LoadFailed, Loading, Notice, SelectField, TextAreaField } from '../ui/components.tsx';
import { errorText } from '../ui/errors.ts';
import { PageHeader } from '../ui/PageHeader.tsx';
import { useResource } from '../ui/useResource.ts';
import { useSubmit } from '../ui/useSubmit.ts';
import { BankWebhooks } from './BankWebhooks.tsx';
import { EntryTable } from './EntryTable.tsx';

/**
 * One bank: its entries by status, import with a dry-run preview before anything is written, and the
 * webhooks that hear about its matches.
 */
export function BankPage() {
  const { t } = useI18n();
  const { api, can } = useSignedIn();
  const { bankId = '' } = useParams();
  const [status, setStatus] = useState<EntryStatus | ''>('');
  const bank = useResource(() => api.bank(bankId), bankId);
  const entries = useResource(
    () => api.bankEntries(bankId, { limit: 200, ...(status ? { status } : {}) }),
    `${bankId}:${status}`,
  );

  if (bank.resource.status === 'loading') return <Loading />;
  if (bank.resource.status === 'failed')
    return <LoadFailed error={bank.resource.error} onRetry={bank.reload} />;
  const { bank: info } = bank.resource.data;
  return (
    <>
      <PageHeader title={info.name} intro={info.description || undefined} />
      <p>
        <Link to="/banks">{t('banks.back')}</Link>
      </p>
      <section className="panel" aria-labelledby="bank-entries">
        <h2 id="bank-entries">{t('banks.entries')}</h2>
        <div className="filter-bar">
          <SelectField
            label={t('common.status')}
            value={status}
            onChange={(e) => setStatus(e.target.value as EntryStatus | '')}
          >
            <option value="">{t('queue.any')}</option>
            {entryStatuses.map((value) => (
              <option key={value} value={value}>
                {t(`banks.status.${value}`)}
              </option>
            ))}
          </SelectField>
        </div>
        {entries.resource.status === 'loading' && <Loading />}
        {entries.resource.status === 'failed' && (
          <LoadFailed error={entries.resource.error} onRetry={entries.reload} />
        )}
        {entries.resource.status === 'ready' &&
          (entries.resource.data.entries.length === 0 ? (
            <p className="muted">{t('banks.noEntries')}</p>
          ) : (
            <EntryTable entries={entries.resource.data.entries} onChanged={entries.reload} />
          ))}
      </section>
      {can('banks:manage') && <ImportForm bankId={bankId} onImported={entries.reload} />}
      {can('webhooks:manage') && <BankWebhooks bankId={bankId} />}
    </>
  );
}

function ImportForm({ bankId, onImported }: { bankId: string; onImported(): void }) {
  const { t } = useI18n();
  const { api } = useSignedIn();
  const submit = useSubmit();
  const [format, setFormat] = useState<ImportFormat>('csv');
  const [content, setContent] = useState('');
  const [skipInvalid, setSkipInvalid] = useState(false);
  const [preview, setPreview] = useState<{
    content: string;
    format: ImportFormat;
    skipInvalid: boolean;
    report: BankImportReport;
  } | null>(null);
  const [imported, setImported] = useState<BankImportReport | null>(null);
  // Import is offered only for exactly what was previewed.
  const previewFits =
    preview !== null &&
    preview.content === content &&
    preview.format === format &&
    preview.skipInvalid === skipInvalid;

  const onPreview = async (event: FormEvent) => {
    event.preventDefault();
    setImported(null);
    await submit.run(async () => {
      const { report } = await api.importEntries(bankId, { format, content, skipInvalid, dryRun: true });
      setPreview({ content, format, skipInvalid, report });
    });
  };
  const onImport = async () => {
    await submit.run(async () => {
      const { report } = await api.importEntries(bankId, { format, content, skipInvalid, dryRun: false });
      setImported(report);
      setPreview(null);
      onImported();
    });
  };

  return (
    <section className="panel" aria-labelledby="bank-import">
      <h2 id="bank-import">{t('banks.import')}</h2>
      <form className="form-stack" noValidate onSubmit={(e) => void onPreview(e)}>
        <SelectField
          label={t('banks.format')}
          value={format}
          onChange={(e) => setFormat(e.target.value as ImportFormat)}
        >
          {importFormats.map((value) => (
            <option key={value} value={value}>
              {value}
            </option>
          ))}
        </SelectField>
        <TextAreaField
          label={t('banks.importContent')}
          hint={t('banks.importHint')}
          rows={6}
          className="monospace"
          value={content}
          onChange={(e) => setContent(e.target.value)}
        />
        <label className="checkbox">
          <input type="checkbox" checked={skipInvalid} onChange={(e) => setSkipInvalid(e.target.checked)} />
          {t('banks.skipInvalid')}
        </label>
        {/* Import problems name lines of the file, not inputs: always shown here. */}
        {submit.error !== null && <Notice tone="error">{errorText(t, submit.error)}</Notice>}
        <div className="button-row">
          <button type="submit" className="button button-secondary" disabled={submit.busy || !content.trim()}>
            {t('banks.preview')}
          </button>
          <button
            type="button"
            className="button button-primary"
            disabled={submit.busy || !previewFits}
            onClick={() => void onImport()}
          >
            {t('banks.importButton')}
          </button>
        </div>
      </form>
      {preview && <ImportReportView report={preview.report} />}
      {imported && <Notice tone="success">{t('banks.imported', { count: imported.inserted })}</Notice>}
    </section>
  );
}

function ImportReportView({ report }: { report: BankImportReport }) {
  const { t } = useI18n();
  return (
    <div className="import-report" role="status" data-testid="import-preview">
      <p>
        {t('banks.previewSummary', {
          accepted: report.accepted,
          rejected: report.rejected.length,
          duplicates: report.duplicates.length,
          existing: report.alreadyInBank.length,
        })}
      </p>
      {report.rejected.length > 0 && (
        <ul>
          {report.rejected.slice(0, 50).map((line) => (
            <li key={`${line.line}-${line.field}`}>
              {t('banks.rejectedLine', { line: line.line, field: line.field })} <code>{line.code}</code>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
