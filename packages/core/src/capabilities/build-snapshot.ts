import type { Deployment } from '../config/deployment.js';
import type { GatewaySettings } from '../config/gateway-settings.js';
import type { ModelCapability } from '../generated/capability.js';
import type { CapabilitySnapshot, ModelTarget } from './capability-snapshot.js';
import { indexCapabilityEntries } from './collect-capability-entries.js';
import { createModelTarget } from './create-model-target.js';
import { resolveDeploymentCapability } from './resolve-deployment-capability.js';
import { compileWildcard, isWildcard } from './wildcard-pattern.js';
import { WildcardTargets, type WildcardRoute } from './wildcard-targets.js';

export interface BuildSnapshotOptions {
  readonly settings: GatewaySettings;
  /** Capability entries by their own name (aliases come from each entry), e.g. from collectCapabilityEntries. */
  readonly entries: ReadonlyMap<string, ModelCapability>;
  readonly version: number;
  /** Whether a provider plugin serves this prefix (default: every prefix). Unserved deployments are `skipped`. */
  readonly servesProvider?: (provider: string) => boolean;
}

/**
 * Joins deployments with capability entries and compiles their validators. Only configured
 * deployments are compiled, however many models the sources know; wildcard deployments are
 * compiled per concrete model when first requested. Throws (invalid_config) on an invalid
 * `model_info` override, before anything is swapped in.
 */
export function buildSnapshot(options: BuildSnapshotOptions): CapabilitySnapshot {
  const index = indexCapabilityEntries(options.entries);
  const servesProvider = options.servesProvider ?? (() => true);
  const targets = new Map<string, ModelTarget[]>();
  const patterns = new Map<string, Deployment[]>();
  const skipped = new Map<string, string>();
  const skippedPatterns = new Map<string, string>();
  for (const deployment of options.settings.deployments) {
    if (deployment.mockResponse === undefined && !servesProvider(deployment.provider)) {
      // Said to clients: the provider only, not the config path (the start-up log has that).
      const reason = `its provider "${deployment.provider}/" is not served by this gateway`;
      if (isWildcard(deployment.modelName)) skippedPatterns.set(deployment.modelName, reason);
      else skipped.set(deployment.modelName, reason);
      continue;
    }
    if (isWildcard(deployment.modelName)) {
      push(patterns, deployment.modelName, deployment);
      continue;
    }
    const resolved = resolveDeploymentCapability(deployment, index);
    push(targets, deployment.modelName, createModelTarget({ deployment, capability: resolved.capability, capabilityName: resolved.name, pricing: resolved.pricing }));
  }
  const routes: WildcardRoute[] = [...patterns].map(([pattern, deployments]) => ({ wildcard: compileWildcard(pattern), deployments }));
  for (const [pattern, reason] of skippedPatterns) {
    if (!patterns.has(pattern)) routes.push({ wildcard: compileWildcard(pattern), deployments: [], skipped: reason });
  }
  const wildcards = new WildcardTargets({ routes, index, servesProvider });
  // Without wildcards, a miss is a miss: no second lookup on the request path. A skipped exact
  // name never falls through to a catch-all `*`.
  const lookup =
    wildcards.size === 0
      ? (model: string) => targets.get(model)
      : (model: string) => targets.get(model) ?? (skipped.has(model) ? undefined : wildcards.lookup(model));
  const notServed = (model: string) => skipped.get(model) ?? (targets.has(model) ? undefined : wildcards.skippedReason(model));
  return { version: options.version, createdAt: new Date(), targets, wildcards, lookup, notServed, entries: index.entries, models: options.entries };
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
