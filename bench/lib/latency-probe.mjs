// Sequential requests over one keep-alive connection, timed in µs (autocannon only resolves
// whole milliseconds): the latency a target adds with no queueing, and streaming time to first byte.
import { Client } from 'undici';
import { REQUEST_HEADERS, chatRequestBody } from './bench-settings.mjs';
import { percentile } from './stats.mjs';

const BLOCK = 100;

/** One request; returns µs to the first body byte and to the end of the body. */
async function timedRequest(client, body) {
  const start = process.hrtime.bigint();
  const response = await client.request({ method: 'POST', path: '/v1/chat/completions', headers: REQUEST_HEADERS, body });
  let firstByte;
  let text = '';
  for await (const part of response.body) {
    firstByte ??= process.hrtime.bigint();
    text += part;
  }
  const end = process.hrtime.bigint();
  return {
    status: response.statusCode,
    text,
    firstByteMicros: Number((firstByte ?? end) - start) / 1000,
    totalMicros: Number(end - start) / 1000,
  };
}

/**
 * For each target: `warmup` unmeasured requests, then `count` measured ones, run in blocks of
 * 100 taking turns between targets, so drift in machine load hits every target alike.
 * Returns { [target]: { p50Micros, p99Micros, ttfbP50Micros, non2xx } }.
 */
export async function probeLatency(targets, { count, stream, warmup = 200 }) {
  const body = chatRequestBody({ stream });
  const clients = new Map(targets.map((target) => [target.name, new Client(target.origin, { pipelining: 1, headersTimeout: 10_000, bodyTimeout: 10_000 })]));
  const samples = new Map(targets.map((target) => [target.name, { total: [], firstByte: [], non2xx: 0 }]));
  try {
    for (const target of targets) {
      for (let index = 0; index < Math.min(warmup, count); index++) await timedRequest(clients.get(target.name), body);
    }
    for (let done = 0; done < count; done += BLOCK) {
      for (const target of targets) {
        const bucket = samples.get(target.name);
        for (let index = done; index < Math.min(count, done + BLOCK); index++) {
          const result = await timedRequest(clients.get(target.name), body);
          if (result.status < 200 || result.status > 299) bucket.non2xx++;
          bucket.total.push(result.totalMicros);
          bucket.firstByte.push(result.firstByteMicros);
        }
      }
    }
  } finally {
    await Promise.all([...clients.values()].map((client) => client.close()));
  }
  const summary = {};
  for (const [name, bucket] of samples) {
    summary[name] = {
      requests: bucket.total.length,
      p50Micros: percentile(bucket.total, 0.5),
      p99Micros: percentile(bucket.total, 0.99),
      ttfbP50Micros: percentile(bucket.firstByte, 0.5),
      non2xx: bucket.non2xx,
    };
  }
  return summary;
}

/** One streaming request to the `-slow` model (20 ms between upstream chunks): is the first chunk forwarded before the rest? */
export async function checkStreamFlushing(target) {
  const client = new Client(target.origin, { headersTimeout: 10_000, bodyTimeout: 10_000 });
  try {
    const result = await timedRequest(client, chatRequestBody({ stream: true, model: 'gpt-4o-mini-slow' }));
    if (result.status !== 200) return { ok: false, detail: `HTTP ${result.status}` };
    const ok = result.firstByteMicros < result.totalMicros / 2 && result.text.includes('[DONE]');
    return { ok, firstByteMs: result.firstByteMicros / 1000, totalMs: result.totalMicros / 1000, detail: ok ? 'flushed' : 'buffered' };
  } finally {
    await client.close();
  }
}

/** One JSON and one streaming request: does the target answer with the fake upstream's completion? */
export async function verifyTarget(target, expectedText) {
  const client = new Client(target.origin, { headersTimeout: 10_000, bodyTimeout: 10_000 });
  try {
    const json = await timedRequest(client, chatRequestBody());
    const jsonOk = json.status === 200 && json.text.includes('"chat.completion"') && json.text.includes(expectedText);
    const stream = await timedRequest(client, chatRequestBody({ stream: true }));
    const streamOk = stream.status === 200 && stream.text.includes('chat.completion.chunk') && stream.text.includes('data: [DONE]');
    return {
      jsonOk,
      streamOk,
      jsonDetail: `HTTP ${json.status}: ${json.text.slice(0, 300)}`,
      streamDetail: `HTTP ${stream.status}: ${stream.text.slice(0, 300)}`,
    };
  } finally {
    await client.close();
  }
}
