// `pnpm bench [load] [micro]`: Switchyard beside a bare undici proxy, over loopback, in one run.
// See docs/performance.md for the method and how to read the numbers.
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FAKE_TEXT } from './fake-upstream.mjs';
import { TARGET_NAMES, readBenchSettings, writeGatewayConfig } from './lib/bench-settings.mjs';
import { checkStreamFlushing, probeLatency, verifyTarget } from './lib/latency-probe.mjs';
import { bigBodyTable, runBigBodyScenarios } from './lib/big-body-run.mjs';
import { loadRun } from './lib/load-run.mjs';
import { keysTable, runKeysSection } from './lib/keys-run.mjs';
import { runMicroBenchmarks } from './lib/micro-runner.mjs';
import { opsTable, runOpsSection, OPS_VARIANTS } from './lib/ops-run.mjs';
import { readMemoryKib } from './lib/process-stats.mjs';
import { SCENARIOS, goalTable, judgeGoals, loadTable, microTable, ratioTable } from './lib/report.mjs';
import { median } from './lib/stats.mjs';
import { freePort, killAllTargetsNow, logTail, startTarget, stopAllTargets } from './lib/targets.mjs';

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
const log = (line = '') => process.stdout.write(`${line}\n`);

async function startTargets(settings, failures) {
  const upstreamPort = await freePort();
  const configPath = writeGatewayConfig(settings.outputDirectory, upstreamPort);
  const upstreamUrl = `http://127.0.0.1:${upstreamPort}`;
  const commands = {
    direct: () => ['bench/fake-upstream.mjs', '--port', String(upstreamPort)],
    undici: (port) => ['bench/undici-passthrough.mjs', '--port', String(port), '--upstream', upstreamUrl],
    express: (port) => ['packages/server/bin/switchyard.js', '--config', configPath, '--port', String(port), '--host', '127.0.0.1'],
    'express-app': (port) => ['bench/express-app-host.mjs', '--config', configPath, '--port', String(port)],
    koa: (port) => ['bench/koa-host.mjs', '--config', configPath, '--port', String(port)],
  };
  const targets = [];
  for (const name of TARGET_NAMES.filter((known) => settings.targets.includes(known))) {
    const port = name === 'direct' ? upstreamPort : await freePort();
    try {
      const target = await startTarget({ name, args: commands[name](port), port, cwd: REPO_ROOT, logDirectory: settings.outputDirectory });
      const check = await verifyTarget(target, FAKE_TEXT);
      if (!check.jsonOk) throw new Error(`${name} did not return the fake upstream's completion: ${check.jsonDetail}\n${logTail(target.logPath)}`);
      if (!check.streamOk) log(`warning: ${name}'s streaming round trip looks wrong: ${check.streamDetail}`);
      log(`started ${name} (pid ${target.pid}, port ${port})`);
      targets.push(target);
    } catch (error) {
      if (name === 'direct') throw error;
      failures.push(`${name}: ${error.message}`);
      log(`error: ${name} left out: ${error.message}`);
    }
  }
  return targets;
}

async function runLoadSection(settings, results, failures) {
  const targets = await startTargets(settings, failures);
  results.targets = targets.map((target) => target.name);
  const assertAlive = () => {
    const dead = targets.find((target) => !target.isAlive());
    if (dead) throw new Error(`${dead.name} died during the run:\n${logTail(dead.logPath)}`);
  };

  log(`\nwarm-up: ${settings.warmupSeconds} s json + ${settings.warmupSeconds} s stream per target`);
  for (const target of targets) {
    for (const mode of ['json', 'stream']) await loadRun(target, { mode, connections: 16 }, settings.warmupSeconds);
  }
  for (let repeat = 1; repeat <= settings.repeats; repeat++) {
    for (const scenario of SCENARIOS) {
      for (const target of targets) {
        const row = await loadRun(target, scenario, settings.durationSeconds);
        assertAlive();
        results.load.rows.push({ repeat, ...row });
        log(`  [${repeat}/${settings.repeats}] ${scenario.label.padEnd(11)} ${target.name.padEnd(8)} ${Math.round(row.requestsPerSecond).toString().padStart(6)} req/s  ` +
          `p50 ${row.latencyP50Ms} ms  p99 ${row.latencyP99Ms} ms  CPU ${Math.round(row.cpuMicrosPerRequest)} µs/req  non-2xx ${row.non2xx}`);
      }
    }
  }

  log(`\nc=1 probe: ${settings.probeRequests} json + ${settings.probeStreamRequests} streaming requests per target`);
  results.probe.json = await probeLatency(targets, { count: settings.probeRequests, stream: false });
  results.probe.stream = await probeLatency(targets, { count: settings.probeStreamRequests, stream: true, warmup: 50 });
  for (const target of targets) results.flush[target.name] = await checkStreamFlushing(target);
  assertAlive();
  for (const target of targets) results.memory[target.name] = readMemoryKib(target.pid);
  await stopAllTargets();
  summarize(results);
}

