import { englishMessages, type MessageKey } from '../i18n/catalogues.ts';
import type { I18n } from '../i18n/i18n.tsx';

/** The error's stable code: an `ApiError`'s, or the code a form recorded for one of its inputs. */
function codeOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : 'internal_error';
}

/** The translated sentence for an error; codes without a message of their own name themselves. */
export function errorText(t: I18n['t'], error: unknown): string {
  const code = codeOf(error);
  const key = `errors.${code}`;
  if (key in englishMessages) return t(key as MessageKey);
  const requestId = (error as { requestId?: unknown } | null)?.requestId;
  return t('errors.unknown', { code, requestId: typeof requestId === 'string' ? requestId : '—' });
}
