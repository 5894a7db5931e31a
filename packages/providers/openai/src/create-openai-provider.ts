import { GatewayError, type Deployment, type GatewayResponse, type Provider, type ProviderCall } from '@switchyard/core';
import type { Dispatcher } from 'undici';
import { mapTransportError } from './map-transport-error.js';
import { mapUpstreamError } from './map-upstream-error.js';
import { DEFAULT_BASE_URL, OPENAI_API_KEY_VARIABLE, type OpenAIProviderOptions } from './openai-provider-options.js';
import { pickUpstreamHeaders } from './pick-upstream-headers.js';
import { PoolCache } from './pool-cache.js';
import { upstreamEvents } from './upstream-events.js';
import { resolveUpstreamTarget, responseTooLarge, type ResolveTargetOptions, type UpstreamTarget } from './upstream-target.js';

/** One provider instance: its own pools, its own per-deployment targets. */
export function createOpenAIProvider(options: OpenAIProviderOptions): Provider {
  const pools = new PoolCache(options);
  const resolveOptions: ResolveTargetOptions = {
    defaultBaseUrl: options.defaultBaseUrl ?? DEFAULT_BASE_URL,
    fallbackApiKey: options.apiKey ?? process.env[OPENAI_API_KEY_VARIABLE],
    dispatcherFor: (origin) => pools.get(origin),
    maxResponseBytes: options.maxResponseBytes,
  };
  // Keyed by the deployment object: a config reload brings new deployments and new targets.
  const targets = new WeakMap<Deployment, UpstreamTarget>();

  return {
    endpoints: new Set(['chat.completions', 'responses', 'embeddings']),
    async send(call) {
      let target = targets.get(call.deployment);
      if (target === undefined) {
        target = resolveUpstreamTarget(call.deployment, resolveOptions);
        targets.set(call.deployment, target);
      }
      return send(call, target);
    },
    close: () => pools.close(),
  };
}

async function send(call: ProviderCall, target: UpstreamTarget): Promise<GatewayResponse> {
  try {
    const response = await target.dispatcher.request({
      origin: target.origin,
      path: target.paths[call.endpoint],
      method: 'POST',
      headers: target.headers,
      body: JSON.stringify(call.body),
      signal: call.signal,
      headersTimeout: call.stream ? target.streamHeadersTimeoutMs : target.timeoutMs,
      bodyTimeout: target.timeoutMs,
    });
    const status = response.statusCode;
    if (status >= 300 && status < 400) throw redirected(response, target);
    if (status < 200 || status > 299) throw await mapUpstreamError(response, target);
    if (call.stream && !isEventStream(response.headers['content-type'])) throw notAStream(response, target);
    const headers = pickUpstreamHeaders(response.headers);
    if (call.stream) {
      const format = call.endpoint === 'responses' ? 'responses' : 'chat';
      return { kind: 'stream', status, headers, events: upstreamEvents(response.body, { target, call, format }) };
    }
    return { kind: 'json', status, headers, body: parseJson(await readBody(response, target), target) };
  } catch (error) {
    // GatewayErrors pass through unchanged; undici and socket errors become 499/502/504.
    throw mapTransportError(error, { target, call });
  }
}

/**
 * Redirects are not followed (a request body with a key in its headers is not re-sent to
 * wherever a Location points) nor passed on: the client asked for a model, not a URL. The
 * Location is not shown, as it can carry tokens.
 */
function redirected(response: Dispatcher.ResponseData, target: UpstreamTarget): GatewayError {
  discardBody(response.body);
  return new GatewayError(
    'upstream_error',
    `The upstream for ${target.label} answered with a redirect (HTTP ${response.statusCode}), which Switchyard does not follow: check litellm_params.api_base.`,
    { status: 502 },
  );
}

/** A stream request answered 2xx with JSON or HTML (a proxy's page, a wrong base URL). */
function notAStream(response: Dispatcher.ResponseData, target: UpstreamTarget): GatewayError {
  discardBody(response.body);
  const contentType = firstHeader(response.headers['content-type']);
  const mediaType = contentType === undefined ? 'no content-type' : (contentType.split(';')[0] ?? '').trim().slice(0, 100) || 'no content-type';
  return new GatewayError(
    'upstream_invalid_response',
    `The upstream for ${target.label} answered a stream request with ${mediaType} (HTTP ${response.statusCode}) instead of an event stream (text/event-stream).`,
  );
}

/**
 * Closes an answer that will not be read, aborting the upstream request. undici reports a body
 * destroyed before its end as an 'error' event; nobody reads this body, so it is swallowed
 * here rather than left to become an uncaught exception.
 */
function discardBody(body: Dispatcher.ResponseData['body']): void {
  body.on('error', ignore);
  body.destroy();
}

function ignore(): void {}

function isEventStream(contentType: string | string[] | undefined): boolean {
  const value = firstHeader(contentType);
  // A prefix test, not a regex: `text/event-stream; charset=utf-8` is the common form.
  return value !== undefined && value.trimStart().toLowerCase().startsWith('text/event-stream');
}

function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/**
 * The JSON body as text, never more than the size cap. A declared length over the cap is
 * refused before reading; without one (chunked), reading stops when the cap is passed.
 * Leaving the loop destroys the body, which aborts the upstream request.
 */
async function readBody(response: Dispatcher.ResponseData, target: UpstreamTarget): Promise<string> {
  const limit = target.maxResponseBytes;
  const declared = firstHeader(response.headers['content-length']);
  if (declared !== undefined) {
    // undici itself fails a body longer than its content-length, so text() stays bounded.
    if (Number(declared) <= limit) return response.body.text();
    discardBody(response.body);
    throw responseTooLarge(target.label, 'a body', limit);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response.body as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw responseTooLarge(target.label, 'a body', limit);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size).toString('utf8');
}

function parseJson(text: string, target: UpstreamTarget): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new GatewayError('upstream_invalid_response', `The upstream for ${target.label} answered with a body that is not JSON.`);
  }
}
