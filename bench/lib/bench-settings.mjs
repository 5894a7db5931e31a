// Everything the harness can be told through the environment, read once.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const TARGET_NAMES = ['direct', 'undici', 'express', 'express-app', 'koa'];
export const MASTER_KEY = 'sk-bench';

function number(name, fallback) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a non-negative number, got "${raw}"`);
  return value;
}

export function readBenchSettings(argv) {
  const quick = process.env.BENCH_QUICK === '1';
  const sections = argv.length === 0 ? ['load', 'micro', 'bigbody', 'keys', 'ops'] : argv;
  for (const section of sections) {
    if (!['load', 'micro', 'bigbody', 'keys', 'ops'].includes(section)) throw new Error(`unknown section "${section}" (expected: load, micro, bigbody, keys, ops)`);
  }
  const targets = (process.env.BENCH_TARGETS ?? TARGET_NAMES.join(',')).split(',').map((name) => name.trim()).filter(Boolean);
  for (const name of targets) {
    if (!TARGET_NAMES.includes(name)) throw new Error(`BENCH_TARGETS: unknown target "${name}" (known: ${TARGET_NAMES.join(', ')})`);
  }
  // `direct` is the upstream of every proxy and the baseline of the +latency columns: always there.
  if (!targets.includes('direct')) targets.unshift('direct');
  return {
    quick,
    sections,
    targets,
    durationSeconds: number('BENCH_DURATION', quick ? 2 : 5),
    warmupSeconds: number('BENCH_WARMUP', 1),
    repeats: Math.max(1, Math.floor(number('BENCH_REPEATS', 1))),
    connections: [16, 64],
    streamConnections: 16,
    probeRequests: Math.floor(number('BENCH_PROBE_N', quick ? 500 : 2000)),
    probeStreamRequests: Math.floor(number('BENCH_PROBE_STREAM_N', quick ? 100 : 300)),
    outputDirectory: mkdtempSync(join(process.env.BENCH_OUT ?? tmpdir(), 'switchyard-bench-')),
  };
}

/** The gateway config both Switchyard targets load: gpt-4o-mini (and a slow twin) → the fake upstream. */
export function writeGatewayConfig(directory, upstreamPort) {
  const entry = (name) => [
    `  - model_name: ${name}`,
    '    litellm_params:',
    `      model: openai/${name}`,
    `      api_base: http://127.0.0.1:${upstreamPort}/v1`,
    '      api_key: sk-test',
  ];
  const yaml = ['model_list:', ...entry('gpt-4o-mini'), ...entry('gpt-4o-mini-slow'), 'general_settings:', `  master_key: ${MASTER_KEY}`, ''];
  const path = join(directory, 'config.yaml');
  writeFileSync(path, yaml.join('\n'));
  return path;
}

const messages = [
  { role: 'system', content: 'You are a helpful assistant.' },
  { role: 'user', content: 'Say hello in five words, please.' },
];

/** The ~200-byte request every target gets; `stream` adds stream_options.include_usage. */
export function chatRequestBody({ stream = false, model = 'gpt-4o-mini' } = {}) {
  const body = { model, messages, max_tokens: 32 };
  return JSON.stringify(stream ? { ...body, stream: true, stream_options: { include_usage: true } } : body);
}

export const REQUEST_HEADERS = { 'content-type': 'application/json', authorization: `Bearer ${MASTER_KEY}` };
