import type { GatewaySettings } from '../config/gateway-settings.js';
import type { ModelCapability } from '../generated/capability.js';
import type { ProviderPlugin } from '../providers/provider.js';
import { buildSnapshot } from './build-snapshot.js';
import type { CapabilitySnapshot } from './capability-snapshot.js';
import { collectCapabilityEntries } from './collect-capability-entries.js';
import { loadCapabilitySources } from './load-capability-sources.js';

/**
 * Holds the current capability snapshot. Requests read `current` once, at their start; a
 * reload builds a complete new snapshot (`build`) and installs it with one assignment (`swap`).
 */
export class CapabilityStore {
  #current: CapabilitySnapshot;
  readonly #settings: GatewaySettings;
  readonly #plugins: readonly ProviderPlugin[];

  /** Loads `settings.capabilitySources` (plugin files right after builtin) and builds snapshot 1. Throws on any invalid source. */
  constructor(settings: GatewaySettings, plugins: readonly ProviderPlugin[]) {
    this.#settings = settings;
    this.#plugins = plugins;
    const entries = collectCapabilityEntries(loadCapabilitySources(settings.capabilitySources, plugins));
    this.#current = buildSnapshot({ settings, entries, version: 1 });
  }

  get current(): CapabilitySnapshot {
    return this.#current;
  }

  get settings(): GatewaySettings {
    return this.#settings;
  }

  get plugins(): readonly ProviderPlugin[] {
    return this.#plugins;
  }

  /** The next snapshot for these entries (by model name), compiled but not installed. */
  build(entries: ReadonlyMap<string, ModelCapability>): CapabilitySnapshot {
    return buildSnapshot({ settings: this.#settings, entries, version: this.#current.version + 1 });
  }

  /** Installs a snapshot atomically; requests already running keep theirs. Returns the previous one. */
  swap(snapshot: CapabilitySnapshot): CapabilitySnapshot {
    const previous = this.#current;
    this.#current = snapshot;
    return previous;
  }
}
