import type { CapabilitySourceSpec } from '../config/gateway-settings.js';
import { GatewayError } from '../errors/gateway-error.js';
import type { ProviderPlugin } from '../providers/provider.js';
import { builtinCapabilityFiles } from './builtin-capability-files.js';
import { parseCapabilityFile, type LoadedCapabilityFile } from './parse-capability-file.js';
import { readCapabilityFile } from './read-capability-file.js';

/**
 * Reads every capability source in order (later ones override earlier ones per model). The
 * capability files of provider plugins load right after `builtin` (first when builtin is not
 * listed), so a user's own files still override them.
 */
export function loadCapabilitySources(
  sources: readonly CapabilitySourceSpec[],
  plugins: readonly ProviderPlugin[],
): LoadedCapabilityFile[] {
  const pluginFiles = plugins
    .filter((plugin) => plugin.capabilities !== undefined)
    .map((plugin) => parseCapabilityFile(plugin.capabilities, `of provider plugin ${plugin.name}`));
  const files: LoadedCapabilityFile[] = sources.some((source) => source.kind === 'builtin') ? [] : [...pluginFiles];
  for (const source of sources) {
    files.push(...readCapabilitySource(source));
    if (source.kind === 'builtin') files.push(...pluginFiles);
  }
  return files;
}

/** One source. URL sources and the LiteLLM format arrive with capability reload (issue 4). */
export function readCapabilitySource(source: CapabilitySourceSpec): readonly LoadedCapabilityFile[] {
  switch (source.kind) {
    case 'builtin':
      return builtinCapabilityFiles();
    case 'file':
      if (source.format === 'litellm') throw notYet(`the litellm format (${source.path})`);
      return [readCapabilityFile(source.path)];
    case 'url':
      throw notYet(`URL sources (${source.url})`);
  }
}

function notYet(what: string): GatewayError {
  return new GatewayError('invalid_config', `Invalid config: capabilities.sources: ${what} cannot be loaded by this version of Switchyard.`);
}
