import { setImmediate as nextTurn } from 'node:timers/promises';
import type { GatewaySettings } from '../config/gateway-settings.js';
import { isGatewayError } from '../errors/gateway-error.js';
import type { ModelCapability } from '../generated/capability.js';
import { silentLogger, type Logger } from '../logging/logger.js';
import type { ProviderPlugin } from '../providers/provider.js';
import { buildSnapshot } from './build-snapshot.js';
import type { CapabilitySnapshot } from './capability-snapshot.js';
import { checkSourceSize } from './check-source-size.js';
import { collectCapabilityEntries } from './collect-capability-entries.js';
import { diffCapabilityModels } from './diff-capability-models.js';
import type { FetchSourceOptions } from './fetch-capability-source.js';
import { loadCapabilitySources, loadCapabilitySourcesSync, type LoadedSource } from './load-capability-sources.js';
import type { ReloadSummary } from './reload-summary.js';
import { SourceHistory } from './source-history.js';

/** Above this many added + changed models a reload's log line carries counts only. */
const LOGGED_DETAIL_LIMIT = 20;

export interface CapabilityStoreOptions {
  /** Where reloads and skipped LiteLLM entries are reported (default: nowhere). */
  readonly logger?: Logger;
  /** Timeout and size limit of URL sources. */
  readonly fetch?: FetchSourceOptions;
  /** Whether a provider plugin serves a prefix; deployments of other prefixes are left out of snapshots. */
  readonly servesProvider?: (provider: string) => boolean;
}

/** The outcome of the last capability reload (route, periodic, file watch), for the admin UI. */
export interface LastReload {
  readonly at: Date;
  readonly ok: boolean;
  /** What a refused reload was refused for (the error's code and message). */
  readonly error?: { readonly code: string | undefined; readonly message: string };
  readonly summary?: ReloadSummary;
}

export interface ReloadOptions {
  /** Accept a file or URL source that shrank to fewer than half its models (never an empty one). */
  readonly force?: boolean;
}

/**
 * Holds the current capability snapshot. Requests read `current` once, at their start; a
 * reload reads and validates every source, builds a complete new snapshot (`build`) and
 * installs it with one assignment (`swap`). Reloads run one at a time: a reload asked for while
 * one runs waits for it, and every request arriving meanwhile joins that same queued reload.
 */
export class CapabilityStore {
  #current: CapabilitySnapshot;
  #settings: GatewaySettings;
  readonly #plugins: readonly ProviderPlugin[];
  readonly #logger: Logger;
  readonly #fetch: FetchSourceOptions;
  readonly #history: SourceHistory;
  readonly #servesProvider: ((provider: string) => boolean) | undefined;
  #running: Promise<unknown> | undefined;
  #queued: Promise<ReloadSummary> | undefined;
  #queuedForce = false;
  #ready: Promise<void> | undefined;
  #lastReload: LastReload | undefined;

  /**
   * Loads builtin, plugin and file sources now and builds snapshot 1; throws on any invalid one.
   * URL sources load asynchronously right away, with everything else, as the first reload (see `ready`).
   */
  constructor(settings: GatewaySettings, plugins: readonly ProviderPlugin[], options: CapabilityStoreOptions = {}) {
    this.#settings = settings;
    this.#plugins = plugins;
    this.#logger = options.logger ?? silentLogger;
    this.#fetch = options.fetch ?? {};
    this.#history = new SourceHistory(this.#logger);
    this.#servesProvider = options.servesProvider;
    const { loaded, deferred } = loadCapabilitySourcesSync(settings.capabilitySources, plugins);
    for (const source of loaded) checkSourceSize(source, undefined, { force: false });
    this.#history.record(loaded);
    this.#current = buildSnapshot({ settings, entries: entriesOf(loaded), version: 1, servesProvider: this.#servesProvider });
    if (deferred) this.#ready = this.#firstLoad();
  }

  get current(): CapabilitySnapshot {
    return this.#current;
  }

  /** The last reload's time and outcome; undefined before the first. */
  get lastReload(): LastReload | undefined {
    return this.#lastReload;
  }

  get settings(): GatewaySettings {
    return this.#settings;
  }

  get plugins(): readonly ProviderPlugin[] {
    return this.#plugins;
  }

  /**
   * Pending while the first load of URL sources runs, `undefined` once it settled (or when there
   * are none). It never rejects: a URL that fails at start-up is logged and the other sources serve.
   */
  get ready(): Promise<void> | undefined {
    return this.#ready;
  }

