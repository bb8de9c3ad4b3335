import { lazy, Suspense, type ComponentType } from 'react';
import { Loading } from './components.tsx';

/**
 * A screen whose code is its own chunk, fetched on the first visit (keeps the main bundle small);
 * "Loading…" shows meanwhile.
 */
export function lazyPage(load: () => Promise<ComponentType>): ComponentType {
  const Page = lazy(async () => ({ default: await load() }));
  return function LazyPage() {
    return (
      <Suspense fallback={<Loading />}>
        <Page />
      </Suspense>
    );
  };
}
