import { useState, type ReactNode } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { errorText } from './errors.ts';
import { LoadFailed, Loading, Notice, SecretReveal } from './components.tsx';
import type { Resource } from './useResource.ts';

/** What a row action reports back to the list: shown above it, then the list reloads. */
export interface ChangeNotice {
  tone: 'success' | 'error';
  text: string;
}

/**
 * A loaded list with the outcome of the last change made from it: loading, failed (with retry), or the
 * list itself, which gets `onChanged` to report a change.
 */
export function ResourceView<T>({
  resource,
  reload,
  children,
}: {
  resource: Resource<T>;
  reload(): void;
  children(data: T, onChanged: (notice: ChangeNotice) => void): ReactNode;
}) {
  const [notice, setNotice] = useState<ChangeNotice | null>(null);
  return (
    <>
      {notice && <Notice tone={notice.tone}>{notice.text}</Notice>}
      {resource.status === 'loading' && <Loading />}
      {resource.status === 'failed' && <LoadFailed error={resource.error} onRetry={reload} />}
      {resource.status === 'ready' &&
        children(resource.data, (change) => {
          setNotice(change);
          reload();
        })}
    </>
  );
}

/**
 * Runs one row's action at a time: the row is busy meanwhile, and the outcome (the success text, or the
 * API's error in the user's language) goes to `onChanged`.
 */
export function useRowAction(onChanged: (notice: ChangeNotice) => void) {
  const { t } = useI18n();
  const [busyId, setBusyId] = useState<string | null>(null);
  const run = async (rowId: string, action: () => Promise<unknown>, success: string) => {
    setBusyId(rowId);
    try {
      await action();
      onChanged({ tone: 'success', text: success });
    } catch (error) {
      onChanged({ tone: 'error', text: errorText(t, error) });
    } finally {
      setBusyId(null);
    }
  };
  return { busyId, run };
}

/** A secret shown once after it was created (an API key, a one-time password), until "Done". */
export function CreatedSecret({
  message,
  label,
  value,
  hint,
  onDone,
}: {
  message: string;
  label: string;
  value: string;
  hint: string;
  onDone(): void;
}) {
  const { t } = useI18n();
  return (
    <div className="stack">
      <Notice tone="success">{message}</Notice>
      <SecretReveal label={label} value={value} hint={hint} />
      <div>
        <button type="button" className="button button-secondary" onClick={onDone}>
          {t('common.done')}
        </button>
      </div>
    </div>
  );
}

/**
 * A row action that asks first: the button opens an inline question with the confirming action
 * (focused) and Cancel. Which row is asking is the list's state, so only one question shows at a time.
 */
export function ConfirmedAction({
  asking,
  busy,
  label,
  buttonLabel,
  question,
  confirmLabel,
  onAsk,
  onCancel,
  onConfirm,
}: {
  asking: boolean;
  busy: boolean;
  /** The button's text. */
  label: string;
  /** The button's accessible name, naming the row. */
  buttonLabel: string;
  question: string;
  confirmLabel: string;
  onAsk(): void;
  onCancel(): void;
  onConfirm(): void;
}) {
  const { t } = useI18n();
  if (!asking)
    return (
      <button
        type="button"
        className="button button-secondary button-small"
        aria-label={buttonLabel}
        onClick={onAsk}
      >
        {label}
      </button>
    );
  return (
    <div className="confirm" role="group" aria-label={question}>
      <span>{question}</span>
      <button
        type="button"
        className="button button-danger button-small"
        disabled={busy}
        onClick={onConfirm}
        autoFocus
      >
        {confirmLabel}
      </button>
      <button
        type="button"
        className="button button-secondary button-small"
        disabled={busy}
        onClick={onCancel}
      >
        {t('common.cancel')}
      </button>
    </div>
  );
}
