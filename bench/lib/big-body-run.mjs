// Issue 7 item 6: the latency of small requests while large bodies arrive on other connections.
// One standalone proxy (child process) in front of the fake upstream; small chat requests from a
// few keep-alive connections, measured in µs, while senders loop on big bodies. A gateway that
// parses and copies a key-dense body on the event loop makes every small request wait.
import { Worker } from 'node:worker_threads';
import { Agent, request } from 'undici';
import { REQUEST_HEADERS, chatRequestBody } from './bench-settings.mjs';
import { percentile } from './stats.mjs';

export const BIG_BODY_SCENARIOS = [
  { key: 'none', label: 'no big bodies', senders: 0 },
  { key: 'one-16mb', label: '1 × 16.8 MB, 1M keys', senders: 1, keys: 1_000_000, authorized: true },
  { key: 'four-1.5mb', label: '4 × 1.5 MB, 90k keys', senders: 4, keys: 90_000, authorized: true },
  { key: 'one-16mb-no-key', label: '1 × 16.8 MB, 1M keys, no API key', senders: 1, keys: 1_000_000, authorized: false },
];

/** Small requests on `connections` keep-alive connections for `seconds`; returns latencies in ms. */
async function smallRequests(origin, { seconds, connections }) {
  const agent = new Agent({ connections, pipelining: 1 });
  const body = chatRequestBody();
  const latencies = [];
  let non2xx = 0;
  const deadline = performance.now() + seconds * 1000;
  const worker = async () => {
    while (performance.now() < deadline) {
      const started = performance.now();
      const response = await request(`${origin}/v1/chat/completions`, { method: 'POST', headers: REQUEST_HEADERS, body, dispatcher: agent });
      await response.body.dump();
      latencies.push(performance.now() - started);
      if (response.statusCode !== 200) non2xx++;
    }
  };
  await Promise.all(Array.from({ length: connections }, worker));
  await agent.close();
  return { latencies, non2xx };
}

/** A worker thread looping on a big body; `stop()` resolves with its answers by status. */
async function bigSender(origin, keys, authorized) {
  const worker = new Worker(new URL('./big-body-sender.mjs', import.meta.url), { workerData: { origin, keys, authorized } });
  const messages = [];
  let wake;
  worker.on('message', (message) => { messages.push(message); wake?.(); });
  const next = async () => { while (messages.length === 0) await new Promise((resolve) => (wake = resolve)); return messages.shift(); };
  const { bytes } = await next();
  return {
    bytes,
    stop: async () => {
      worker.postMessage('stop');
      const { statuses } = await next();
      await worker.terminate();
      return statuses;
    },
  };
}

export async function runBigBodyScenarios(target, { seconds, connections = 4, log }) {
  const rows = [];
  for (const scenario of BIG_BODY_SCENARIOS) {
    const senders = await Promise.all(Array.from({ length: scenario.senders }, () => bigSender(target.origin, scenario.keys, scenario.authorized)));
    // Let the big bodies start arriving first.
    if (senders.length > 0) await new Promise((resolve) => setTimeout(resolve, 200));
    const { latencies, non2xx } = await smallRequests(target.origin, { seconds, connections });
    const bigStatuses = {};
    for (const statuses of await Promise.all(senders.map((sender) => sender.stop()))) {
      for (const [status, count] of Object.entries(statuses)) bigStatuses[status] = (bigStatuses[status] ?? 0) + count;
    }
    const row = {
      scenario: scenario.key,
      label: scenario.label,
      bodyBytes: senders[0]?.bytes ?? 0,
      smallRequests: latencies.length,
      smallNon2xx: non2xx,
      p50Ms: percentile(latencies, 0.5),
      p99Ms: percentile(latencies, 0.99),
      maxMs: Math.max(...latencies),
      bigStatuses,
    };
    rows.push(row);
    log(`  ${row.label.padEnd(34)} small p50 ${row.p50Ms.toFixed(1)} ms  p99 ${row.p99Ms.toFixed(1)} ms  max ${row.maxMs.toFixed(0)} ms  ` +
      `(${row.smallRequests} small, non-2xx ${non2xx}; big answers ${JSON.stringify(bigStatuses)})`);
  }
  return rows;
}

export function bigBodyTable(rows) {
  const lines = ['| big bodies arriving meanwhile | small p50 ms | small p99 ms | small max ms | small requests | big-body answers |', '|---|---|---|---|---|---|'];
  for (const row of rows) {
    lines.push(`| ${row.label} | ${row.p50Ms.toFixed(1)} | ${row.p99Ms.toFixed(1)} | ${row.maxMs.toFixed(0)} | ${row.smallRequests} | ${Object.entries(row.bigStatuses).map(([status, count]) => `${status}×${count}`).join(', ') || '–'} |`);
  }
  return lines.join('\n');
}
