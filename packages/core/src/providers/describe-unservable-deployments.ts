import type { Deployment } from '../config/deployment.js';
import { openAICompatibleProviders } from './openai-compatible-providers.js';

/**
 * One line per provider prefix no registered plugin serves, naming every deployment that uses
 * it and, where the shipped table knows one, the OpenAI-compatible way to reach the same
 * models. Grouped by prefix so a config with ten Bedrock deployments reads as one problem.
 */
export function describeUnservableDeployments(deployments: readonly Deployment[], registered: readonly string[]): string[] {
  const byProvider = new Map<string, Deployment[]>();
  for (const deployment of deployments) {
    const list = byProvider.get(deployment.provider);
    if (list) list.push(deployment);
    else byProvider.set(deployment.provider, [deployment]);
  }
  const notServed = openAICompatibleProviders().not_served;
  const lines: string[] = [];
  for (const [provider, list] of byProvider) {
    const where = list.map((deployment) => `${deployment.configPath}.litellm_params.model (model_name "${deployment.modelName}")`).join(', ');
    const known = Object.hasOwn(notServed, provider) ? notServed[provider] : undefined;
    let line: string;
    if (known !== undefined) {
      line = `provider "${provider}/" is not served by Switchyard yet (${known.reason}); used by ${where}.`;
      if (known.alternative !== undefined) line += ` Alternative: ${known.alternative}.`;
    } else {
      const suggestion = closest(provider, registered);
      line = `provider "${provider}/" has no provider plugin registered; used by ${where}.`;
      if (suggestion !== undefined) line += ` Did you mean "${suggestion}/"?`;
      else line += ` Registered: ${registered.join(', ') || 'none'}.`;
    }
    lines.push(line);
  }
  return lines;
}

/** The registered name within two edits of a misspelt prefix (`opnai` → `openai`), if one is. */
function closest(name: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of candidates) {
    const distance = editDistance(name, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}
