import { createHash } from 'node:crypto';
import { isKeyLikeField } from './key-like.js';

/**
 * A deployment's id when `model_info.id` is not given: the model name and a hash of its
 * `litellm_params` (as LiteLLM does), so the id stays the same when other entries move.
 * Key-like params (api_key, secrets) are left out of the hash: the id never depends on, or
 * leaks anything of, a credential, and a rotated key keeps the id (a reload reports it changed).
 * Twins that differ only in their keys get `-2`, `-3`, … in config order.
 */
export function defaultDeploymentId(modelName: string, params: Readonly<Record<string, unknown>>, taken: ReadonlySet<string> = new Set()): string {
  const kept = Object.keys(params)
    .filter((key) => !isKeyLikeField(key))
    .sort()
    .map((key) => [key, params[key]]);
  const hash = createHash('sha256').update(JSON.stringify([modelName, kept])).digest('hex').slice(0, 10);
  const base = `${modelName}-${hash}`;
  if (!taken.has(base)) return base;
  let index = 2;
  while (taken.has(`${base}-${index}`)) index++;
  return `${base}-${index}`;
}
