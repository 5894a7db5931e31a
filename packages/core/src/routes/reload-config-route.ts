import { jsonResponse } from '../http/gateway-response.js';
import type { Route } from './route.js';

/**
 * `POST /reload/config`: re-reads config.yaml and swaps the added, removed and changed
 * deployments in atomically (master key required, like every non-public route). Answers the
 * diff by deployment id; a config with any problem is a 422 listing them all, and the
 * deployments in force stay.
 */
export const reloadConfigRoute: Route = {
  name: 'reload.config',
  method: 'POST',
  paths: ['/reload/config'],
  admin: true,
  async handle({ services }) {
    const summary = await services.reloadConfig();
    const { added, removed, changed } = summary.deployments;
    return jsonResponse(200, {
      status: 'success',
      message: `Config reloaded: ${added.length} added, ${removed.length} removed, ${changed.length} changed.`,
      ...summary,
    });
  },
};
