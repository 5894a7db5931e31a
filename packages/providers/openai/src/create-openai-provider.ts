import { mapTransportError, PoolCache, GatewayError, type Deployment, type Endpoint, type GatewayResponse, type Provider, type ProviderCall } from '@switchyard/core';
import { mapUpstreamError } from './map-upstream-error.js';
import { DEFAULT_BASE_URL, OPENAI_API_KEY_VARIABLE, type OpenAIProviderOptions } from './openai-provider-options.js';
import { pickUpstreamHeaders } from './pick-upstream-headers.js';
import { readProviderDefaults } from './provider-defaults.js';
import { readUpstreamBody } from './read-upstream-body.js';
import { isEventStream, notAStream, redirected } from './unexpected-answer.js';
import { upstreamEvents } from './upstream-events.js';
import { resolveUpstreamTarget, type ResolveTargetOptions, type UpstreamTarget } from './upstream-target.js';

/** One provider instance: its own pools, its own per-deployment targets. */
export function createOpenAIProvider(options: OpenAIProviderOptions): Provider {
  const pools = new PoolCache(options);
  const env = options.env ?? process.env;
  const defaults = readProviderDefaults(env);
  const resolveOptions: ResolveTargetOptions = {
    defaultBaseUrl: options.defaultBaseUrl ?? DEFAULT_BASE_URL,
    fallbackApiKey: options.apiKey ?? env[OPENAI_API_KEY_VARIABLE],
    defaults,
    dispatcherFor: (origin) => pools.get(origin),
    maxResponseBytes: options.maxResponseBytes,
  };
  const allEndpoints = new Set<Endpoint>(['chat.completions', 'responses', 'embeddings']);
  // Keyed by the deployment object: a config reload brings new deployments and new targets.
  const targets = new WeakMap<Deployment, UpstreamTarget>();

  return {
    endpoints: allEndpoints,
    // Each table row says what its upstream serves natively; core bridges Responses over Chat for the rest.
    endpointsFor: (deployment) => defaults.get(deployment.provider)?.endpoints ?? allEndpoints,
    async send(call) {
      let target = targets.get(call.deployment);
      if (target === undefined) {
        target = resolveUpstreamTarget(call.deployment, resolveOptions);
        targets.set(call.deployment, target);
      }
      return sendUpstream(call, target);
    },
    close: () => pools.close(),
  };
}

/**
 * One OpenAI-wire call to a resolved target, with honest answers (redirects, non-SSE streams,
 * size cap, truncation) and errors mapped. Exported for plugins whose upstream speaks the
 * OpenAI wire format with other paths or auth (Azure): `headers` replaces the target's when
 * they change between requests (a refreshed bearer token).
 */
export async function sendUpstream(call: ProviderCall, target: UpstreamTarget, headers: Readonly<Record<string, string>> = target.headers): Promise<GatewayResponse> {
  try {
    const response = await target.dispatcher.request({
      origin: target.origin,
      path: target.paths[call.endpoint],
      method: 'POST',
      headers,
      body: JSON.stringify(call.body),
      signal: call.signal,
      headersTimeout: call.stream ? target.streamHeadersTimeoutMs : target.timeoutMs,
      bodyTimeout: target.timeoutMs,
    });
    const status = response.statusCode;
    if (status >= 300 && status < 400) throw redirected(response, target);
    if (status < 200 || status > 299) throw await mapUpstreamError(response, target);
    if (call.stream && !isEventStream(response.headers['content-type'])) throw notAStream(response, target);
    const picked = pickUpstreamHeaders(response.headers, target.redactor);
    if (call.stream) {
      const format = call.endpoint === 'responses' ? 'responses' : 'chat';
      return { kind: 'stream', status, headers: picked, events: upstreamEvents(response.body, { target, call, format }) };
    }
    return { kind: 'json', status, headers: picked, body: parseJson(await readUpstreamBody(response, target), target) };
  } catch (error) {
    // GatewayErrors pass through unchanged; undici and socket errors become 499/502/504.
    throw mapTransportError(error, { target, call });
  }
}

function parseJson(text: string, target: UpstreamTarget): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new GatewayError('upstream_invalid_response', `The upstream for ${target.label} answered with a body that is not JSON.`);
  }
}
