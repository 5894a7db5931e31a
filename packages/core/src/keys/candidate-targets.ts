import type { CapabilitySnapshot, ModelTarget } from '../capabilities/capability-snapshot.js';
import type { RouterSettings } from '../router/router-settings.js';

const cache = new WeakMap<CapabilitySnapshot, WeakMap<RouterSettings, Map<string, readonly ModelTarget[]>>>();

/**
 * Every deployment a request for `group` may end up on: the group's own and those of its
 * fallback groups (fallbacks, context-window and content-policy fallbacks, `*`, defaults).
 * A budget reservation is priced on the dearest of them. Computed once per snapshot and group.
 */
export function candidateTargets(snapshot: CapabilitySnapshot, router: RouterSettings, group: string, targets: readonly ModelTarget[]): readonly ModelTarget[] {
  let bySettings = cache.get(snapshot);
  if (bySettings === undefined) cache.set(snapshot, (bySettings = new WeakMap()));
  let byGroup = bySettings.get(router);
  if (byGroup === undefined) bySettings.set(router, (byGroup = new Map()));
  let candidates = byGroup.get(group);
  if (candidates === undefined) {
    const names = new Set<string>([
      ...(router.fallbacks.get(group) ?? router.fallbacks.get('*') ?? router.defaultFallbacks),
      ...(router.contextWindowFallbacks.get(group) ?? []),
      ...(router.contentPolicyFallbacks.get(group) ?? []),
    ]);
    names.delete(group);
    const all = [...targets];
    for (const name of names) all.push(...(snapshot.lookup(router.aliases.get(name)?.model ?? name) ?? []));
    candidates = all;
    // Bounded: wildcard groups are many names; past this, they are priced on their own targets only.
    if (byGroup.size < 10_000) byGroup.set(group, candidates);
  }
  return candidates;
}
