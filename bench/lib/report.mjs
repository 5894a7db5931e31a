// Markdown tables for the console and summary.md, from the results object run.mjs builds.
export const SCENARIOS = [
  { key: 'json-16', mode: 'json', connections: 16, label: 'json c=16' },
  { key: 'json-64', mode: 'json', connections: 64, label: 'json c=64' },
  { key: 'stream-16', mode: 'stream', connections: 16, label: 'stream c=16' },
];
export const CPU_RATIO_LIMIT = 2.5;
export const TTFB_OVERHEAD_LIMIT_MICROS = 1000;
// The targets are judged for the standalone proxy and the Koa host. The express() app
// target is shown for what it tells Express users (the application object's own cost), not judged.
const GATEWAYS = ['express', 'koa'];

const integer = (value) => (Number.isFinite(value) ? Math.round(value).toLocaleString('en-US') : '—');
const fixed = (value, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : '—');
const signed = (value) => (Number.isFinite(value) ? `${value >= 0 ? '+' : ''}${integer(value)}` : '—');

function table(header, rows) {
  const align = header.map((_, index) => (index === 0 ? ':--' : '--:'));
  return [header, align, ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

const LABELS = { direct: 'direct (fake upstream)', undici: 'undici pass-through', express: 'switchyard standalone (express router)', 'express-app': 'switchyard in an express() app', koa: 'switchyard in a koa app' };

export function loadTable(results) {
  const header = ['target', 'req/s c=16', 'req/s c=64', 'stream req/s c=16', 'p50/p99 ms c=16', 'p50/p99 ms c=64', 'stream p50/p99 ms',
    'CPU µs/req c=16', 'CPU µs/req c=64', 'stream CPU µs/req', '+latency c=1 µs', 'stream TTFB µs (+vs direct)', 'first chunk', 'peak RSS MiB', 'non-2xx'];
  const directProbe = results.probe.json.direct;
  const directTtfb = results.probe.stream.direct?.ttfbP50Micros;
  const rows = results.targets.map((name) => {
    const cells = results.load.medians[name] ?? {};
    const cell = (key) => cells[key] ?? {};
    const probe = results.probe.json[name];
    const stream = results.probe.stream[name];
    const flush = results.flush[name];
    const non2xx = SCENARIOS.reduce((sum, { key }) => sum + (cell(key).non2xx ?? 0) + (cell(key).errors ?? 0), 0) + (probe?.non2xx ?? 0) + (stream?.non2xx ?? 0);
    return [
      LABELS[name] ?? name,
      ...SCENARIOS.map(({ key }) => integer(cell(key).requestsPerSecond)),
      ...SCENARIOS.map(({ key }) => `${fixed(cell(key).latencyP50Ms, 0)}/${fixed(cell(key).latencyP99Ms, 0)}`),
      ...SCENARIOS.map(({ key }) => integer(cell(key).cpuMicrosPerRequest)),
      name === 'direct' ? `(${integer(probe?.p50Micros)})` : signed(probe?.p50Micros - directProbe?.p50Micros),
      name === 'direct' ? integer(stream?.ttfbP50Micros) : `${integer(stream?.ttfbP50Micros)} (${signed(stream?.ttfbP50Micros - directTtfb)})`,
      flush === undefined ? '—' : flush.detail,
      fixed(results.memory[name]?.peakRssKib / 1024),
      String(non2xx),
    ];
  });
  return table(header, rows);
}

export function ratioTable(results) {
  const others = results.targets.filter((name) => name !== 'undici');
  const header = ['÷ undici pass-through', ...others.map((name) => name)];
  const rows = [];
  for (const metric of [['requestsPerSecond', 'req/s'], ['cpuMicrosPerRequest', 'CPU µs/req']]) {
    for (const scenario of SCENARIOS) {
      rows.push([`${metric[1]} ${scenario.label}`, ...others.map((name) => fixed(results.ratios[name]?.[scenario.key]?.[metric[0]], 2))]);
    }
  }
  return table(header, rows);
}

/** The performance targets, judged per gateway host. */
export function judgeGoals(results) {
  const goals = [];
  const directTtfb = results.probe.stream.direct?.ttfbP50Micros;
  for (const name of GATEWAYS.filter((gateway) => results.targets.includes(gateway))) {
    const cpuRatio = results.ratios[name]?.['json-16']?.cpuMicrosPerRequest;
    goals.push({ goal: `CPU µs/req ≤ ${CPU_RATIO_LIMIT}× pass-through (json c=16)`, target: name, measured: `${fixed(cpuRatio, 2)}×`,
      met: Number.isFinite(cpuRatio) ? cpuRatio <= CPU_RATIO_LIMIT : undefined });
    const overhead = results.probe.stream[name]?.ttfbP50Micros - directTtfb;
    goals.push({ goal: 'streaming first chunk adds < 1 ms (TTFB p50 vs direct)', target: name, measured: `${signed(overhead)} µs`,
      met: Number.isFinite(overhead) ? overhead < TTFB_OVERHEAD_LIMIT_MICROS : undefined });
  }
  return goals;
}

export function goalTable(goals) {
  const verdict = (met) => (met === undefined ? 'not measured' : met ? 'met' : 'MISSED');
  return table(['goal', 'target', 'measured', 'result'], goals.map((goal) => [goal.goal, goal.target, goal.measured, verdict(goal.met)]));
}

export function microTable(micro) {
  const rows = micro.map((entry) =>
    entry.error ? [entry.file, 'error', '', entry.error.split('\n')[0]] : [entry.name, fixed(entry.value, entry.value < 10 ? 2 : 1), entry.unit, entry.detail ?? '']);
  return table(['micro-benchmark', 'value', 'unit', 'detail'], rows);
}
