import { useState } from 'react';
import { ApiError } from '../api/client.ts';

/**
 * Runs a form's action and keeps what forms show: busy while it runs, then either the error (with
 * per-input codes from the API's `field`/`issues`) or nothing.
 */
export function useSubmit() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [fieldCodes, setFieldCodes] = useState<Record<string, string>>({});

  async function run(action: () => Promise<void>): Promise<boolean> {
    setBusy(true);
    setError(null);
    setFieldCodes({});
    try {
      await action();
      return true;
    } catch (caught) {
      const codes = caught instanceof ApiError ? caught.fieldCodes() : {};
      setFieldCodes(codes);
      setError(caught);
      return false;
    } finally {
      setBusy(false);
    }
  }

  // A field error is shown beside its input; only the others need the form-level notice.
  const formError = Object.keys(fieldCodes).length === 0 ? error : null;
  return { busy, error, formError, fieldCodes, run, setFieldCodes };
}
