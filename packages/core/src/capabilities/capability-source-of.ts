import type { ModelCapability } from '../generated/capability.js';

const sources = new WeakMap<ModelCapability, string>();

/** Remembers which source (`builtin`, a file path, a URL) laid the last layer of an entry. */
export function rememberCapabilitySource(entry: ModelCapability, source: string): void {
  sources.set(entry, source);
}

/** The source an entry of a snapshot's `models` came from (what `GET /model/info` reports). */
export function capabilitySourceOf(entry: ModelCapability | undefined): string | undefined {
  return entry === undefined ? undefined : sources.get(entry);
}
