// Timing helper for bench/micro/*.mjs: how long one call of `fn` takes, in µs.
import { percentile } from './stats.mjs';

/**
 * Calls `fn` `warmup` times (JIT), then `iterations` times, timing batches of `batch` calls with
 * process.hrtime.bigint (use a batch > 1 for calls well under a microsecond). `fn` may be async.
 * Returns µs per call: p50, p99 and mean over the batches.
 */
export async function measureMicros(fn, { iterations = 5000, warmup = 500, batch = 1 } = {}) {
  for (let index = 0; index < warmup; index++) await fn();
  const samples = [];
  for (let done = 0; done < iterations; done += batch) {
    const start = process.hrtime.bigint();
    for (let index = 0; index < batch; index++) {
      const result = fn();
      if (result instanceof Promise) await result;
    }
    samples.push(Number(process.hrtime.bigint() - start) / 1000 / batch);
  }
  const mean = samples.reduce((sum, value) => sum + value, 0) / samples.length;
  return { p50: percentile(samples, 0.5), p99: percentile(samples, 0.99), mean, calls: samples.length * batch };
}

/** Wall time of one call of `fn`, in ms. */
export async function timeMillis(fn) {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}
