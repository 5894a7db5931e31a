// Issue 13's CPU target over real sockets: one standalone proxy with a SQLite database, loaded
// in turns with the master key and with a virtual key (cache hit; a budget, rpm and tpm
// reserved and settled per request; every spend row through the outbox into SQLite). The
// same process serves both, so the CPU µs per request of the two runs compare directly.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client, request } from 'undici';
import autocannon from 'autocannon';
import { MASTER_KEY, chatRequestBody } from './bench-settings.mjs';
import { readCpuMicros } from './process-stats.mjs';
import { median, percentile } from './stats.mjs';
import { freePort, logTail, startTarget, stopAllTargets } from './targets.mjs';

export const KEYS_CPU_RATIO_LIMIT = 1.15;

function config(directory, upstreamPort) {
  const path = join(directory, 'keys-config.yaml');
  writeFileSync(path, [
    'model_list:',
    '  - model_name: gpt-4o-mini',
    '    litellm_params:',
    '      model: openai/gpt-4o-mini',
    `      api_base: http://127.0.0.1:${upstreamPort}/v1`,
    '      api_key: sk-test',
    'general_settings:',
    `  master_key: ${MASTER_KEY}`,
    `  database_url: sqlite://${join(directory, 'keys-bench.db')}`,
    '',
  ].join('\n'));
  return path;
}

function load(target, key, seconds) {
  return new Promise((resolve, reject) => {
    autocannon({
      url: `${target.origin}/v1/chat/completions`,
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: chatRequestBody(),
      connections: 16,
      duration: seconds,
    }, (error, result) => (error ? reject(error) : resolve(result)));
  });
}

async function cpuRun(target, key, seconds) {
  const before = readCpuMicros(target.pid);
  const result = await load(target, key, seconds);
  const cpu = readCpuMicros(target.pid) - before;
  return { cpuMicrosPerRequest: cpu / result.requests.total, requestsPerSecond: result.requests.total / ((result.finish - result.start) / 1000), non2xx: result.non2xx + result.errors };
}

/** p50 of `count` sequential requests per key over one keep-alive connection, the keys taking turns, µs. */
async function probe(target, keys, count) {
  const client = new Client(target.origin, { pipelining: 1 });
  const samples = Object.fromEntries(Object.keys(keys).map((name) => [name, []]));
  try {
    for (let index = 0; index < count + 100; index++) {
      for (const [name, key] of Object.entries(keys)) {
        const start = process.hrtime.bigint();
        const response = await client.request({ path: '/v1/chat/completions', method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: chatRequestBody() });
        await response.body.dump();
        if (index >= 100) samples[name].push(Number(process.hrtime.bigint() - start) / 1000);
      }
    }
  } finally {
    await client.close();
  }
  return Object.fromEntries(Object.entries(samples).map(([name, values]) => [name, percentile(values, 0.5)]));
}

export async function runKeysSection(settings, log) {
  const upstreamPort = await freePort();
  const port = await freePort();
  const common = { cwd: settings.repoRoot, logDirectory: settings.outputDirectory };
  await startTarget({ name: 'direct-keys', args: ['bench/fake-upstream.mjs', '--port', String(upstreamPort)], port: upstreamPort, ...common });
  const target = await startTarget({ name: 'keys', args: ['packages/server/bin/switchyard.js', '--config', config(settings.outputDirectory, upstreamPort), '--port', String(port), '--host', '127.0.0.1'], port, ...common });
  try {
    const generated = await request(`${target.origin}/key/generate`, {
      method: 'POST',
      headers: { authorization: `Bearer ${MASTER_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ key_alias: 'bench', max_budget: 1_000_000, rpm_limit: 100_000_000, tpm_limit: 1_000_000_000 }),
    });
    const answer = await generated.body.json();
    if (generated.statusCode !== 200) throw new Error(`/key/generate answered ${generated.statusCode}: ${JSON.stringify(answer)}\n${logTail(target.logPath)}`);
    const keys = { master: MASTER_KEY, virtual: answer.key };
    for (const key of Object.values(keys)) await load(target, key, settings.warmupSeconds);
    const rows = { master: [], virtual: [] };
    const repeats = Math.max(3, settings.repeats);
    for (let repeat = 0; repeat < repeats; repeat++) {
      for (const [name, key] of Object.entries(keys)) {
        const row = await cpuRun(target, key, settings.durationSeconds);
        rows[name].push(row);
        log(`  [${repeat + 1}/${repeats}] ${name.padEnd(7)} ${Math.round(row.requestsPerSecond)} req/s  CPU ${Math.round(row.cpuMicrosPerRequest)} µs/req  non-2xx ${row.non2xx}`);
      }
    }
    const latency = await probe(target, keys, settings.quick ? 300 : 1000);
    if (!target.isAlive()) throw new Error(`the proxy died:\n${logTail(target.logPath)}`);
    const cpu = (name) => median(rows[name].map((row) => row.cpuMicrosPerRequest));
    return {
      masterCpu: cpu('master'),
      virtualCpu: cpu('virtual'),
      ratio: cpu('virtual') / cpu('master'),
      addedLatencyMicros: latency.virtual - latency.master,
      non2xx: [...rows.master, ...rows.virtual].reduce((sum, row) => sum + row.non2xx, 0),
    };
  } finally {
    await stopAllTargets();
  }
}

export function keysTable(keys) {
  const fixed = (value, digits = 0) => (Number.isFinite(value) ? value.toFixed(digits) : '—');
  return [
    '| standalone proxy, json c=16, SQLite | CPU µs/req (median) |',
    '|:--|--:|',
    `| master key | ${fixed(keys.masterCpu)} |`,
    `| virtual key (cache hit, budget + rpm + tpm, spend rows to SQLite) | ${fixed(keys.virtualCpu)} |`,
    `| **ratio** (target ≤ ${KEYS_CPU_RATIO_LIMIT}) | **${fixed(keys.ratio, 2)}** ${keys.ratio <= KEYS_CPU_RATIO_LIMIT ? 'met' : 'MISSED'} |`,
    `| added latency c=1, p50 | ${fixed(keys.addedLatencyMicros)} µs |`,
    `| non-2xx | ${keys.non2xx} |`,
  ].join('\n');
}
