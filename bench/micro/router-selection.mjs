// The router's cost: one deployment pick per strategy among 10 deployments (budget ≤ 10 µs p50),
// and gateway.handle() through a 3-deployment group against a single deployment (≤ 1.05×).
import {
  DeploymentHealth,
  ROUTING_STRATEGIES,
  createGateway,
  pickCandidate,
  readRouterSettings,
  routeParams,
  silentLogger,
} from '@switchyard/core';
import { measureMicros } from '../lib/measure.mjs';

const NOW = Date.now();
const signal = new AbortController().signal;
const messages = [{ role: 'user', content: 'Say hello in five words, please.' }];

function candidates(gateway) {
  return gateway.snapshot().lookup('group').map((target, index) => {
    const health = new DeploymentHealth();
    health.roll(NOW);
    health.inFlight = index % 3;
    health.tokens = 100 * index;
    for (let sample = 0; sample < 16; sample++) health.recordLatency(100 + index * 7 + sample, NOW);
    health.recordOutcome(index % 4 === 0);
    return { target, params: routeParams(target), health };
  });
}

function groupConfig(size, extra = {}) {
  const model_list = Array.from({ length: size }, (_, index) => ({
    model_name: 'group',
    litellm_params: { model: 'openai/gpt-4o', mock_response: 'hi', rpm: 1000 + index, tpm: 1_000_000, weight: index + 1, ...extra },
  }));
  return { model_list };
}

export default async function routerSelection({ quick }) {
  const iterations = quick ? 5000 : 50_000;
  const gateway = createGateway({ config: groupConfig(10), logger: silentLogger });
  const pool = candidates(gateway);
  const results = [];
  for (const strategy of ROUTING_STRATEGIES) {
    const settings = readRouterSettings({ routing_strategy: strategy });
    const failed = new Set();
    const options = { now: NOW, random: Math.random, settings, estimatedTokens: 0 };
    const measured = await measureMicros(() => {
      if (pickCandidate(pool, failed, options).kind !== 'picked') throw new Error(`${strategy} picked nothing`);
    }, { iterations, warmup: 2000, batch: 10 });
    results.push({ name: `pick among 10 deployments: ${strategy} p50`, value: measured.p50, unit: 'µs/call', detail: `p99 ${measured.p99.toFixed(2)} µs` });
  }
  await gateway.close();

  const request = { method: 'POST', path: '/v1/chat/completions', headers: {}, body: { model: 'group', messages }, signal };
  const handle = async (size) => {
    const routed = createGateway({ config: groupConfig(size), logger: silentLogger });
    const measured = await measureMicros(async () => {
      const response = await routed.handle(request);
      if (response.status !== 200) throw new Error(`handle() answered ${response.status}`);
    }, { iterations: quick ? 2000 : 20_000, warmup: 1000 });
    await routed.close();
    return measured;
  };
  const one = await handle(1);
  const three = await handle(3);
  results.push(
    { name: 'gateway.handle() 1-deployment group p50', value: one.p50, unit: 'µs/call' },
    { name: 'gateway.handle() 3-deployment group p50', value: three.p50, unit: 'µs/call', detail: `${(three.p50 / one.p50).toFixed(3)}× the single deployment` },
  );
  return results;
}
