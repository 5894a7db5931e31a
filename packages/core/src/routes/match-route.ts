import { GatewayError } from '../errors/gateway-error.js';
import { clip } from '../errors/quote-client-value.js';
import type { Route } from './route.js';

export type RouteMatcher = (method: string, path: string) => Route;

/**
 * Builds the path table once. Each path answers with and without `/v1`; a trailing slash is
 * ignored. A path ending in `/*` matches anything non-empty below it (exact paths win). An
 * unknown path is a 404 and a known path with another method a 405, both JSON.
 */
export function createRouteMatcher(routes: readonly Route[]): RouteMatcher {
  const table = new Map<string, Map<string, Route>>();
  const prefixes: [string, Map<string, Route>][] = [];
  for (const route of routes) {
    for (const path of route.paths) {
      for (const variant of [path, `/v1${path}`]) {
        const prefix = variant.endsWith('/*') ? variant.slice(0, -1) : undefined;
        let byMethod = prefix === undefined ? table.get(variant) : prefixes.find(([known]) => known === prefix)?.[1];
        if (!byMethod) {
          byMethod = new Map();
          if (prefix === undefined) table.set(variant, byMethod);
          else prefixes.push([prefix, byMethod]);
        }
        byMethod.set(route.method, route);
      }
    }
  }
  const lookup = (path: string) =>
    table.get(path) ?? prefixes.find(([prefix]) => path.length > prefix.length && path.startsWith(prefix))?.[1];
  return (method, path) => {
    const normalized = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
    const byMethod = lookup(normalized);
    if (!byMethod) throw new GatewayError('not_found', `Unknown route ${clip(method)} ${clip(path)}.`);
    const route = byMethod.get(method === 'HEAD' ? 'GET' : method);
    if (!route) {
      const allow = [...byMethod.keys()].join(', ');
      throw new GatewayError('method_not_allowed', `${clip(method)} is not allowed on ${clip(path)}; use ${allow}.`, { headers: { allow } });
    }
    return route;
  };
}
