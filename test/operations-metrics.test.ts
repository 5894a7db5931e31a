import { createHash } from 'node:crypto';
import { createGateway, silentLogger } from '@switchyard/core';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { modelEntry, modelsConfig } from './support/model-config.js';
import { FakeUpstream } from './support/fake-upstream.js';
import { ALL_HOSTS, type Host, type StartHost } from './support/hosts.js';
import { parsePrometheus, seriesCount, sumOf, type Sample } from './support/prometheus-text.js';

const MASTER_KEY = 'sk-master';
const HASHED_MASTER_KEY = createHash('sha256').update(MASTER_KEY).digest('hex');

function config(apiBase: string) {
  return modelsConfig(
    [
      modelEntry(apiBase, 'gpt-4o-mini', 'openai/gpt-4o-mini'),
      modelEntry(apiBase, 'broken', 'openai/error-500'),
      modelEntry(apiBase, 'primary', 'openai/error-500'),
    ],
    {
      litellm_settings: { callbacks: ['prometheus'], cache: true, cache_params: { type: 'local' } },
      router_settings: { num_retries: 0, fallbacks: [{ primary: ['gpt-4o-mini'] }] },
    },
  );
}

describe.each(ALL_HOSTS)('GET /metrics through the %s host', (_name, startHost: StartHost) => {
  let upstream: FakeUpstream;
  let host: Host;
  let client: OpenAI;
  let samples: Sample[];
  let overheadHeader: string | null = null;

  const scrape = async () => {
    const response = await fetch(`${host.gatewayUrl}/metrics`, { headers: { authorization: `Bearer ${MASTER_KEY}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    return response.text();
  };

  beforeAll(async () => {
    upstream = await FakeUpstream.start();
    host = await startHost({ config: config(upstream.url) });
    client = new OpenAI({ baseURL: `${host.gatewayUrl}/v1`, apiKey: MASTER_KEY, maxRetries: 0 });

    // The scripted mix: a success, the same request again (a cache hit), a failure, a fallback, a stream.
    const ask = { model: 'gpt-4o-mini', messages: [{ role: 'user' as const, content: 'metrics mix' }], user: 'alice' };
    const first = await client.chat.completions.create(ask).withResponse();
    overheadHeader = first.response.headers.get('x-switchyard-overhead-ms');
    const again = await client.chat.completions.create(ask).withResponse();
    expect(again.response.headers.get('x-switchyard-cache')).toBe('hit');
    await expect(client.chat.completions.create({ model: 'broken', messages: [{ role: 'user', content: 'fail' }] })).rejects.toMatchObject({ status: 500 });
    const fallback = await client.chat.completions.create({ model: 'primary', messages: [{ role: 'user', content: 'fall back' }] }).withResponse();
    expect(fallback.response.headers.get('x-switchyard-fallback')).toBe('true');
    const stream = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'stream me' }], stream: true });
    for await (const _chunk of stream);
    samples = parsePrometheus(await scrape());
  });
  afterAll(async () => {
    await host.close();
    await upstream.close();
  });

  it('needs the master key', async () => {
    const response = await fetch(`${host.gatewayUrl}/metrics`);
    expect(response.status).toBe(401);
    expect((await response.json()) as unknown).toMatchObject({ error: { code: 'invalid_api_key' } });
  });

  it('counts a model request refused for its key, without labelling the key it sent', async () => {
    const refused = await fetch(`${host.gatewayUrl}/v1/chat/completions`, { method: 'POST', headers: { authorization: 'Bearer sk-wrong-key-123', 'content-type': 'application/json' }, body: '{}' });
    expect(refused.status).toBe(401);
    const after = parsePrometheus(await scrape());
    expect(sumOf(after, 'litellm_proxy_failed_requests_metric_total', { exception_status: '401', exception_class: 'invalid_api_key', hashed_api_key: '' })).toBe(1);
    expect(await scrape()).not.toContain(createHash('sha256').update('sk-wrong-key-123').digest('hex'));
  });

  it('counts every request by status, failures by status and code', () => {
    expect(sumOf(samples, 'litellm_proxy_total_requests_metric_total')).toBe(5);
    expect(sumOf(samples, 'litellm_proxy_total_requests_metric_total', { requested_model: 'gpt-4o-mini', status_code: '200' })).toBe(3);
    expect(sumOf(samples, 'litellm_proxy_failed_requests_metric_total', { requested_model: 'broken', exception_status: '500', exception_class: 'upstream_error' })).toBe(1);
    expect(sumOf(samples, 'litellm_proxy_failed_requests_metric_total')).toBe(1);
  });

  it('counts the fallback that answered, the cache hit, tokens and spend (the hit costs nothing)', () => {
    expect(sumOf(samples, 'litellm_deployment_successful_fallbacks_total', { requested_model: 'primary', fallback_model: 'gpt-4o-mini', exception_status: '500' })).toBe(1);
    expect(sumOf(samples, 'litellm_deployment_failed_fallbacks_total')).toBe(0);
    expect(sumOf(samples, 'switchyard_cache_requests_total', { result: 'hit' })).toBe(1);
    // Misses: the first request, the failure, the fallback and the stream (each a distinct request).
    expect(sumOf(samples, 'switchyard_cache_requests_total', { result: 'miss' })).toBe(4);
    // The fake upstream reports 12 input and 3 output tokens; three answers came from it (the hit did not).
    expect(sumOf(samples, 'litellm_input_tokens_metric_total')).toBe(36);
    expect(sumOf(samples, 'litellm_output_tokens_metric_total')).toBe(9);
    // gpt-4o-mini: 12 × $0.15/M + 3 × $0.60/M per answer, three answers.
    expect(sumOf(samples, 'litellm_spend_metric_total')).toBeCloseTo(3 * (12 * 0.15e-6 + 3 * 0.6e-6), 12);
    expect(sumOf(samples, 'switchyard_unpriced_requests_total')).toBe(0);
  });

  it('observes total latency, upstream latency, first-token time and overhead as histograms', () => {
    expect(sumOf(samples, 'litellm_request_total_latency_metric_count')).toBe(5);
    // One upstream call each for the success, the failure and the stream, two for the fallback.
    expect(sumOf(samples, 'litellm_llm_api_latency_metric_count')).toBe(5);
    expect(sumOf(samples, 'litellm_llm_api_time_to_first_token_metric_count', { requested_model: 'gpt-4o-mini' })).toBe(1);
    expect(sumOf(samples, 'litellm_overhead_latency_metric_count')).toBe(5);
    const overheadSeconds = sumOf(samples, 'litellm_overhead_latency_metric_sum');
    const totalSeconds = sumOf(samples, 'litellm_request_total_latency_metric_sum');
    expect(overheadSeconds).toBeGreaterThan(0);
    expect(overheadSeconds).toBeLessThan(totalSeconds);
    expect(Number(overheadHeader)).toBeGreaterThan(0);
  });

  it('reports deployment state from the router and nothing in flight once all ended', () => {
    const state = (group: string) => samples.find((sample) => sample.name === 'litellm_deployment_state' && sample.labels.model_group === group)?.value;
    expect(state('gpt-4o-mini')).toBe(0);
    expect(state('broken')).toBe(1); // failed this minute, not cooled down (a group of one never is)
    expect(sumOf(samples, 'litellm_in_flight_requests')).toBe(0);
  });

  it('labels keys by their SHA-256 and users by a hash, never as sent', async () => {
    const text = await scrape();
    expect(text).not.toContain(MASTER_KEY + '"');
    expect(text).not.toContain('alice');
    expect(sumOf(samples, 'litellm_proxy_total_requests_metric_total', { hashed_api_key: HASHED_MASTER_KEY })).toBe(5);
  });

  it('keeps serving after /metrics is asked with a bad method', async () => {
    const response = await fetch(`${host.gatewayUrl}/metrics`, { method: 'POST', headers: { authorization: `Bearer ${MASTER_KEY}` } });
    expect(response.status).toBe(405);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('method_not_allowed');
    expect((await fetch(`${host.gatewayUrl}/health/liveliness`)).status).toBe(200);
  });
});

describe('metrics options', () => {
  it('bounds label cardinality: 10,000 distinct users make at most 101 end_user values', async () => {
    const gateway = createGateway({
      config: { model_list: [{ model_name: 'demo', litellm_params: { model: 'openai/demo', mock_response: 'hi' } }], litellm_settings: { callbacks: ['prometheus'] } },
      logger: silentLogger,
    });
    const signal = new AbortController().signal;
    for (let index = 0; index < 10_000; index++) {
      const response = await gateway.handle({
        method: 'POST',
        path: '/v1/chat/completions',
        headers: { authorization: `Bearer user-key-${index % 3}` },
        body: { model: 'demo', messages: [{ role: 'user', content: 'x' }], user: `user-${index}@example.com` },
        signal,
      });
      expect(response.status).toBe(200);
    }
    const metrics = await gateway.handle({ method: 'GET', path: '/metrics', headers: {}, signal });
    const text = (metrics as { body: string }).body;
    const samples = parsePrometheus(text);
    expect(sumOf(samples, 'litellm_proxy_total_requests_metric_total')).toBe(10_000);
    // 100 users with their own hash (each seen with one of the 3 keys) + __other__ for each key.
    expect(seriesCount(samples, 'litellm_proxy_total_requests_metric_total')).toBeLessThanOrEqual(103);
    expect(new Set(samples.map((sample) => sample.labels.end_user).filter(Boolean)).size).toBeLessThanOrEqual(101);
    expect(sumOf(samples, 'litellm_proxy_total_requests_metric_total', { end_user: '__other__' })).toBe(9_900);
    expect(text).not.toContain('@example.com');
    expect(text).not.toContain('user-key-');
    await gateway.close();
  });

  it('is public with require_auth_for_metrics_endpoint: false, and absent without the prometheus callback', async () => {
    const signal = new AbortController().signal;
    const base = { model_list: [], general_settings: { master_key: 'sk-admin' } };
    const open = createGateway({ config: { ...base, litellm_settings: { callbacks: ['prometheus'], require_auth_for_metrics_endpoint: false } }, logger: silentLogger });
    expect((await open.handle({ method: 'GET', path: '/metrics', headers: {}, signal })).status).toBe(200);
    const guarded = createGateway({ config: { ...base, litellm_settings: { success_callback: ['prometheus'] } }, logger: silentLogger });
    expect((await guarded.handle({ method: 'GET', path: '/metrics', headers: {}, signal })).status).toBe(401);
    const none = createGateway({ config: base, logger: silentLogger });
    expect((await none.handle({ method: 'GET', path: '/metrics', headers: { authorization: 'Bearer sk-admin' }, signal })).status).toBe(404);
    expect(none.metrics).toBeUndefined();
    await Promise.all([open.close(), guarded.close(), none.close()]);
  });

  it('takes gauges from hooks (queue depth, key budgets) and counts reloads', async () => {
    const signal = new AbortController().signal;
    const gateway = createGateway({ config: { model_list: [] }, metrics: true, logger: silentLogger });
    let depth = 3;
    gateway.metrics!.queueDepth('spend_outbox', () => depth);
    gateway.metrics!.keyBudgets(() => [{ hashedApiKey: 'abc123', alias: 'team-a', remaining: 12.5 }]);
    await gateway.reloadConfig({ model_list: [] });
    await expect(gateway.reloadConfig({ model_list: 'nope' } as never)).rejects.toThrow();
    depth = 7;
    const read = async () => parsePrometheus(((await gateway.handle({ method: 'GET', path: '/metrics', headers: {}, signal })) as { body: string }).body);
    const samples = await read();
    expect(sumOf(samples, 'switchyard_queue_depth', { queue: 'spend_outbox' })).toBe(7);
    expect(sumOf(samples, 'litellm_remaining_api_key_budget_metric', { hashed_api_key: 'abc123', api_key_alias: 'team-a' })).toBe(12.5);
    expect(sumOf(samples, 'switchyard_reloads_total', { kind: 'config', outcome: 'success' })).toBe(1);
    expect(sumOf(samples, 'switchyard_reloads_total', { kind: 'config', outcome: 'failure' })).toBe(1);
    await gateway.close();
  });
});

describe('config reload', () => {
  it('names a change of callbacks or cache as needing a restart', async () => {
    const gateway = createGateway({ config: { model_list: [], litellm_settings: { callbacks: ['prometheus'] } }, logger: silentLogger });
    const same = await gateway.reloadConfig({ model_list: [], litellm_settings: { callbacks: ['prometheus'] } });
    expect(same.restart_required).toEqual([]);
    const changed = await gateway.reloadConfig({ model_list: [], litellm_settings: { callbacks: ['prometheus'], cache: true } });
    expect(changed.restart_required).toEqual(['litellm_settings.callbacks/cache']);
    await gateway.close();
  });
});
