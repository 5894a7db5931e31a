import type { Deployment } from '../config/deployment.js';
import { createRedactor, defaultRedactor, type Redactor } from './create-redactor.js';
import { urlSecrets } from './mask-url-credentials.js';

// Keyed by the deployment object: a config reload brings new deployments, and old ones go.
const redactors = new WeakMap<Deployment, Redactor>();

/**
 * The redactor that knows a deployment's own key (and its api_base's credentials), built on first use and kept for the
 * deployment's lifetime (never per request). Without a deployment: key-shaped tokens only.
 * A provider that sends a key the deployment does not hold (a fallback from the environment)
 * builds its own with `createRedactor({ secrets: [key] })`, once per deployment.
 */
export function deploymentRedactor(deployment: Deployment | undefined): Redactor {
  if (deployment === undefined) return defaultRedactor;
  let redactor = redactors.get(deployment);
  if (redactor === undefined) {
    redactor = createRedactor({ secrets: [deployment.apiKey?.reveal(), ...urlSecrets(deployment.apiBase)] });
    redactors.set(deployment, redactor);
  }
  return redactor;
}
