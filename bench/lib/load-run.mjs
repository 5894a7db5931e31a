// One autocannon run against one target, with the target's CPU time measured around it.
import autocannon from 'autocannon';
import { readCpuMicros, readMemoryKib } from './process-stats.mjs';
import { REQUEST_HEADERS, chatRequestBody } from './bench-settings.mjs';

/** Resolves with autocannon's result; rejects if the run does not end within its duration + 30 s. */
function runAutocannon(options) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      instance.stop();
      reject(new Error(`autocannon did not finish within ${options.duration + 30} s`));
    }, (options.duration + 30) * 1000);
    const instance = autocannon(options, (error, result) => {
      clearTimeout(timer);
      if (error) reject(error);
      else resolve(result);
    });
  });
}

/**
 * `scenario` = { mode: 'json' | 'stream', connections }. Returns req/s, latency (ms) and the
 * target process's CPU µs per request served during the run.
 */
export async function loadRun(target, scenario, durationSeconds) {
  const url = `${target.origin}/v1/chat/completions`;
  const cpuBefore = readCpuMicros(target.pid);
  const result = await runAutocannon({
    url,
    method: 'POST',
    headers: REQUEST_HEADERS,
    body: chatRequestBody({ stream: scenario.mode === 'stream' }),
    connections: scenario.connections,
    duration: durationSeconds,
  });
  const cpuMicros = readCpuMicros(target.pid) - cpuBefore;
  const seconds = (result.finish - result.start) / 1000;
  const requests = result.requests.total;
  return {
    target: target.name,
    mode: scenario.mode,
    connections: scenario.connections,
    seconds,
    requests,
    requestsPerSecond: requests / seconds,
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
    cpuMicrosPerRequest: requests > 0 ? cpuMicros / requests : Number.NaN,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    rssKib: readMemoryKib(target.pid).rssKib,
  };
}
