import type { GatewaySettings } from '../config/gateway-settings.js';
import type { ModelCapability } from '../generated/capability.js';
import type { CapabilitySnapshot, ModelTarget } from './capability-snapshot.js';
import { indexCapabilityEntries } from './collect-capability-entries.js';
import { createModelTarget } from './create-model-target.js';
import { resolveDeploymentCapability } from './resolve-deployment-capability.js';

export interface BuildSnapshotOptions {
  readonly settings: GatewaySettings;
  /** Capability entries by their own name (aliases come from each entry), e.g. from collectCapabilityEntries. */
  readonly entries: ReadonlyMap<string, ModelCapability>;
  readonly version: number;
}

/**
 * Joins deployments with capability entries and compiles their validators. Only configured
 * deployments are compiled, however many models the sources know. Throws (invalid_config) on
 * an invalid `model_info` override, before anything is swapped in.
 */
export function buildSnapshot(options: BuildSnapshotOptions): CapabilitySnapshot {
  const index = indexCapabilityEntries(options.entries);
  const targets = new Map<string, ModelTarget[]>();
  for (const deployment of options.settings.deployments) {
    const resolved = resolveDeploymentCapability(deployment, index);
    const target = createModelTarget({ deployment, capability: resolved.capability, capabilityName: resolved.name, pricing: resolved.pricing });
    const list = targets.get(deployment.modelName);
    if (list) list.push(target);
    else targets.set(deployment.modelName, [target]);
  }
  return { version: options.version, createdAt: new Date(), targets, entries: index.entries, models: options.entries };
}
