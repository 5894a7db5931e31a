import type { GatewayResponse } from '../http/gateway-response.js';
import type { GatewayContext } from '../pipeline/gateway-context.js';
import type { Endpoint } from '../providers/provider.js';

/**
 * A route of the gateway. Model routes (`endpoint` set) go through cost → resolve → validate →
 * provider; local routes (`handle` set) are answered by the gateway itself.
 */
export interface Route {
  readonly name: string;
  readonly method: 'GET' | 'POST';
  /** Paths relative to the mount; each also answers with a `/v1` prefix. */
  readonly paths: readonly string[];
  /** Answered without the master key. */
  readonly public?: boolean;
  /** Management routes: the master key or a proxy_admin virtual key only (403 admin_required). */
  readonly admin?: boolean;
  readonly endpoint?: Endpoint;
  handle?(context: GatewayContext): Promise<GatewayResponse> | GatewayResponse;
}
