import type { Logger } from '../logging/logger.js';
import type { LoadedSource } from './load-capability-sources.js';

/**
 * What each source held at its last successful load: its model count (for the shrink check)
 * and the problems already logged, so that a periodic reload of the same LiteLLM map does not
 * repeat the same skipped entries every time.
 */
export class SourceHistory {
  readonly #models = new Map<string, number>();
  readonly #logged = new Set<string>();
  readonly #logger: Logger;

  constructor(logger: Logger) {
    this.#logger = logger;
  }

  models(source: string): number | undefined {
    return this.#models.get(source);
  }

  record(loaded: readonly LoadedSource[]): void {
    for (const source of loaded) {
      this.#models.set(source.source, source.models);
      const fresh = source.problems.filter((problem) => {
        const key = `${source.source}\u0000${problem.model}\u0000${problem.message}`;
        if (this.#logged.has(key)) return false;
        this.#logged.add(key);
        return true;
      });
      if (fresh.length === 0) continue;
      const skipped = fresh.filter((problem) => problem.skipped).length;
      this.#logger.warn(
        { source: source.source, problems: fresh.map(({ model, message }) => `${model}: ${message}`) },
        `capability source ${source.source}: ${skipped} entries skipped, ${fresh.length - skipped} values ignored`,
      );
    }
  }
}
