// A stand-in for the Acme service, for the demo and the test: echoes the last prompt line.
import { createServer } from 'node:http';

/** @typedef {{ path: string | undefined, headers: import('node:http').IncomingHttpHeaders, body: any }} AcmeRequest */

/** @returns {import('node:http').Server & { requests: AcmeRequest[] }} */
export function createFakeAcmeServer() {
  /** @type {AcmeRequest[]} */
  const requests = [];
  const server = createServer(async (request, response) => {
    let text = '';
    for await (const chunk of request) text += chunk;
    const body = JSON.parse(text);
    requests.push({ path: request.url, headers: request.headers, body });
    const last = body.prompt.split('\n').at(-1) ?? '';
    const answer = `Acme heard: ${last.replace(/^\w+: /, '')}`;
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ text: answer, tokens_in: body.prompt.length, tokens_out: answer.length, stop_reason: 'eos' }));
  });
  return Object.assign(server, { requests });
}
