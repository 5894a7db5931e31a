import type { ModelTarget } from '../capabilities/capability-snapshot.js';
import type { DeploymentHealth, RouterState } from './deployment-health.js';
import { routeParams } from './route-params.js';
import type { RouterSettings } from './router-settings.js';
import { STRATEGIES, type Candidate, type PickOptions } from './strategies.js';

export function toCandidates(targets: readonly ModelTarget[], state: RouterState): Candidate[] {
  return targets.map((target) => {
    const params = routeParams(target);
    return { target, params, health: state.of(params.healthId) };
  });
}

/**
 * Narrows a group to the deployments tagged for this request (enable_tag_filtering): any
 * shared tag (or every tag with tag_filtering_match_any: false); an untagged request goes to
 * the `default`-tagged deployments when there are some, else to all.
 */
export function filterByTags(candidates: Candidate[], tags: readonly string[] | undefined, settings: RouterSettings): Candidate[] {
  if (!settings.enableTagFiltering) return candidates;
  if (tags === undefined || tags.length === 0) {
    const defaults = candidates.filter((c) => c.params.tags.includes('default'));
    return defaults.length > 0 ? defaults : candidates;
  }
  return candidates.filter((c) =>
    settings.tagMatchAny ? tags.some((tag) => c.params.tags.includes(tag)) : tags.every((tag) => c.params.tags.includes(tag)),
  );
}

export type PickResult =
  | { readonly kind: 'picked'; readonly candidate: Candidate }
  | { readonly kind: 'cooling'; readonly untilMs: number }
  | { readonly kind: 'full' };

/**
 * One pick: healthy deployments not yet failed in this request (else the failed ones again,
 * for a retry on the same deployment), lowest `order` tier first, then the strategy.
 */
export function pickCandidate(candidates: readonly Candidate[], failed: ReadonlySet<DeploymentHealth>, options: PickOptions & { readonly settings: RouterSettings }): PickResult {
  const { now } = options;
  let healthy: Candidate[] = [];
  const fresh: Candidate[] = [];
  let until = Infinity;
  for (const c of candidates) {
    if (c.health.coolingDown(now)) {
      until = Math.min(until, c.health.cooldownUntil);
      continue;
    }
    healthy.push(c);
    if (!failed.has(c.health)) fresh.push(c);
  }
  if (healthy.length === 0) return { kind: 'cooling', untilMs: until };
  if (fresh.length > 0) healthy = fresh;
  let order = Infinity;
  for (const c of healthy) order = Math.min(order, c.params.order);
  const tier = healthy.filter((c) => c.params.order === order);
  const candidate = STRATEGIES[options.settings.strategy](tier, options);
  if (candidate !== undefined) return { kind: 'picked', candidate };
  // usage-based: the first tier is full; a lower-priority tier may have room.
  const rest = healthy.filter((c) => c.params.order !== order);
  return rest.length > 0 ? pickCandidate(rest, failed, options) : { kind: 'full' };
}

/** Whether another healthy deployment than these could take a retry. */
export function hasOtherHealthy(candidates: readonly Candidate[], failed: ReadonlySet<DeploymentHealth>, now: number): boolean {
  return candidates.some((c) => !failed.has(c.health) && !c.health.coolingDown(now));
}