function summarize(results) {
  for (const name of results.targets) {
    results.load.medians[name] = {};
    for (const scenario of SCENARIOS) {
      const rows = results.load.rows.filter((row) => row.target === name && row.mode === scenario.mode && row.connections === scenario.connections);
      const pick = (field) => median(rows.map((row) => row[field]));
      const sum = (field) => rows.reduce((total, row) => total + row[field], 0);
      results.load.medians[name][scenario.key] = {
        requestsPerSecond: pick('requestsPerSecond'), latencyP50Ms: pick('latencyP50Ms'), latencyP99Ms: pick('latencyP99Ms'),
        cpuMicrosPerRequest: pick('cpuMicrosPerRequest'), non2xx: sum('non2xx'), errors: sum('errors') + sum('timeouts'),
      };
    }
  }
  const floor = results.load.medians.undici;
  for (const name of results.targets) {
    results.ratios[name] = {};
    for (const { key } of SCENARIOS) {
      const cell = results.load.medians[name][key];
      results.ratios[name][key] = {
        requestsPerSecond: floor ? cell.requestsPerSecond / floor[key].requestsPerSecond : Number.NaN,
        cpuMicrosPerRequest: floor ? cell.cpuMicrosPerRequest / floor[key].cpuMicrosPerRequest : Number.NaN,
      };
    }
  }
  results.goals = judgeGoals(results);
}

function printLoadReport(results) {
  const report = ['## Load (loopback, autocannon; medians over repeats)', '', loadTable(results), '', '## Ratios to the undici pass-through', '',
    ratioTable(results), '', '## Issue 2 targets', '', results.goals.length > 0 ? goalTable(results.goals) : '(no Switchyard target ran)', ''].join('\n');
  log(`\n${report}`);
  const bad = results.targets.filter((name) => SCENARIOS.some(({ key }) => results.load.medians[name][key].non2xx + results.load.medians[name][key].errors > 0)
    || results.probe.json[name]?.non2xx > 0 || results.probe.stream[name]?.non2xx > 0);
  if (bad.length > 0) log(`WARNING: non-2xx answers or socket errors from ${bad.join(', ')}: those rows measured an error path, not the gateway.`);
  for (const [name, flush] of Object.entries(results.flush)) {
    if (!flush.ok) log(`WARNING: ${name} did not forward the first stream chunk early (${flush.detail}).`);
  }
  return report;
}

/** Issue 7 item 6: small-request latency on the standalone proxy while big bodies arrive. */
async function runBigBodySection(settings, results, failures) {
  log(`\nbig bodies: small requests (4 connections, ${settings.durationSeconds} s per scenario) while big bodies arrive`);
  const upstreamPort = await freePort();
  const configPath = writeGatewayConfig(settings.outputDirectory, upstreamPort);
  const port = await freePort();
  const common = { cwd: REPO_ROOT, logDirectory: settings.outputDirectory };
  await startTarget({ name: 'direct', args: ['bench/fake-upstream.mjs', '--port', String(upstreamPort)], port: upstreamPort, ...common });
  const target = await startTarget({
    name: 'express', args: ['packages/server/bin/switchyard.js', '--config', configPath, '--port', String(port), '--host', '127.0.0.1'], port, ...common,
  });
  try {
    results.bigBody = await runBigBodyScenarios(target, { seconds: settings.durationSeconds, log });
    if (!target.isAlive()) failures.push(`bigbody: the proxy died:\n${logTail(target.logPath)}`);
  } finally {
    await stopAllTargets();
  }
  const report = `## Small requests while big bodies arrive (standalone proxy)\n\n${bigBodyTable(results.bigBody)}\n`;
  log(`\n${report}`);
  return report;
}

