import { healthRoute, livenessRoute, readinessRoute } from './health-routes.js';
import type { Route } from './route.js';
import { capabilitiesStatusRoute } from './capabilities-status-route.js';
import { healthDeploymentsRoute } from './health-deployments-route.js';
import { modelInfoRoute } from './model-info-route.js';
import { countTokensRoute, messagesRoute } from './messages-routes.js';
import { listModelsRoute, retrieveModelRoute } from './models-routes.js';
import { reloadConfigRoute } from './reload-config-route.js';
import { reloadRoute } from './reload-route.js';
import { KEY_ROUTES } from './key-routes.js';
import { SPEND_ROUTES } from './spend-routes.js';
import { TEAM_ROUTES } from './team-routes.js';
import { USER_ROUTES } from './user-routes.js';

/** Every route the gateway answers, relative to its mount. Each also answers under `/v1`. */
export const GATEWAY_ROUTES: readonly Route[] = [
  { name: 'chat.completions', method: 'POST', paths: ['/chat/completions'], endpoint: 'chat.completions' },
  { name: 'responses', method: 'POST', paths: ['/responses'], endpoint: 'responses' },
  { name: 'embeddings', method: 'POST', paths: ['/embeddings'], endpoint: 'embeddings' },
  messagesRoute,
  countTokensRoute,
  listModelsRoute,
  retrieveModelRoute,
  livenessRoute,
  readinessRoute,
  healthRoute,
  healthDeploymentsRoute,
  modelInfoRoute,
  reloadRoute,
  reloadConfigRoute,
  ...KEY_ROUTES,
  ...TEAM_ROUTES,
  ...USER_ROUTES,
  ...SPEND_ROUTES,
  capabilitiesStatusRoute,
];
