import type { CapabilitySnapshot } from '../capabilities/capability-snapshot.js';
import { callModel } from '../bridge/call-model.js';
import { isGatewayError } from '../errors/gateway-error.js';
import type { ProviderRegistry } from '../providers/provider-registry.js';
import { deploymentRedactor } from '../redaction/deployment-redactor.js';
import { maskUrlCredentials } from '../redaction/mask-url-credentials.js';

/** One deployment check may take this long before it counts as unhealthy. */
const CHECK_TIMEOUT_MS = 10_000;

export interface DeploymentCheck {
  readonly model: string;
  readonly model_name: string;
  readonly model_id: string;
  readonly api_base?: string;
  readonly error?: string;
}

export interface DeploymentChecks {
  readonly healthy_endpoints: DeploymentCheck[];
  readonly unhealthy_endpoints: DeploymentCheck[];
  readonly healthy_count: number;
  readonly unhealthy_count: number;
}

/**
 * LiteLLM's `GET /health`: one cheap call per deployment (a one-token chat completion, or a
 * one-word embedding for embedding deployments), all at once, each bounded in time. Runs only
 * when asked, never in the background. Errors are the gateway's redacted messages.
 */
export async function checkDeployments(snapshot: CapabilitySnapshot, providers: ProviderRegistry, requestId: string): Promise<DeploymentChecks> {
  const seen = new Set<string>();
  const targets = [...snapshot.targets.values()].flat().filter((target) => !seen.has(target.deployment.id) && seen.add(target.deployment.id));
  const results = await Promise.all(
    targets.map(async (target): Promise<{ ok: boolean; check: DeploymentCheck }> => {
      const deployment = target.deployment;
      const check: DeploymentCheck = {
        model: `${deployment.provider}/${deployment.upstreamModel}`,
        model_name: deployment.modelName,
        model_id: deployment.id,
        ...(deployment.apiBase === undefined ? {} : { api_base: maskUrlCredentials(deployment.apiBase, deploymentRedactor(deployment)) }),
      };
      const embedding = deployment.modelInfo?.mode === 'embedding';
      try {
        const response = await callModel({
          provider: providers.forDeployment(deployment),
          target,
          endpoint: embedding ? 'embeddings' : 'chat.completions',
          body: embedding
            ? { model: deployment.upstreamModel, input: 'ping' }
            : { model: deployment.upstreamModel, messages: [{ role: 'user', content: 'ping' }], max_tokens: 1 },
          signal: AbortSignal.timeout(CHECK_TIMEOUT_MS),
          requestId,
        });
        if (response.kind === 'stream') for await (const _event of response.events);
        if (response.status >= 400) return { ok: false, check: { ...check, error: `upstream answered ${response.status}` } };
        return { ok: true, check };
      } catch (error) {
        const message = isGatewayError(error) ? error.message : 'the check failed inside the gateway';
        return { ok: false, check: { ...check, error: message } };
      }
    }),
  );
  const healthy = results.filter((result) => result.ok).map((result) => result.check);
  const unhealthy = results.filter((result) => !result.ok).map((result) => result.check);
  return { healthy_endpoints: healthy, unhealthy_endpoints: unhealthy, healthy_count: healthy.length, unhealthy_count: unhealthy.length };
}
