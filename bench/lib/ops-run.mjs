// `pnpm bench ops`: the standalone proxy with one operations feature on at a time (issue 15),
// each beside `plain` as a ratio of CPU µs per request, json c=16, interleaved repeats.
import { loadRun } from './load-run.mjs';
import { median } from './stats.mjs';
import { freePort, logTail, startTarget, stopAllTargets } from './targets.mjs';
import { verifyTarget } from './latency-probe.mjs';
import { FAKE_TEXT } from '../fake-upstream.mjs';

export const OPS_VARIANTS = [
  ['plain', 'no access log, no metrics, no tracing, no cache'],
  ['access-log', 'the access log as `switchyard` writes it by default now (createAccessLog)'],
  ['access-log-pino', 'the access log as --access-log wrote it before: logger.info(event) through pino with redaction'],
  ['metrics', 'callbacks: [prometheus]'],
  ['otel-api', 'callbacks: [otel], no SDK registered (API no-ops)'],
  ['otel-sdk', 'callbacks: [otel] + the server SDK, BatchSpanProcessor → OTLP/HTTP'],
  ['cache-hit', 'cache: true (local); every request the same, so all but the first are hits'],
];

export async function runOpsSection(settings, { root, log }) {
  const common = { cwd: root, logDirectory: settings.outputDirectory };
  const upstreamPort = await freePort();
  await startTarget({ name: 'direct', args: ['bench/fake-upstream.mjs', '--port', String(upstreamPort)], port: upstreamPort, ...common });
  const targets = [];
  try {
    for (const [variant] of OPS_VARIANTS) {
      const port = await freePort();
      const target = await startTarget({ name: `ops-${variant}`, args: ['bench/ops-host.mjs', '--variant', variant, '--upstream', String(upstreamPort), '--port', String(port)], port, ...common });
      const check = await verifyTarget(target, FAKE_TEXT);
      if (!check.jsonOk) throw new Error(`ops-${variant} did not return the fake upstream's completion: ${check.jsonDetail}\n${logTail(target.logPath)}`);
      targets.push({ variant, target });
    }
    // Longer than the load section's warm-up: the JIT must be done before differences of a few µs show.
    for (const { target } of targets) await loadRun(target, { mode: 'json', connections: 16 }, Math.max(3, settings.warmupSeconds));
    const rows = [];
    const repeats = Math.max(3, settings.repeats);
    for (let repeat = 1; repeat <= repeats; repeat++) {
      for (const { variant, target } of targets) {
        const row = await loadRun(target, { mode: 'json', connections: 16 }, settings.durationSeconds);
        if (!target.isAlive()) throw new Error(`ops-${variant} died:\n${logTail(target.logPath)}`);
        rows.push({ variant, ...row });
        log(`  [${repeat}/${repeats}] ops ${variant.padEnd(16)} ${Math.round(row.requestsPerSecond).toString().padStart(6)} req/s  CPU ${Math.round(row.cpuMicrosPerRequest)} µs/req  non-2xx ${row.non2xx}`);
      }
    }
    const medians = Object.fromEntries(
      OPS_VARIANTS.map(([variant]) => {
        const mine = rows.filter((row) => row.variant === variant);
        return [variant, { cpu: median(mine.map((row) => row.cpuMicrosPerRequest)), rps: median(mine.map((row) => row.requestsPerSecond)), non2xx: mine.reduce((sum, row) => sum + row.non2xx + row.errors, 0) }];
      }),
    );
    return { rows, medians };
  } finally {
    await stopAllTargets();
  }
}

export function opsTable(ops) {
  const plain = ops.medians.plain.cpu;
  const lines = ['| variant | what is on | req/s json c=16 | CPU µs/req | ÷ plain | share of the request\'s CPU | non-2xx |', '|:--|:--|--:|--:|--:|--:|--:|'];
  for (const [variant, description] of OPS_VARIANTS) {
    const cell = ops.medians[variant];
    const share = variant === 'plain' || variant === 'cache-hit' ? '—' : `${(((cell.cpu - plain) / cell.cpu) * 100).toFixed(1)} %`;
    lines.push(`| ${variant} | ${description} | ${Math.round(cell.rps).toLocaleString('en-US')} | ${Math.round(cell.cpu)} | ${(cell.cpu / plain).toFixed(2)} | ${share} | ${cell.non2xx} |`);
  }
  return lines.join('\n');
}
