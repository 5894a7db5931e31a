import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchCapabilitySource } from './fetch-capability-source.js';

let server: Server;
let base = '';
let slowClosed = false;

beforeAll(async () => {
  server = createServer((request, response) => {
    switch (request.url) {
      case '/map.json':
        return response.writeHead(200, { 'content-type': 'application/json' }).end('{"models": {}}');
      case '/moved':
        return response.writeHead(302, { location: '/map.json' }).end();
      case '/missing':
        return response.writeHead(404).end('not here');
      case '/declared-big':
        return response.writeHead(200, { 'content-length': '5000' }).end('x'.repeat(5000));
      case '/chunked-big':
        response.writeHead(200, { 'content-type': 'application/json' });
        for (let index = 0; index < 10; index++) response.write('x'.repeat(300));
        return response.end();
      case '/slow':
        // Headers at once, then a body that never finishes.
        response.writeHead(200, { 'content-type': 'application/json' });
        response.write('{"models": ');
        response.on('close', () => (slowClosed = true));
        return;
    }
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const options = { timeoutMs: 300, maxBytes: 1000 };
const failure = async (path: string) => {
  const error = await fetchCapabilitySource(`${base}${path}`, options).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toMatchObject({ code: 'capability_source_unavailable', status: 502 });
  return (error as Error).message;
};

describe('fetchCapabilitySource', () => {
  it('downloads the text, following redirects', async () => {
    expect(await fetchCapabilitySource(`${base}/map.json`, options)).toBe('{"models": {}}');
    expect(await fetchCapabilitySource(`${base}/moved`, options)).toBe('{"models": {}}');
  });

  it('names the URL and the status of an error answer', async () => {
    expect(await failure('/missing')).toBe(`Cannot fetch capability source ${base}/missing: the server answered HTTP 404.`);
  });

  it('refuses a body over the size limit, declared or not', async () => {
    expect(await failure('/declared-big')).toMatch(/: it is 5000 bytes, more than the limit of 1000\.$/);
    expect(await failure('/chunked-big')).toMatch(/: it is larger than the limit of 1000 bytes\.$/);
  });

  it('gives up on a server that does not finish within the timeout, closing the connection', async () => {
    expect(await failure('/slow')).toMatch(/: no complete answer within 0\.3 s\.$/);
    await expect.poll(() => slowClosed).toBe(true);
  });

  it('explains a refused connection', async () => {
    const url = `http://127.0.0.1:${await closedPort()}/map.json`;
    expect(await fetchCapabilitySource(url, options).catch((caught: Error) => caught.message)).toMatch(
      new RegExp(`^Cannot fetch capability source ${url.replace(/\./g, '\\.')}: .*ECONNREFUSED`),
    );
  });
});

/** A loopback port nothing listens on (fetch refuses well-known ports such as 1 outright). */
async function closedPort(): Promise<number> {
  const probe = createServer().listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}
