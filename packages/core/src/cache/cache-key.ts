import { hash } from 'node:crypto';

/**
 * Body keys that do not change the answer: how it is delivered (`stream_options`), who asked
 * (`user`, `metadata`), the cache's own controls, and the router's hints. `stream` stays in:
 * a stream and a JSON answer are stored apart.
 */
const IGNORED = new Set(['stream_options', 'user', 'metadata', 'cache', 'fallbacks', 'tags', 'mock_testing_fallbacks']);

export interface CacheKeyParts {
  readonly namespace: string;
  readonly endpoint: string;
  readonly modelGroup: string;
  readonly body: Readonly<Record<string, unknown>>;
  /** The caller's hashed key, when the cache is per key. */
  readonly apiKeyHash?: string | undefined;
}

/**
 * Exact match on the normalised request: endpoint, model group (an alias and its target share
 * entries) and every body key but the ignored ones, with object keys sorted so the order a
 * client writes them in does not matter. The caller's key is not part of it unless configured.
 */
export function cacheKey(parts: CacheKeyParts): string {
  let text = `${parts.endpoint}\n${parts.modelGroup}\n${parts.apiKeyHash ?? ''}\n`;
  const keys = Object.keys(parts.body).sort();
  for (const key of keys) {
    if (IGNORED.has(key) || key === 'model') continue;
    const value = parts.body[key];
    if (value === undefined) continue;
    text += `${JSON.stringify(key)}:${stableJson(value)},`;
  }
  const digest = hash('sha256', text, 'hex');
  return parts.namespace === '' ? `switchyard:cache:${digest}` : `${parts.namespace}:switchyard:cache:${digest}`;
}

function stableJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).filter((key) => record[key] !== undefined).sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${stableJson(record[key])}`).join(',')}}`;
}
