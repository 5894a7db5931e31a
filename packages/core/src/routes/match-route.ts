import { GatewayError } from '../errors/gateway-error.js';
import type { Route } from './route.js';

export type RouteMatcher = (method: string, path: string) => Route;

/**
 * Builds the path table once. Each path answers with and without `/v1`; a trailing slash is
 * ignored. An unknown path is a 404 and a known path with another method a 405, both JSON.
 */
export function createRouteMatcher(routes: readonly Route[]): RouteMatcher {
  const table = new Map<string, Map<string, Route>>();
  for (const route of routes) {
    for (const path of route.paths) {
      for (const variant of [path, `/v1${path}`]) {
        let byMethod = table.get(variant);
        if (!byMethod) table.set(variant, (byMethod = new Map()));
        byMethod.set(route.method, route);
      }
    }
  }
  return (method, path) => {
    const normalized = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
    const byMethod = table.get(normalized);
    if (!byMethod) throw new GatewayError('not_found', `Unknown route ${method} ${path}.`);
    const route = byMethod.get(method === 'HEAD' ? 'GET' : method);
    if (!route) {
      const allow = [...byMethod.keys()].join(', ');
      throw new GatewayError('method_not_allowed', `${method} is not allowed on ${path}; use ${allow}.`, { headers: { allow } });
    }
    return route;
  };
}
