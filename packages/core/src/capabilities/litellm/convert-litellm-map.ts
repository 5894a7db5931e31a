import type { CapabilityFile, ModelCapability } from '../../generated/capability.js';
import { convertLitellmEntry } from './convert-litellm-entry.js';

export interface LitellmProblem {
  /** The entry's key in the map. */
  readonly model: string;
  readonly message: string;
  /** True when the entry was left out; false when only one of its values was. */
  readonly skipped: boolean;
}

export interface LitellmConversion {
  /** A capability file, to be validated against capability.schema.json like any other source. */
  readonly file: CapabilityFile;
  readonly problems: LitellmProblem[];
}

/** Keys of the map that are not models: the documentation entry and LiteLLM's routing rules. */
const NOT_MODELS = new Set(['sample_spec', 'fallback_generalizations']);

/**
 * Converts LiteLLM's model_prices_and_context_window.json into a Switchyard capability file.
 * Pure: no I/O, no validation. One entry per map key (dated snapshots stay separate entries,
 * since the map prices them separately). Nothing in the map is fatal: what cannot be
 * converted is listed in `problems`.
 */
export function convertLitellmMap(map: unknown): LitellmConversion {
  const models: Record<string, ModelCapability> = {};
  const problems: LitellmProblem[] = [];
  if (typeof map !== 'object' || map === null || Array.isArray(map)) {
    problems.push({ model: '', message: 'skipped: a LiteLLM cost map must be a JSON object of model entries', skipped: true });
    return { file: { models }, problems };
  }
  for (const [model, entry] of Object.entries(map)) {
    if (NOT_MODELS.has(model)) continue;
    if (model.trim() === '') {
      problems.push({ model, message: 'skipped: empty model name', skipped: true });
      continue;
    }
    const capability = convertLitellmEntry(model, entry, (message, skipped) => problems.push({ model, message, skipped }));
    if (capability !== undefined) models[model] = capability;
  }
  return { file: { models }, problems };
}
