import { capabilitySchema } from '../capabilities/capability-schema.js';
import type { ConfigProblems } from './config-problems.js';
import { closestKey } from './edit-distance.js';
import {
  CREDENTIAL,
  DEPLOYMENT,
  GENERAL_SETTINGS,
  LITELLM_PARAMS,
  LITELLM_SETTINGS,
  modelInfoLevel,
  ROUTER_SETTINGS,
  TOP_LEVEL,
  type KeyLevel,
} from './litellm-keys.js';

type Mapping = Record<string, unknown>;

/** Sections kept whole: one warning line for the section, never one per key inside it. */
const WHOLE_SECTIONS = new Set(['callback_settings', 'guardrails', 'mcp_servers', 'mcp_aliases']);

/**
 * Checks every key of a raw config against LiteLLM's known keys at its level. A key close to a
 * known one is a typo: a problem with "did you mean …?" (a misspelt `general_settings` would
 * otherwise drop the master key and leave the gateway open). A known key Switchyard does not
 * implement, or an unknown one far from every known key, is one warning line naming the path
 * and what is lost; keys repeated across deployments are reported once (`model_list[].…`).
 */
export function checkConfigKeys(config: Mapping, problems: ConfigProblems): string[] {
  const warnings = new Map<string, { lost: string; count: number }>();
  const typos = new Set<string>();
  const warn = (path: string, lost: string) => {
    const seen = warnings.get(path);
    if (seen) seen.count++;
    else warnings.set(path, { lost, count: 1 });
  };
  const check = (level: KeyLevel, value: unknown, path: string, generalPath = path, quiet = false) => {
    if (!isMapping(value)) return;
    for (const key of Object.keys(value)) {
      if (level.implemented.has(key) || level.implementedPattern?.test(key)) continue;
      const keyPath = path === '' ? key : `${path}.${key}`;
      const lost = level.lost[key];
      if (lost !== undefined) {
        if (!quiet && !(path === '' && WHOLE_SECTIONS.has(key))) warn(generalPath === '' ? key : `${generalPath}.${key}`, lost);
        continue;
      }
      const typo = closestKey(key, [...level.implemented, ...Object.keys(level.lost)]);
      if (typo !== undefined) {
        problems.add(`${keyPath} is not a known key; did you mean ${typo}?`);
        typos.add(keyPath);
      }
      else if (level.warnUnknown && !quiet) warn(generalPath === '' ? key : `${generalPath}.${key}`, 'unknown to LiteLLM and Switchyard; ignored');
    }
  };

  check(TOP_LEVEL, config, '');
  refuseStrayMasterKey(config, problems, typos);
  check(GENERAL_SETTINGS, config.general_settings, 'general_settings');
  check(LITELLM_SETTINGS, config.litellm_settings, 'litellm_settings');
  check(ROUTER_SETTINGS, config.router_settings, 'router_settings');
  const modelInfo = modelInfoLevel(capabilitySchema().fields);
  forEachItem(config.model_list, (entry, index) => {
    check(DEPLOYMENT, entry, `model_list[${index}]`, 'model_list[]');
    if (!isMapping(entry)) return;
    check(LITELLM_PARAMS, entry.litellm_params, `model_list[${index}].litellm_params`, 'model_list[].litellm_params');
    check(modelInfo, entry.model_info, `model_list[${index}].model_info`, 'model_list[].model_info');
  });
  forEachItem(config.credential_list, (entry, index) => check(CREDENTIAL, entry, `credential_list[${index}]`, 'credential_list[]'));

  const lines: string[] = [];
  for (const [path, { lost, count }] of warnings) {
    const where = count > 1 ? `${path} (${count} deployments)` : path;
    lines.push(`${where}: ${lost === '' ? 'accepted but not implemented by Switchyard; it has no effect' : lost}`);
  }
  for (const section of WHOLE_SECTIONS) {
    if (config[section] !== undefined) lines.push(`${section}: ${TOP_LEVEL.lost[section]}`);
  }
  return lines;
}

/** A master_key anywhere but general_settings would be silently unused: the gateway would run open. */
function refuseStrayMasterKey(config: Mapping, problems: ConfigProblems, typos: ReadonlySet<string>): void {
  for (const [section, value] of Object.entries(config)) {
    if (section === 'general_settings' || typos.has(section) || !isMapping(value) || !('master_key' in value)) continue;
    problems.add(`${section}.master_key is not read there; the master key belongs under general_settings.master_key`);
  }
}

function forEachItem(list: unknown, visit: (item: unknown, index: number) => void): void {
  if (Array.isArray(list)) list.forEach(visit);
}

function isMapping(value: unknown): value is Mapping {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
