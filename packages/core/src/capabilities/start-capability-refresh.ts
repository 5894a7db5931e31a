import { watch, type FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';
import type { CapabilitySourceSpec } from '../config/gateway-settings.js';
import type { Logger } from '../logging/logger.js';

export interface CapabilityRefreshOptions {
  readonly sources: readonly CapabilitySourceSpec[];
  /** 0: no periodic reload. */
  readonly intervalSeconds: number;
  /** Runs one reload; its failures are logged by the reload itself. */
  readonly reload: () => Promise<unknown>;
  readonly logger: Logger;
  /** Quiet time after the last change of a watched file before reloading (editors write in bursts). */
  readonly debounceMs?: number;
}

export interface CapabilityRefresh {
  stop(): void;
}

export const WATCH_DEBOUNCE_MS = 250;

/**
 * Reloads capabilities every `intervalSeconds` and when a file source with `watch: true`
 * changes. Timers and watchers are unref'd (they never keep a process alive) and a failed
 * reload never throws out of here: the previous capabilities stay and the next tick tries again.
 */
export function startCapabilityRefresh(options: CapabilityRefreshOptions): CapabilityRefresh {
  const { logger } = options;
  const reload = () => void options.reload().catch(() => undefined);
  const interval = options.intervalSeconds > 0 ? setInterval(reload, options.intervalSeconds * 1000).unref() : undefined;

  let debounce: NodeJS.Timeout | undefined;
  const changed = () => {
    clearTimeout(debounce);
    debounce = setTimeout(reload, options.debounceMs ?? WATCH_DEBOUNCE_MS).unref();
  };
  const watchers: FSWatcher[] = [];
  for (const source of options.sources) {
    if (source.kind !== 'file' || !source.watch) continue;
    // The directory, not the file: editors and deploy tools replace a file by renaming a new
    // one over it, after which a watcher on the old inode hears nothing more.
    const name = basename(source.path);
    try {
      const watcher = watch(dirname(source.path), { persistent: false }, (_event, file) => {
        if (file === null || file === name) changed();
      });
      watcher.on('error', (error) => logger.warn({ path: source.path, error: error.message }, 'capability file watcher failed'));
      watchers.push(watcher);
    } catch (error) {
      logger.warn({ path: source.path, error: (error as Error).message }, 'cannot watch capability file; it is reloaded only on demand');
    }
  }

  return {
    stop() {
      clearInterval(interval);
      clearTimeout(debounce);
      for (const watcher of watchers) watcher.close();
    },
  };
}
