/**
 * Client-side navigation on the History API. `pushState` fires no event, so navigations made here
 * are announced with a custom event; the back and forward buttons fire `popstate`.
 */
const NAVIGATE_EVENT = 'vigie:navigate';

let navigations = 0;

/** How many client-side navigations happened since the page loaded (0 right after a load). */
export function navigationCount(): number {
  return navigations;
}

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  const current = window.location.pathname + window.location.search + window.location.hash;
  if (to === current) return;
  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  navigations++;
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
}

const countPopState = () => navigations++;
window.addEventListener('popstate', countPopState);

export function subscribeToLocation(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(NAVIGATE_EVENT, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(NAVIGATE_EVENT, onChange);
  };
}

/** Pathname plus query string: a stable primitive snapshot for `useSyncExternalStore`. */
export function currentLocation(): string {
  return window.location.pathname + window.location.search;
}
