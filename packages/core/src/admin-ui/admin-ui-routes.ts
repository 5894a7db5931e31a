import type { Logger } from '../logging/logger.js';
import type { Route } from '../routes/route.js';
import { createAdminUiRoute } from './admin-ui-route.js';
import { loadStaticFiles } from './static-files.js';

export interface AdminUiRouteOptions {
  /** The built UI's folder; undefined or false: no UI. */
  readonly directory: string | false | undefined;
  /** general_settings.disable_admin_ui. */
  readonly disabled: boolean;
  readonly logger: Logger;
}

/** The `ui/` route when a UI folder was given and not turned off; its files are read here, once. */
export function adminUiRoutes(options: AdminUiRouteOptions): Route[] {
  if (options.disabled || options.directory === undefined || options.directory === false) return [];
  const files = loadStaticFiles(options.directory);
  if (files === undefined) {
    options.logger.warn({}, `admin UI not served: ${options.directory} holds no built UI (run the install again, or set general_settings.disable_admin_ui)`);
    return [];
  }
  return [createAdminUiRoute(files)];
}
