import { GatewayError } from '../errors/gateway-error.js';
import { generate, info, list, regenerate, remove, setBlocked, update } from '../keys/management/key-operations.js';
import { managementRoute } from './management-route.js';
import type { Route } from './route.js';

/** LiteLLM's /key/* routes: generate (the plaintext is in that answer only), info, update, delete, regenerate, list, block, unblock. */
export const KEY_ROUTES: readonly Route[] = [
  managementRoute({ name: 'key.generate', method: 'POST', paths: ['/key/generate'], run: ({ management, context }) => generate(management, context.body) }),
  managementRoute({ name: 'key.info', method: 'GET', paths: ['/key/info'], admin: false, run: ({ management, query, admin }) => info(management, query, admin) }),
  managementRoute({ name: 'key.update', method: 'POST', paths: ['/key/update'], run: ({ management, context }) => update(management, context.body) }),
  managementRoute({ name: 'key.delete', method: 'POST', paths: ['/key/delete'], run: ({ management, context }) => remove(management, context.body) }),
  managementRoute({ name: 'key.regenerate', method: 'POST', paths: ['/key/regenerate'], run: ({ management, context }) => regenerate(management, context.body, undefined) }),
  // LiteLLM's other spelling: POST /key/{key}/regenerate.
  managementRoute({
    name: 'key.regenerate.path',
    method: 'POST',
    paths: ['/key/*'],
    run: ({ management, context }) => {
      const match = /^(?:\/v1)?\/key\/([^/]+)\/regenerate\/?$/.exec(context.request.path);
      if (match === null) throw new GatewayError('not_found', 'Unknown route.');
      return regenerate(management, context.body, decodeURIComponent(match[1]!));
    },
  }),
  managementRoute({ name: 'key.list', method: 'GET', paths: ['/key/list'], run: ({ management, query }) => list(management, query) }),
  managementRoute({ name: 'key.block', method: 'POST', paths: ['/key/block'], run: ({ management, context }) => setBlocked(management, context.body, true) }),
  managementRoute({ name: 'key.unblock', method: 'POST', paths: ['/key/unblock'], run: ({ management, context }) => setBlocked(management, context.body, false) }),
];
