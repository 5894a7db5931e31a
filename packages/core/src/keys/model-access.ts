import type { ModelTarget } from '../capabilities/capability-snapshot.js';
import { GatewayError } from '../errors/gateway-error.js';
import { clip } from '../errors/quote-client-value.js';
import type { KeyPrincipal } from './principal.js';

/** LiteLLM's name for "every model of the proxy" in a models list. */
const ALL_MODELS = 'all-proxy-models';

const accessGroupsOf = new WeakMap<ModelTarget, readonly string[]>();

/** `model_info.access_groups` of a deployment, read once per target. */
function accessGroups(target: ModelTarget): readonly string[] {
  let groups = accessGroupsOf.get(target);
  if (groups === undefined) {
    const value = (target.deployment.modelInfo as { access_groups?: unknown } | undefined)?.access_groups;
    groups = Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
    accessGroupsOf.set(target, groups);
  }
  return groups;
}

/** Whether a models list lets a request through: empty allows all; else the name, the group, an access group of a deployment, or a `*` pattern. */
export function allowsModel(models: readonly string[], requested: string, group: string, targets: readonly ModelTarget[]): boolean {
  if (models.length === 0) return true;
  for (const entry of models) {
    if (entry === requested || entry === group || entry === ALL_MODELS) return true;
    if (entry.includes('*') && (matchesPattern(entry, requested) || matchesPattern(entry, group))) return true;
    for (const target of targets) if (accessGroups(target).includes(entry)) return true;
  }
  return false;
}

/** The key's, its team's and its user's models lists must each allow the model (401 key_model_access_denied). */
export function checkModelAccess(principal: KeyPrincipal, requested: string, group: string, targets: readonly ModelTarget[]): void {
  const lists: [string, readonly string[]][] = [['key', principal.key.models]];
  if (principal.team !== undefined) lists.push(['team', principal.team.models]);
  if (principal.user !== undefined) lists.push(['user', principal.user.models]);
  for (const [owner, models] of lists) {
    if (allowsModel(models, requested, group, targets)) continue;
    throw new GatewayError(
      'key_model_access_denied',
      `This ${owner === 'key' ? 'key' : `key's ${owner}`} cannot access model=${clip(requested)}. Allowed models: ${clip(models.join(', '))}.`,
      { param: 'model' },
    );
  }
}

function matchesPattern(pattern: string, name: string): boolean {
  const parts = pattern.split('*');
  if (!name.startsWith(parts[0]!) || !name.endsWith(parts.at(-1)!)) return false;
  let at = parts[0]!.length;
  for (const part of parts.slice(1, -1)) {
    const found = name.indexOf(part, at);
    if (found === -1) return false;
    at = found + part.length;
  }
  return at <= name.length - parts.at(-1)!.length;
}