async function main() {
  const settings = readBenchSettings(process.argv.slice(2));
  // Whatever happens, bounded: expected duration × 3 + 3 minutes, then everything is killed.
  const loadSeconds = settings.sections.includes('load')
    ? settings.targets.length * (2 * settings.warmupSeconds + settings.repeats * SCENARIOS.length * settings.durationSeconds) + 120 : 0;
  const bigBodySeconds = (settings.sections.includes('bigbody') ? 4 * (settings.durationSeconds + 5) : 0) + (settings.sections.includes('keys') ? 8 * (settings.durationSeconds + 5) : 0);
  const opsSeconds = settings.sections.includes('ops') ? OPS_VARIANTS.length * (Math.max(3, settings.warmupSeconds) + Math.max(3, settings.repeats) * settings.durationSeconds + 5) : 0;
  const limitMs = ((loadSeconds + bigBodySeconds + opsSeconds) * 3 + 180 + (settings.sections.includes('micro') ? 300 : 0)) * 1000;
  setTimeout(() => {
    log(`error: the bench did not finish within ${Math.round(limitMs / 1000)} s; stopping`);
    killAllTargetsNow();
    process.exit(1);
  }, limitMs).unref();

  const results = {
    startedAt: new Date().toISOString(), node: process.version, settings, loadAverageBefore: loadavg(),
    targets: [], load: { rows: [], medians: {} }, probe: { json: {}, stream: {} }, flush: {}, memory: {}, ratios: {}, goals: [], micro: [],
  };
  const failures = [];
  log(`switchyard bench: sections ${settings.sections.join(', ')}; ${settings.durationSeconds} s per run, ${settings.repeats} repeat(s); output in ${settings.outputDirectory}`);
  const reports = [];
  if (settings.sections.includes('load')) {
    await runLoadSection(settings, results, failures);
    reports.push(printLoadReport(results));
  }
  if (settings.sections.includes('bigbody')) {
    reports.push(await runBigBodySection(settings, results, failures));
  }
  if (settings.sections.includes('keys')) {
    log(`\nvirtual keys: the standalone proxy with SQLite, master key vs virtual key, ${settings.durationSeconds} s per run`);
    try {
      results.keys = await runKeysSection({ ...settings, repoRoot: REPO_ROOT }, log);
      const report = `## Virtual keys (issue 13)\n\n${keysTable(results.keys)}\n`;
      log(`\n${report}`);
      reports.push(report);
    } catch (error) {
      failures.push(`keys: ${error.message}`);
    }
  }
  if (settings.sections.includes('ops')) {
    log(`\nops: the standalone proxy with one operations feature on at a time, json c=16, ${settings.durationSeconds} s per run`);
    results.ops = await runOpsSection(settings, { root: REPO_ROOT, log });
    const report = `## Operations features (issue 15), standalone proxy, json c=16\n\n${opsTable(results.ops)}\n`;
    log(`\n${report}`);
    reports.push(report);
  }
  if (settings.sections.includes('micro')) {
    log('\nmicro-benchmarks (bench/micro/*.mjs)');
    results.micro = await runMicroBenchmarks({ quick: settings.quick, onResult: (entry) => log(`  ${entry.name ?? entry.file}: ${entry.error ?? `${Number(entry.value).toFixed(2)} ${entry.unit}`}`) });
    const report = `## Micro-benchmarks\n\n${microTable(results.micro)}\n`;
    log(`\n${report}`);
    reports.push(report);
    for (const entry of results.micro.filter((micro) => micro.error)) failures.push(`micro ${entry.file}: ${entry.error}`);
  }
  results.loadAverageAfter = loadavg();
  results.failures = failures;
  writeFileSync(join(settings.outputDirectory, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(join(settings.outputDirectory, 'summary.md'), reports.join('\n'));
  log(`results: ${join(settings.outputDirectory, 'results.json')} (summary.md and server logs beside it)`);
  if (failures.length > 0) {
    log(`\nharness failures:\n- ${failures.join('\n- ')}`);
    process.exitCode = 1;
  }
}

process.on('exit', killAllTargetsNow);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    log(`\n${signal}: stopping targets`);
    void stopAllTargets(2000).finally(() => process.exit(130));
  });
}
try {
  await main();
} catch (error) {
  log(`error: ${error.stack ?? error}`);
  await stopAllTargets(2000);
  process.exitCode = 1;
}
