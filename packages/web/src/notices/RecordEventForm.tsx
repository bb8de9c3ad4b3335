import { useState, type FormEvent } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { useSignedIn } from '../session/session.tsx';
import { Notice, SelectField, TextAreaField, TextField } from '../ui/components.tsx';
import { errorText } from '../ui/errors.ts';
import { useSubmit } from '../ui/useSubmit.ts';
import type { Notice as OutboundNotice } from './api.ts';
import {
  buildNoticeEvent,
  DECISION_OUTCOMES,
  ESCALATION_KINDS,
  eventFields,
  recordableTypes,
  suggestedRecipient,
  type EventField,
  type RecordableType,
} from './events.ts';
import { localDateTimeToEpoch } from './form.ts';

/**
 * Record what happened to a notice: the platform's acknowledgement, decision or statement of reasons,
 * a follow-up, an escalation (DSC complaint, out-of-court body, law enforcement such as PHAROS), a
 * reversal after escalation, a liveness result, a note, or closing it. "When" is when it happened
 * (e.g. the date on the platform's answer); empty means now.
 */
export function RecordEventForm({ notice, onRecorded }: { notice: OutboundNotice; onRecorded(): void }) {
  const { t } = useI18n();
  const { api } = useSignedIn();
  const submit = useSubmit();
  // Before sending, only notes can be added (the API refuses the rest).
  const available = notice.sentAt === null ? (['note'] as RecordableType[]) : recordableTypes;
  const [type, setType] = useState<RecordableType>(available[0] ?? 'note');
  const [values, setValues] = useState<Partial<Record<EventField, string>>>({});
  const [invalid, setInvalid] = useState<ReadonlySet<string>>(new Set());
  const [at, setAt] = useState('');
  const [recorded, setRecorded] = useState(false);

  const value = (field: EventField) => values[field] ?? '';
  const set = (field: EventField, next: string) => setValues((current) => ({ ...current, [field]: next }));
  const errorOf = (field: string) =>
    invalid.has(field)
      ? t('errors.validation_failed')
      : submit.fieldCodes[field]
        ? errorText(t, { code: submit.fieldCodes[field] })
        : undefined;

  const chooseType = (next: RecordableType) => {
    setType(next);
    setInvalid(new Set());
    setRecorded(false);
    setValues(
      next === 'escalated'
        ? { kind: ESCALATION_KINDS[0], recipient: suggestedRecipient[ESCALATION_KINDS[0]] }
        : next === 'liveness'
          ? { online: 'true' }
          : next === 'decision' || next === 'reversed'
            ? { outcome: DECISION_OUTCOMES[0], reversedOutcome: 'removed' }
            : {},
    );
  };

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setRecorded(false);
    const built = buildNoticeEvent(type, values);
    const when = localDateTimeToEpoch(at);
    const problems = new Set<string>('invalid' in built ? built.invalid : []);
    if (when !== undefined && !Number.isFinite(when)) problems.add('at');
    setInvalid(problems);
    if ('invalid' in built || problems.size > 0) return;
    const ok = await submit.run(async () => {
      await api.recordNoticeEvent(notice.id, {
        event: built.event,
        ...(when === undefined ? {} : { at: when }),
      });
    });
    if (ok) {
      chooseType(type);
      setAt('');
      setRecorded(true);
      onRecorded();
    }
  };

  const fields = eventFields[type];
  const outcomeSelect = (field: EventField, outcomes: readonly (typeof DECISION_OUTCOMES)[number][]) => (
    <SelectField
      key={field}
      label={t('noticeData.outcome')}
      value={value(field)}
      onChange={(e) => set(field, e.target.value)}
    >
      {outcomes.map((outcome) => (
        <option key={outcome} value={outcome}>
          {t(`outcome.${outcome}`)}
        </option>
      ))}
    </SelectField>
  );
  const input = (field: EventField) => {
    switch (field) {
      case 'outcome':
        return outcomeSelect(field, DECISION_OUTCOMES);
      case 'reversedOutcome':
        // Only a removal or a restriction can be reversed.
        return outcomeSelect(field, ['removed', 'restricted']);
      case 'kind':
        return (
          <SelectField
            key={field}
            label={t('noticeData.kind')}
            value={value(field)}
            onChange={(e) => {
              const kind = e.target.value as (typeof ESCALATION_KINDS)[number];
              setValues((current) => ({ ...current, kind, recipient: suggestedRecipient[kind] }));
            }}
          >
            {ESCALATION_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {t(`escalation.${kind}`)}
              </option>
            ))}
          </SelectField>
        );
      case 'online':
        return (
          <SelectField
            key={field}
            label={t('noticeData.online')}
            value={value(field)}
            onChange={(e) => set(field, e.target.value)}
          >
            <option value="true">{t('liveness.online')}</option>
            <option value="false">{t('liveness.gone')}</option>
          </SelectField>
        );
      case 'text':
      case 'requiredText':
        return (
          <TextAreaField
            key={field}
            label={field === 'text' ? t('recordEvent.textOptional') : t('recordEvent.text')}
            rows={4}
            value={value(field)}
            onChange={(e) => set(field, e.target.value)}
            error={errorOf(field)}
          />
        );
      default:
        return (
          <TextField
            key={field}
            label={t(`recordEvent.${field}`)}
            value={value(field)}
            onChange={(e) => set(field, e.target.value)}
            error={errorOf(field)}
            {...(field === 'httpStatus' ? { inputMode: 'numeric' as const } : {})}
          />
        );
    }
  };

  return (
    <section className="panel" aria-labelledby="record-event">
      <h2 id="record-event">{t('recordEvent.title')}</h2>
      <form className="form-stack" noValidate onSubmit={(e) => void onSubmit(e)}>
        <SelectField
          label={t('recordEvent.type')}
          value={type}
          onChange={(e) => chooseType(e.target.value as RecordableType)}
        >
          {available.map((value) => (
            <option key={value} value={value}>
              {t(`noticeEvent.${value}`)}
            </option>
          ))}
        </SelectField>
        {fields.map(input)}
        <TextField
          label={t('recordEvent.at')}
          hint={t('recordEvent.atHint')}
          type="datetime-local"
          value={at}
          onChange={(e) => setAt(e.target.value)}
          error={errorOf('at')}
        />
        {/* The API names event inputs `body.event.*`: only `at` has an input of the same name. */}
        {submit.error !== null && !submit.fieldCodes.at && (
          <Notice tone="error">{errorText(t, submit.error)}</Notice>
        )}
        {recorded && <Notice tone="success">{t('recordEvent.recorded')}</Notice>}
        <button type="submit" className="button button-primary" disabled={submit.busy}>
          {t('recordEvent.button')}
        </button>
      </form>
    </section>
  );
}
