import { GatewayError } from '../errors/gateway-error.js';
import { jsonResponse, type GatewayResponse } from '../http/gateway-response.js';
import type { Management } from '../keys/management/key-operations.js';
import { isAdmin } from '../keys/principal.js';
import type { GatewayContext } from '../pipeline/gateway-context.js';
import type { Route } from './route.js';

export interface ManagementRequest {
  readonly management: Management;
  readonly context: GatewayContext;
  /** The request's query string, parsed. */
  readonly query: URLSearchParams;
  /** The master key or a proxy_admin key. */
  readonly admin: boolean;
}

/**
 * A route of the management API (LiteLLM's paths). It needs virtual keys, which need a master
 * key; `admin` routes are refused by the auth stage to anyone but the master key or a
 * proxy_admin key. The store is opened on the first such call (creating the default SQLite file).
 */
export function managementRoute(
  options: {
    readonly name: string;
    readonly method: 'GET' | 'POST';
    readonly paths: readonly string[];
    readonly admin?: boolean;
  } & (
    | { readonly response?: false; /** The answer's JSON body (200). */ readonly run: (request: ManagementRequest) => Promise<unknown> }
    | { readonly response: true; /** The whole answer: a route with another content type. */ readonly run: (request: ManagementRequest) => Promise<GatewayResponse> }
  ),
): Route {
  return {
    name: options.name,
    method: options.method,
    paths: options.paths,
    admin: options.admin ?? true,
    async handle(context) {
      const system = context.services.keys;
      const principal = context.principal;
      if (system === undefined || principal === undefined) {
        throw new GatewayError('admin_required', 'The management API needs general_settings.master_key: without it the gateway has no virtual keys.');
      }
      const store = await system.open();
      const management: Management = { system, store, principal, now: system.clock() };
      const query = new URLSearchParams(context.request.query ?? '');
      const request: ManagementRequest = { management, context, query, admin: isAdmin(principal) };
      return options.response === true ? options.run(request) : jsonResponse(200, await options.run(request));
    },
  };
}
