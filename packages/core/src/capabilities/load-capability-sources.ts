import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { CapabilitySourceSpec } from '../config/gateway-settings.js';
import { GatewayError, isGatewayError } from '../errors/gateway-error.js';
import type { ProviderPlugin } from '../providers/provider.js';
import { builtinCapabilityFiles } from './builtin-capability-files.js';
import type { CapabilityFormat } from './detect-capability-format.js';
import { fetchCapabilitySource, type FetchSourceOptions } from './fetch-capability-source.js';
import { parseCapabilityFile, type LoadedCapabilityFile } from './parse-capability-file.js';
import { parseCapabilitySource, parseCapabilitySourceAsync, type ParsedCapabilitySource } from './parse-capability-source.js';
import type { SourceProblem } from './reload-summary.js';

/** One configured source (or a provider plugin's file), read and validated. */
export interface LoadedSource {
  /** `builtin`, `provider plugin <name>`, a file path or a URL. */
  readonly source: string;
  readonly kind: 'builtin' | 'plugin' | 'file' | 'url';
  readonly format: CapabilityFormat;
  readonly files: readonly LoadedCapabilityFile[];
  readonly problems: readonly SourceProblem[];
  /** Entries the source defines. */
  readonly models: number;
}

/**
 * Start-up: reads builtin, plugin and file sources synchronously, so a gateway is usable the
 * moment it is built. URL sources are left out (`deferred`): they load asynchronously, with
 * everything else, in the first reload.
 */
export function loadCapabilitySourcesSync(
  sources: readonly CapabilitySourceSpec[],
  plugins: readonly ProviderPlugin[],
): { loaded: LoadedSource[]; deferred: boolean } {
  const read = (source: CapabilitySourceSpec): LoadedSource | undefined => {
    if (source.kind === 'builtin') return builtinSource();
    if (source.kind === 'url') return undefined;
    return fromParsed('file', parseCapabilitySource(readFileSyncOrThrow(source.path), { source: source.path, format: source.format }));
  };
  const loaded = arrange(sources, plugins, (source) => read(source));
  return { loaded: loaded.filter((source): source is LoadedSource => source !== undefined), deferred: sources.some((source) => source.kind === 'url') };
}

/**
 * A reload: reads every source (files and URLs concurrently) and validates it. Throws when any
 * source fails, naming each one that did; nothing is half-loaded.
 */
export async function loadCapabilitySources(
  sources: readonly CapabilitySourceSpec[],
  plugins: readonly ProviderPlugin[],
  fetchOptions: FetchSourceOptions = {},
): Promise<LoadedSource[]> {
  const read = async (source: CapabilitySourceSpec): Promise<LoadedSource> => {
    if (source.kind === 'builtin') return builtinSource();
    const label = source.kind === 'file' ? source.path : source.url;
    const text = source.kind === 'file' ? await readFileOrThrow(source.path) : await fetchCapabilitySource(source.url, fetchOptions);
    return fromParsed(source.kind, await parseCapabilitySourceAsync(text, { source: label, format: source.format }));
  };
  const settled = await Promise.allSettled(arrange(sources, plugins, read));
  const failures = settled.flatMap((result) => (result.status === 'rejected' ? [result.reason as unknown] : []));
  if (failures.length > 0) throw combineFailures(failures);
  return settled.map((result) => (result as PromiseFulfilledResult<LoadedSource>).value);
}

/**
 * Source order with the plugin files placed right after `builtin` (first when builtin is not
 * listed), so a user's own files still override them.
 */
function arrange<T>(sources: readonly CapabilitySourceSpec[], plugins: readonly ProviderPlugin[], read: (source: CapabilitySourceSpec) => T): (T | LoadedSource)[] {
  const pluginSources = plugins.filter((plugin) => plugin.capabilities !== undefined).map(pluginSource);
  const result: (T | LoadedSource)[] = sources.some((source) => source.kind === 'builtin') ? [] : [...pluginSources];
  for (const source of sources) {
    result.push(read(source));
    if (source.kind === 'builtin') result.push(...pluginSources);
  }
  return result;
}

function builtinSource(): LoadedSource {
  const files = builtinCapabilityFiles();
  return { source: 'builtin', kind: 'builtin', format: 'switchyard', files, problems: [], models: countModels(files) };
}

function pluginSource(plugin: ProviderPlugin): LoadedSource {
  const file = parseCapabilityFile(plugin.capabilities, `of provider plugin ${plugin.name}`);
  return { source: `provider plugin ${plugin.name}`, kind: 'plugin', format: 'switchyard', files: [file], problems: [], models: countModels([file]) };
}

function fromParsed(kind: 'file' | 'url', parsed: ParsedCapabilitySource): LoadedSource {
  const files = [parsed.loaded];
  return { source: parsed.loaded.source, kind, format: parsed.format, files, problems: parsed.problems, models: countModels(files) };
}

function countModels(files: readonly LoadedCapabilityFile[]): number {
  return files.reduce((sum, { file }) => sum + Object.keys(file.models).length, 0);
}

function readFileSyncOrThrow(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw unreadable(path, error);
  }
}

async function readFileOrThrow(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw unreadable(path, error);
  }
}

function unreadable(path: string, error: unknown): GatewayError {
  const code = (error as NodeJS.ErrnoException).code;
  return new GatewayError('capability_source_unavailable', `Cannot read capability file ${path}${code ? ` (${code})` : ''}.`, { cause: error });
}

/** One failure as it is; several as one error listing each (the first one's code and status). */
function combineFailures(failures: readonly unknown[]): unknown {
  if (failures.length === 1 || !failures.every(isGatewayError)) return failures[0];
  const errors = failures as GatewayError[];
  return new GatewayError(errors[0]!.code, errors.map((error) => error.message).join('\n'), { status: errors[0]!.status });
}
