import { connect, createServer, type AddressInfo, type Socket } from 'node:net';

/**
 * A loopback TCP proxy in front of a real server that a test can cut: `down()` drops every open
 * connection and refuses new ones (a server that stopped), `hang()` keeps connections open but
 * passes no byte either way (a partition: only the client's own timeouts notice), `up()` lets
 * connections through again.
 */
export interface CutTcpProxy {
  readonly port: number;
  down(): void;
  hang(): void;
  up(): void;
  close(): Promise<void>;
}

export async function startCutTcpProxy(target: { host: string; port: number }): Promise<CutTcpProxy> {
  let mode: 'up' | 'down' | 'hang' = 'up';
  const sockets = new Set<Socket>();
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.once('close', () => sockets.delete(socket));
  };
  const destroyAll = () => {
    for (const socket of sockets) socket.destroy();
  };
  const server = createServer((client) => {
    track(client);
    if (mode === 'down') return void client.destroy();
    if (mode === 'hang') return void client.pause();
    const upstream = connect(target);
    track(upstream);
    client.once('close', () => upstream.destroy());
    upstream.once('close', () => client.destroy());
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    down() {
      mode = 'down';
      destroyAll();
    },
    hang() {
      mode = 'hang';
      for (const socket of sockets) {
        socket.unpipe();
        socket.pause();
      }
    },
    up() {
      // Connections that hung are dropped, as after a partition heals; new ones pass.
      if (mode === 'hang') destroyAll();
      mode = 'up';
    },
    async close() {
      destroyAll();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
