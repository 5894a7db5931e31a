import { mapTransportError, PoolCache, type Deployment, type Endpoint, type GatewayResponse, type Provider, type ProviderCall } from '@switchyard/core';
import { sendUpstream } from '@switchyard/provider-openai';
import type { AzureProviderOptions } from './azure-provider-options.js';
import { resolveAzureTarget, type AzureEnvironment, type AzureTarget } from './azure-target.js';
import { mapContentFilter } from './content-filter.js';
import { dropPromptFilterChunks } from './drop-prompt-filter-chunks.js';

type Environment = Readonly<Record<string, string | undefined>>;

/** One provider instance: its own pools (upstreams and token endpoints), its own per-deployment targets. */
export function createAzureProvider(options: AzureProviderOptions): Provider {
  const pools = new PoolCache(options);
  const env = options.env ?? process.env;
  // LiteLLM's variables, read once: azure/ uses AZURE_*, azure_ai/ AZURE_AI_*.
  const environments: Readonly<Record<string, AzureEnvironment>> = {
    azure: readEnvironment(env, 'AZURE_API_KEY', 'AZURE_API_BASE', 'AZURE_API_VERSION'),
    azure_ai: readEnvironment(env, 'AZURE_AI_API_KEY', 'AZURE_AI_API_BASE', 'AZURE_AI_API_VERSION'),
  };
  // Keyed by the deployment object: a config reload brings new deployments, new targets and new token caches.
  const targets = new WeakMap<Deployment, AzureTarget>();
  const targetFor = (deployment: Deployment): AzureTarget => {
    let target = targets.get(deployment);
    if (target === undefined) {
      target = resolveAzureTarget(deployment, {
        environment: environments[deployment.provider] ?? environments.azure!,
        dispatcherFor: (origin) => pools.get(origin),
        maxResponseBytes: options.maxResponseBytes,
      });
      targets.set(deployment, target);
    }
    return target;
  };

  return {
    endpoints: new Set<Endpoint>(['chat.completions', 'responses', 'embeddings']),
    async send(call) {
      const target = targetFor(call.deployment);
      try {
        return dropPromptFilterChunks(await sendToAzure(call, target));
      } catch (error) {
        throw mapContentFilter(error);
      }
    },
    close: () => pools.close(),
  };
}

async function sendToAzure(call: ProviderCall, target: AzureTarget): Promise<GatewayResponse> {
  if (target.auth.kind === 'static') return sendUpstream(call, target);
  let token: string;
  try {
    token = await target.auth.source.token();
  } catch (error) {
    throw mapTransportError(error, { target, call });
  }
  // One small object per Entra request: the token changes over time, so headers cannot be built once.
  return sendUpstream(call, target, { 'content-type': 'application/json', authorization: `Bearer ${token}` });
}

function readEnvironment(env: Environment, key: string, base: string, version: string): AzureEnvironment {
  return {
    apiKey: nonEmpty(env[key]),
    apiBase: nonEmpty(env[base]),
    apiVersion: nonEmpty(env[version]),
    authorityHost: nonEmpty(env.AZURE_AUTHORITY_HOST),
  };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}
