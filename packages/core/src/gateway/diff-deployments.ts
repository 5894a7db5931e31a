import type { Deployment } from '../config/deployment.js';
import { Secret } from '../config/secret.js';

/**
 * Added, removed and changed deployments by id. Changed means any field differs, the upstream
 * key included (compared, never printed).
 */
export function diffDeployments(before: readonly Deployment[], after: readonly Deployment[]): { added: string[]; removed: string[]; changed: string[] } {
  const old = new Map(before.map((deployment) => [deployment.id, deployment]));
  const ids = new Set(after.map((deployment) => deployment.id));
  const added: string[] = [];
  const changed: string[] = [];
  for (const deployment of after) {
    const previous = old.get(deployment.id);
    if (previous === undefined) added.push(deployment.id);
    else if (fingerprint(previous) !== fingerprint(deployment)) changed.push(deployment.id);
  }
  const removed = before.filter((deployment) => !ids.has(deployment.id)).map((deployment) => deployment.id);
  return { added, removed, changed };
}

function fingerprint(deployment: Deployment): string {
  // Secrets serialize as [redacted] (toJSON runs before any replacer): reveal them here, so a
  // rotated key is a change. The fingerprint is compared, never printed.
  const reveal = (value: unknown) => (value instanceof Secret ? `secret:${value.reveal()}` : value);
  const extra = Object.fromEntries(Object.entries(deployment.extraParams).map(([key, value]) => [key, reveal(value)]));
  const { configPath: _where, ...fields } = deployment;
  return JSON.stringify({ ...fields, apiKey: reveal(deployment.apiKey), extraParams: extra });
}
