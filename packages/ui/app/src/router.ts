import { useEffect, useState } from 'preact/hooks';

/**
 * Pages live in the URL's hash (`#/models`), so every page is one file on the server,
 * whatever path the gateway is mounted at, and a reload keeps the page.
 */
export function useHashRoute(fallback: string): string {
  const [route, setRoute] = useState(() => routeOf(location.hash, fallback));
  useEffect(() => {
    const changed = () => setRoute(routeOf(location.hash, fallback));
    addEventListener('hashchange', changed);
    return () => removeEventListener('hashchange', changed);
  }, [fallback]);
  return route;
}

function routeOf(hash: string, fallback: string): string {
  const route = hash.replace(/^#\/?/, '').split('?')[0] ?? '';
  return route === '' ? fallback : route;
}
