import { GatewayError } from '../errors/gateway-error.js';
import type { CapabilityFields, ModelCapability } from '../generated/capability.js';
import { builtinCapabilityFiles } from './builtin-capability-files.js';
import { rememberCapabilitySource } from './capability-source-of.js';
import { mergeCapability } from './merge-capability.js';
import type { LoadedCapabilityFile } from './parse-capability-file.js';

/**
 * The seam every capability source goes through: validated files in source order → one
 * complete entry per model name, families resolved.
 *
 * Layering: a later file's entry of a name an earlier file described is laid over the earlier
 * one field by field (objects key by key, lists whole), so a LiteLLM map listed after
 * `builtin` updates prices and limits without dropping the curated rules, param defaults or
 * token_param. The entry moves to the end, so later sources also win alias claims. An
 * imported (LiteLLM) file's `extends` is a guess and never replaces an earlier file's.
 *
 * Feature gates: an entry no curated (Switchyard-format) source describes gets
 * `enforce_features: false` unless it states the field.
 *
 * Families: the builtin files' families are always known (they describe how an API family
 * behaves, not a model), then every file's, in source order, each laid over the one of the
 * same name. An entry's family is resolved after layering: family first, entry over it.
 * Throws invalid_capabilities on an unknown or circular family, or an entry that ends up
 * without provider or mode.
 */
export function collectCapabilityEntries(files: readonly LoadedCapabilityFile[]): Map<string, ModelCapability> {
  const families = new Map<string, CapabilityFields>();
  for (const { file } of [...builtinCapabilityFiles(), ...files]) {
    for (const [name, family] of Object.entries(file.families ?? {})) {
      const previous = families.get(name);
      families.set(name, previous === undefined ? family : mergeCapability(previous, family));
    }
  }
  const layered = new Map<string, { entry: CapabilityFields; source: string; curated: boolean }>();
  for (const { file, source, imported } of files) {
    for (const [name, entry] of Object.entries(file.models)) {
      const previous = layered.get(name);
      const curated = imported !== true || previous?.curated === true;
      let next = entry;
      if (previous !== undefined) {
        next = mergeCapability(previous.entry, entry);
        if (imported === true && previous.entry.extends !== undefined) next = { ...next, extends: previous.entry.extends };
      }
      layered.delete(name);
      layered.set(name, { entry: next, source, curated });
    }
  }
  const resolveFamily = familyResolver(families);
  const models = new Map<string, ModelCapability>();
  for (const [name, { entry: layeredEntry, source, curated }] of layered) {
    // Imported data is sometimes wrong: its features describe, they do not refuse, unless a source says so.
    const entry = curated || layeredEntry.enforce_features !== undefined ? layeredEntry : { ...layeredEntry, enforce_features: false };
    const resolved = entry.extends === undefined ? entry : mergeCapability(withoutDescription(resolveFamily(entry.extends, `models["${name}"] of ${source}`)), entry);
    if (resolved.provider === undefined || resolved.mode === undefined) {
      throw new GatewayError('invalid_capabilities', `Invalid capability file ${source}: models["${name}"] has no ${resolved.provider === undefined ? 'provider' : 'mode'} (state it, or extend a family that does).`);
    }
    rememberCapabilitySource(resolved as ModelCapability, source);
    models.set(name, resolved as ModelCapability);
  }
  return models;
}

/** A family's description describes the family, not the model. */
function withoutDescription(family: CapabilityFields): CapabilityFields {
  if (family.description === undefined) return family;
  const { description: _description, ...rest } = family;
  return rest;
}

/** A family with its own `extends` chain resolved, memoised; the family keeps its own name in `extends`. */
function familyResolver(families: ReadonlyMap<string, CapabilityFields>): (name: string, where: string) => CapabilityFields {
  const resolved = new Map<string, CapabilityFields>();
  const resolve = (name: string, where: string, seen: readonly string[]): CapabilityFields => {
    const done = resolved.get(name);
    if (done !== undefined) return done;
    const family = families.get(name);
    if (family === undefined) {
      throw new GatewayError('invalid_capabilities', `Invalid capability file: ${where} extends ${JSON.stringify(name)}, which no capability source defines (known families: ${[...families.keys()].join(', ')}).`);
    }
    if (seen.includes(name)) throw new GatewayError('invalid_capabilities', `Invalid capability families: ${[...seen, name].join(' → ')} is circular.`);
    const parent = family.extends === undefined ? undefined : resolve(family.extends, `family ${JSON.stringify(name)}`, [...seen, name]);
    const result = parent === undefined ? family : mergeCapability(parent, family);
    resolved.set(name, result);
    return result;
  };
  return (name, where) => resolve(name, where, []);
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
