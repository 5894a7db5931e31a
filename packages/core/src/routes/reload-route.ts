import { jsonResponse } from '../http/gateway-response.js';
import type { Route } from './route.js';

/**
 * LiteLLM's `POST /reload/model_cost_map`: re-reads every capability source and swaps the new
 * snapshot in (master key required, like every non-public route). Answers what changed; an
 * invalid source is a 422/502 naming it, and the capabilities in force stay. A body of
 * `{"force": true}` accepts a source that shrank to fewer than half its models.
 */
export const reloadRoute: Route = {
  name: 'reload.model_cost_map',
  method: 'POST',
  paths: ['/reload/model_cost_map'],
  admin: true,
  async handle({ services, body }) {
    const summary = await services.capabilities.reload({ force: body.force === true });
    const { added, removed, changed } = summary.models;
    return jsonResponse(200, {
      status: 'success',
      message: `Capabilities reloaded: ${added.length} added, ${removed.length} removed, ${changed.length} changed.`,
      ...summary,
    });
  },
};
