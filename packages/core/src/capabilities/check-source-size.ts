import { GatewayError } from '../errors/gateway-error.js';
import type { LoadedSource } from './load-capability-sources.js';

/**
 * A source that suddenly defines far fewer models is far more likely a truncated download, a
 * half-written file or the wrong URL than a real retirement of models: refuse it unless the
 * reload is forced. An empty file or URL source is always refused. Builtin and plugin files
 * ship with the code and are not checked.
 *
 * @param previous the source's model count at its last successful load, if any
 */
export function checkSourceSize(loaded: LoadedSource, previous: number | undefined, options: { readonly force: boolean }): void {
  if (loaded.kind !== 'file' && loaded.kind !== 'url') return;
  if (loaded.models === 0) {
    const skipped = loaded.problems.filter((problem) => problem.skipped).length;
    const why = skipped > 0 ? `: all ${skipped} of its entries were skipped (first: ${loaded.problems[0]!.model}: ${loaded.problems[0]!.message})` : '';
    throw new GatewayError('invalid_capabilities', `Capability source ${loaded.source} defines no models${why}.`);
  }
  if (!options.force && previous !== undefined && loaded.models * 2 < previous) {
    throw new GatewayError(
      'invalid_capabilities',
      `Capability source ${loaded.source} defines ${loaded.models} models, fewer than half of the ${previous} it defined at the last load; refusing it as probably truncated. Reload with {"force": true} if the models were really removed.`,
    );
  }
}
