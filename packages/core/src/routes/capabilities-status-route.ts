import { jsonResponse } from '../http/gateway-response.js';
import type { Route } from './route.js';

/**
 * `GET /capabilities/status` (the master key or a proxy_admin key): what the admin UI shows beside the Reload Model Cost
 * Map button — the snapshot in force, its sources, the last reload (when, and what it changed or
 * why it was refused), the periodic reload schedule, and whether `POST /reload/config` can work
 * (the gateway was started from a config file).
 */
export const capabilitiesStatusRoute: Route = {
  name: 'capabilities.status',
  method: 'GET',
  paths: ['/capabilities/status'],
  admin: true,
  handle: ({ snapshot, services }) => {
    const { settings, capabilities } = services;
    const last = capabilities.lastReload;
    const interval = settings.reloadIntervalSeconds;
    const watched = settings.capabilitySources.filter((source) => source.kind === 'file' && source.watch).map((source) => (source.kind === 'file' ? source.path : ''));
    return jsonResponse(200, {
      version: snapshot.version,
      snapshot_created_at: snapshot.createdAt.toISOString(),
      models: snapshot.models.size,
      deployments: [...snapshot.targets.values()].reduce((count, targets) => count + targets.length, 0),
      sources: settings.capabilitySources.map((source) => (source.kind === 'builtin' ? 'builtin' : source.kind === 'file' ? source.path : source.url)),
      reload_interval_seconds: interval > 0 ? interval : null,
      next_reload_after: interval > 0 && last !== undefined ? new Date(last.at.getTime() + interval * 1000).toISOString() : null,
      watched_files: watched,
      last_reload:
        last === undefined
          ? null
          : {
              at: last.at.toISOString(),
              ok: last.ok,
              error: last.error ?? null,
              added: last.summary?.models.added.length ?? null,
              removed: last.summary?.models.removed.length ?? null,
              changed: last.summary?.models.changed.length ?? null,
            },
      config_reload_available: services.configReloadAvailable,
    });
  },
};
