// A worker thread that posts one big body every PERIOD_MS (or as soon as the last one is
// answered, if that takes longer) until told to stop, so building and uploading the bodies
// costs the measuring thread nothing. A fixed pace, not a tight loop: a gateway that refuses
// fast must not be punished with more big bodies than one that stalls. Reports answers by status.
import { parentPort, workerData } from 'node:worker_threads';
import { Agent, request } from 'undici';
import { REQUEST_HEADERS } from './bench-settings.mjs';
import { keyDenseBody } from './key-dense-body.mjs';

const PERIOD_MS = 500;
const { origin, keys, authorized } = workerData;
const body = keyDenseBody(keys);
const agent = new Agent({ connections: 1, pipelining: 1 });
const headers = authorized ? REQUEST_HEADERS : { 'content-type': 'application/json' };
const statuses = {};
let running = true;
parentPort.on('message', () => (running = false));
parentPort.postMessage({ ready: true, bytes: body.length });
while (running) {
  const started = performance.now();
  try {
    const response = await request(`${origin}/v1/chat/completions`, { method: 'POST', headers, body, dispatcher: agent });
    await response.body.dump();
    statuses[response.statusCode] = (statuses[response.statusCode] ?? 0) + 1;
  } catch (error) {
    const code = error.code ?? 'error';
    statuses[code] = (statuses[code] ?? 0) + 1;
  }
  const rest = PERIOD_MS - (performance.now() - started);
  if (rest > 0 && running) await new Promise((resolve) => setTimeout(resolve, rest));
}
await agent.destroy();
parentPort.postMessage({ statuses });
