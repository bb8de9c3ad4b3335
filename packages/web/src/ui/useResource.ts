import { useCallback, useEffect, useState } from 'react';

export type Resource<T> =
  { status: 'loading' } | { status: 'failed'; error: unknown } | { status: 'ready'; data: T };

/**
 * Loads data for a screen and reloads it when `key` changes or `reload()` is called. An answer that
 * arrives after a newer request started is dropped, so a slow old page never overwrites a new one.
 */
export function useResource<T>(
  load: () => Promise<T>,
  key: string,
): { resource: Resource<T>; reload(): void; replace(data: T): void } {
  const [resource, setResource] = useState<Resource<T>>({ status: 'loading' });
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    let current = true;
    load().then(
      (data) => current && setResource({ status: 'ready', data }),
      (error: unknown) => current && setResource({ status: 'failed', error }),
    );
    return () => {
      current = false;
    };
    // `load` is a fresh closure every render; `key` says when it asks for something else.
  }, [key, generation]);

  const reload = useCallback(() => setGeneration((n) => n + 1), []);
  const replace = useCallback((data: T) => setResource({ status: 'ready', data }), []);
  return { resource, reload, replace };
}
