import {
  createContext,
  useContext,
  useSyncExternalStore,
  type AnchorHTMLAttributes,
  type MouseEvent,
} from 'react';
import type { RouteParams } from './match.ts';
import { currentLocation, navigate, subscribeToLocation } from './history.ts';

export interface Location {
  pathname: string;
  search: URLSearchParams;
}

/** The current location; re-renders on every navigation. */
export function useLocation(): Location {
  const href = useSyncExternalStore(subscribeToLocation, currentLocation);
  const url = new URL(href, 'http://x');
  return { pathname: url.pathname, search: url.searchParams };
}

type LinkProps = AnchorHTMLAttributes<HTMLAnchorElement> & { to: string };

/** An ordinary link that navigates without a page load; modified clicks keep the browser's behaviour. */
export function Link({ to, onClick, ...rest }: LinkProps) {
  const handleClick = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (
      event.defaultPrevented ||
      event.button !== 0 ||
      event.metaKey ||
      event.ctrlKey ||
      event.shiftKey ||
      event.altKey
    )
      return;
    event.preventDefault();
    navigate(to);
  };
  return <a href={to} onClick={handleClick} {...rest} />;
}

/** The matched route's parameters (`/cases/:caseId` → `{ caseId }`), provided by the App. */
export const RouteParamsContext = createContext<RouteParams>({});

export function useParams(): RouteParams {
  return useContext(RouteParamsContext);
}
