import type { ModelCapability } from '../generated/capability.js';
import type { LoadedCapabilityFile } from './parse-capability-file.js';

/**
 * The seam every capability source goes through: validated files in source order → one entry
 * per model name. A later file replaces an earlier file's entry of the same name whole (and
 * moves it to the end, so later sources also win alias claims).
 */
export function collectCapabilityEntries(files: readonly LoadedCapabilityFile[]): Map<string, ModelCapability> {
  const models = new Map<string, ModelCapability>();
  for (const { file } of files) {
    for (const [name, entry] of Object.entries(file.models)) {
      models.delete(name);
      models.set(name, entry);
    }
  }
  return models;
}

export interface CapabilityIndex {
  /** Entries by name and alias. */
  readonly entries: ReadonlyMap<string, ModelCapability>;
  /** The entry name behind each name and alias. */
  readonly names: ReadonlyMap<string, string>;
}

/** Adds aliases to the lookup. A model's own name always wins over another model's alias. */
export function indexCapabilityEntries(models: ReadonlyMap<string, ModelCapability>): CapabilityIndex {
  const entries = new Map(models);
  const names = new Map<string, string>();
  for (const name of models.keys()) names.set(name, name);
  for (const [name, entry] of models) {
    for (const alias of entry.aliases ?? []) {
      if (models.has(alias)) continue;
      entries.set(alias, entry);
      names.set(alias, name);
    }
  }
  return { entries, names };
}
