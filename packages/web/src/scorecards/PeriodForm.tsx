import { useState, type FormEvent } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { TextField } from '../ui/components.tsx';
import type { Period } from './api.ts';
import { periodFromDates } from './format.ts';

/** The sending-time window of a scorecard, as two whole UTC days (both included). */
export function PeriodForm({ onApply }: { onApply(period: Period): void }) {
  const { t } = useI18n();
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [invalid, setInvalid] = useState(false);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const period = periodFromDates(from, to);
    const reversed = period.from !== undefined && period.to !== undefined && period.from >= period.to;
    setInvalid(reversed);
    if (!reversed) onApply(period);
  };

  return (
    <form className="filter-bar" onSubmit={onSubmit} noValidate aria-label={t('scorecards.periodLabel')}>
      <TextField
        type="date"
        label={t('scorecards.from')}
        name="from"
        value={from}
        onChange={(event) => setFrom(event.target.value)}
      />
      <TextField
        type="date"
        label={t('scorecards.to')}
        name="to"
        value={to}
        onChange={(event) => setTo(event.target.value)}
        error={invalid ? t('scorecards.periodInvalid') : undefined}
      />
      <div>
        <button type="submit" className="button button-secondary">
          {t('scorecards.apply')}
        </button>
      </div>
    </form>
  );
}
