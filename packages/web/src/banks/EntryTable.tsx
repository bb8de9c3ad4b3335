import { Fragment, useState } from 'react';
import type { BankEntry } from '../api/types.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { useSignedIn } from '../session/session.tsx';
import { Badge, Notice, TextField } from '../ui/components.tsx';
import { errorText } from '../ui/errors.ts';
import { useSubmit } from '../ui/useSubmit.ts';

const statusTone = { active: 'success', retracted: 'neutral', false_positive: 'warning' } as const;
type Change = 'retract' | 'falsePositive';

/** Bank entries with provenance; active ones can be retracted or marked false positive, with a reason. */
export function EntryTable({
  entries,
  distances,
  onChanged,
}: {
  entries: readonly BankEntry[];
  distances?: readonly number[];
  onChanged(entry: BankEntry): void;
}) {
  const { t, formatDateTime } = useI18n();
  const { api, can } = useSignedIn();
  const submit = useSubmit();
  const [pending, setPending] = useState<{ entryId: string; change: Change } | null>(null);
  const [reason, setReason] = useState('');
  const canManage = can('banks:manage');

  const confirm = async () => {
    if (!pending || !reason.trim()) return;
    await submit.run(async () => {
      const call = pending.change === 'retract' ? api.retractEntry : api.markFalsePositive;
      const { entry } = await call(pending.entryId, reason.trim());
      setPending(null);
      setReason('');
      onChanged(entry);
    });
  };

  return (
    <div className="table-scroll">
      <table className="table-compact">
        <thead>
          <tr>
            <th scope="col">{t('banks.signalType')}</th>
            <th scope="col">{t('banks.hashValue')}</th>
            {distances && <th scope="col">{t('case.distance')}</th>}
            <th scope="col">{t('banks.labels')}</th>
            <th scope="col">{t('banks.provenance')}</th>
            <th scope="col">{t('common.status')}</th>
            {canManage && <th scope="col">{t('common.actions')}</th>}
          </tr>
        </thead>
        <tbody>
          {entries.map((entry, index) => (
            <Fragment key={entry.id}>
              <tr>
                <td>{entry.signalType}</td>
                <th scope="row">
                  <code className="hash-value">{entry.value}</code>
                </th>
                {distances && <td className="numeric">{distances[index]}</td>}
                <td>{entry.labels.join(', ') || '—'}</td>
                <td>
                  {entry.provenance.source}
                  {entry.provenance.sourceId && ` (${entry.provenance.sourceId})`} ·{' '}
                  {formatDateTime(entry.provenance.addedAt)}
                </td>
                <td>
                  <Badge tone={statusTone[entry.status]}>{t(`banks.status.${entry.status}`)}</Badge>
                  {entry.statusReason && <span className="muted user-text"> {entry.statusReason}</span>}
                </td>
                {canManage && (
                  <td className="nowrap">
                    {entry.status === 'active' && (
                      <>
                        <button
                          type="button"
                          className="button button-secondary button-small"
                          onClick={() => setPending({ entryId: entry.id, change: 'retract' })}
                        >
                          {t('banks.retract')}
                        </button>{' '}
                        <button
                          type="button"
                          className="button button-quiet button-small"
                          onClick={() => setPending({ entryId: entry.id, change: 'falsePositive' })}
                        >
                          {t('banks.falsePositive')}
                        </button>
                      </>
                    )}
                  </td>
                )}
              </tr>
              {pending?.entryId === entry.id && (
                <tr>
                  <td colSpan={distances ? 7 : 6}>
                    <div className="inline-form">
                      <TextField
                        label={
                          pending.change === 'retract'
                            ? t('banks.retractReason')
                            : t('banks.falsePositiveReason')
                        }
                        value={reason}
                        onChange={(e) => setReason(e.target.value)}
                      />
                      <button
                        type="button"
                        className="button button-primary button-small"
                        disabled={submit.busy || !reason.trim()}
                        onClick={() => void confirm()}
                      >
                        {t('banks.confirm')}
                      </button>
                      <button
                        type="button"
                        className="button button-quiet button-small"
                        onClick={() => setPending(null)}
                      >
                        {t('common.cancel')}
                      </button>
                    </div>
                    {submit.error !== null && <Notice tone="error">{errorText(t, submit.error)}</Notice>}
                  </td>
                </tr>
              )}
            </Fragment>
          ))}
        </tbody>
      </table>
    </div>
  );
}
