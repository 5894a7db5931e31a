import type { GatewaySettings } from '../config/gateway-settings.js';
import type { ModelCapability } from '../generated/capability.js';
import type { ProviderPlugin } from '../providers/provider.js';
import type { CapabilitySnapshot } from './capability-snapshot.js';
import { buildSnapshot } from './build-snapshot.js';

/**
 * Holds the current capability snapshot. Requests read `current` once, at their start;
 * a reload builds a complete new snapshot and swaps it in with one assignment.
 */
export class CapabilityStore {
  #current: CapabilitySnapshot;
  readonly #settings: GatewaySettings;

  constructor(settings: GatewaySettings, _plugins: readonly ProviderPlugin[]) {
    this.#settings = settings;
    this.#current = buildSnapshot({ settings, entries: new Map<string, ModelCapability>(), version: 1 });
  }

  get current(): CapabilitySnapshot {
    return this.#current;
  }

  get settings(): GatewaySettings {
    return this.#settings;
  }
}
