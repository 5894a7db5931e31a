// A full reload of LiteLLM's whole cost map (bench/data, ~2,900 keys, 1.7 MB) as a capability
// source: read + JSON.parse + convert + validate against the capability schema + compile the
// configured deployments' validators + swap. Target: ≤ 1 s. Also the parts that are public API
// (JSON.parse, convertLitellmMap) alone, and the reload with 100 deployments configured.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { convertLitellmMap, createGateway, silentLogger } from '@switchyard/core';
import { median } from '../lib/stats.mjs';
import { timeMillis } from '../lib/measure.mjs';

const MAP_PATH = fileURLToPath(new URL('../data/model_prices_and_context_window.json', import.meta.url));
const deployment = (name) => ({ model_name: name, litellm_params: { model: `openai/${name}`, mock_response: 'hi' } });

async function reloadTimes(modelNames, runs) {
  const config = { model_list: modelNames.map(deployment), capabilities: { sources: ['builtin', { path: MAP_PATH, format: 'litellm' }] } };
  let summary;
  const startupMs = await timeMillis(() => {
    const gateway = createGateway({ config, logger: silentLogger });
    return gateway.close();
  });
  const gateway = createGateway({ config, logger: silentLogger });
  const times = [];
  for (let run = 0; run < runs; run++) {
    times.push(await timeMillis(async () => (summary = await gateway.reload())));
  }
  await gateway.close();
  return { startupMs, median: median(times), max: Math.max(...times), summary };
}

export default async function capabilityReload({ quick }) {
  const runs = quick ? 3 : 9;
  const text = readFileSync(MAP_PATH, 'utf8');
  const parseTimes = [];
  for (let run = 0; run < runs; run++) parseTimes.push(await timeMillis(() => JSON.parse(text)));
  const parseMs = median(parseTimes);
  const map = JSON.parse(text);
  const convertTimes = [];
  let conversion;
  for (let run = 0; run < runs; run++) convertTimes.push(await timeMillis(() => (conversion = convertLitellmMap(map))));

  const few = await reloadTimes(['gpt-5.5', 'gpt-5.5-pro', 'gpt-4o-mini', 'o3', 'text-embedding-3-small'], runs);
  const hundred = await reloadTimes(Object.keys(conversion.file.models).slice(0, 100), runs);
  const keys = Object.keys(map).length;
  const models = few.summary.sources[1].models;

  return [
    { name: 'full LiteLLM map reload, median', value: few.median, unit: 'ms', detail: `max ${few.max.toFixed(1)} ms over ${runs}; ${keys} keys → ${models} entries, ${few.summary.problems.length} problems; 5 deployments; target ≤ 1000 ms` },
    { name: 'full LiteLLM map reload, 100 deployments, median', value: hundred.median, unit: 'ms', detail: `max ${hundred.max.toFixed(1)} ms; validators compiled for 100 deployments` },
    { name: 'createGateway() with the map as a source (cold)', value: few.startupMs, unit: 'ms', detail: 'first gateway in the process: schema compile + builtin + map, synchronous' },
    { name: 'JSON.parse of the map, median', value: parseMs, unit: 'ms', detail: `${(text.length / 1e6).toFixed(2)} MB` },
    { name: 'convertLitellmMap, median', value: median(convertTimes), unit: 'ms' },
  ];
}