  /** The next snapshot for these entries (by model name), compiled but not installed. */
  build(entries: ReadonlyMap<string, ModelCapability>): CapabilitySnapshot {
    return buildSnapshot({ settings: this.#settings, entries, version: this.#current.version + 1, servesProvider: this.#servesProvider });
  }

  /**
   * Config reload: joins the deployments of `settings` with the capability entries in force,
   * compiles them and swaps the result in, in one synchronous step (so no capability reload
   * interleaves); later capability reloads use these settings. Throws, changing nothing, when a
   * deployment's `model_info` is invalid. Returns the previous and the new snapshot.
   */
  reconfigure(settings: GatewaySettings): { previous: CapabilitySnapshot; next: CapabilitySnapshot } {
    const next = buildSnapshot({ settings, entries: this.#current.models, version: this.#current.version + 1 });
    this.#settings = settings;
    return { previous: this.swap(next), next };
  }

  /** Installs a snapshot atomically; requests already running keep theirs. Returns the previous one. */
  swap(snapshot: CapabilitySnapshot): CapabilitySnapshot {
    const previous = this.#current;
    this.#current = snapshot;
    return previous;
  }

  /**
   * Re-reads every source, validates it, compiles the configured deployments' validators and
   * swaps the result in. Rejects with a GatewayError naming the failing source (the snapshot in
   * force stays) when any source is unreadable, invalid, empty or drastically smaller.
   */
  reload(options: ReloadOptions = {}): Promise<ReloadSummary> {
    this.#queuedForce ||= options.force === true;
    if (this.#queued !== undefined) return this.#queued;
    const run = () => {
      this.#queued = undefined;
      const force = this.#queuedForce;
      this.#queuedForce = false;
      return this.#reloadNow(force);
    };
    const next = this.#running === undefined ? run() : this.#running.then(run, run);
    if (this.#running !== undefined) this.#queued = next;
    const running = next.catch(() => undefined);
    this.#running = running;
    void running.then(() => {
      if (this.#running === running) this.#running = undefined;
    });
    return next;
  }

  async #reloadNow(force: boolean): Promise<ReloadSummary> {
    const started = performance.now();
    try {
      const loaded = await loadCapabilitySources(this.#settings.capabilitySources, this.#plugins, this.#fetch);
      for (const source of loaded) checkSourceSize(source, this.#history.models(source.source), { force });
      await nextTurn(); // compiling comes next: let requests waiting since the parse go first
      const next = this.build(entriesOf(loaded));
      const previous = this.swap(next);
      this.#history.record(loaded);
      const diff = diffCapabilityModels(previous.models, next.models);
      const summary: ReloadSummary = {
        version: next.version,
        models: { ...diff, total: next.models.size },
        sources: loaded.map(({ source, format, models }) => ({ source, format, models })),
        problems: loaded.flatMap((source) => source.problems),
        duration_ms: Math.round((performance.now() - started) * 10) / 10,
      };
      const counts = { added: diff.added.length, removed: diff.removed.length, changed: diff.changed.length };
      // A periodic reload that changed nothing is routine, not news.
      const level = counts.added + counts.removed + counts.changed > 0 ? 'info' : 'debug';
      // Field-level detail in the log only for a handful of models; the summary always has all of it.
      const detail = counts.added + counts.changed <= LOGGED_DETAIL_LIMIT ? { families: diff.families, changes: diff.changes } : {};
      this.#logger[level]({ version: summary.version, ...counts, ...detail, durationMs: summary.duration_ms }, 'capabilities reloaded');
      this.#lastReload = { at: new Date(), ok: true, summary };
      return summary;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.#lastReload = { at: new Date(), ok: false, error: { code: isGatewayError(error) ? error.code : undefined, message } };
      this.#logger.warn({ code: isGatewayError(error) ? error.code : undefined }, `capability reload refused, the previous capabilities stay in force: ${message}`);
      throw error;
    }
  }

  async #firstLoad(): Promise<void> {
    try {
      await this.reload();
    } catch {
      // Already logged with the precise reason; the sources that did load keep serving.
    } finally {
      this.#ready = undefined;
    }
  }
}

function entriesOf(loaded: readonly LoadedSource[]): Map<string, ModelCapability> {
  return collectCapabilityEntries(loaded.flatMap((source) => source.files));
}
