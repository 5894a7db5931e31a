import { createServer, connect, type AddressInfo, type Socket } from 'node:net';

/**
 * A TCP proxy on loopback that a test controls, to put between a client (a `pg.Pool`, ioredis)
 * and its server and simulate an outage:
 * - `cut('reset')`: every open connection is destroyed and new ones are closed at once
 *   (a server that went down: the client sees ECONNRESET / connection refused quickly);
 * - `cut('blackhole')`: open connections stop passing bytes and new ones are accepted but go
 *   nowhere (a network partition: the client only finds out through its own timeouts);
 * - `cut('drop-replies')`: bytes still reach the server but its answers are dropped (a COMMIT
 *   that is applied while its acknowledgement is lost: the client must retry without doubling);
 * - `restore()`: new connections pass again (blackholed ones are destroyed, as after a partition).
 */
export type CutMode = 'reset' | 'blackhole' | 'drop-replies';

export interface TcpProxy {
  readonly port: number;
  /** `host:port` to substitute into a URL. */
  readonly address: string;
  /** Connections accepted since start (including refused ones while cut). */
  readonly accepted: () => number;
  /** Connections currently open through the proxy. */
  readonly open: () => number;
  cut(mode?: CutMode): void;
  restore(): void;
  close(): Promise<void>;
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  let state: 'open' | CutMode = 'open';
  let accepted = 0;
  const pairs = new Set<[Socket, Socket | null]>();
  const held = new Set<Socket>();

  const server = createServer((client) => {
    accepted++;
    client.on('error', () => undefined);
    if (state === 'reset') {
      client.destroy();
      return;
    }
    if (state === 'blackhole' || state === 'drop-replies') {
      client.pause();
      held.add(client);
      client.once('close', () => held.delete(client));
      return;
    }
    const upstream = connect(target);
    const pair: [Socket, Socket | null] = [client, upstream];
    pairs.add(pair);
    upstream.on('error', () => client.destroy());
    const end = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.once('close', end);
    upstream.once('close', end);
    client.pipe(upstream);
    upstream.on('data', (chunk: Buffer) => {
      if (state === 'open') client.write(chunk);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  return {
    port,
    address: `127.0.0.1:${port}`,
    accepted: () => accepted,
    open: () => pairs.size + held.size,
    cut(mode: CutMode = 'reset') {
      state = mode;
      for (const [client, upstream] of pairs) {
        if (mode === 'reset') {
          client.destroy();
          upstream?.destroy();
        } else if (mode === 'drop-replies') {
          // Keep the pair: requests still flow to the server, the data listener drops its answers.
          continue;
        } else {
          client.unpipe();
          upstream?.unpipe();
          client.pause();
          upstream?.pause();
          held.add(client);
          if (upstream) held.add(upstream);
        }
      }
      if (mode === 'blackhole') pairs.clear();
    },
    restore() {
      const previous = state;
      state = 'open';
      for (const socket of held) socket.destroy();
      held.clear();
      // Connections that lost answers are out of step with the protocol: end them, as a partition would.
      if (previous === 'drop-replies') {
        for (const [client, upstream] of pairs) {
          client.destroy();
          upstream?.destroy();
        }
      }
    },
    async close() {
      for (const [client, upstream] of pairs) {
        client.destroy();
        upstream?.destroy();
      }
      for (const socket of held) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
