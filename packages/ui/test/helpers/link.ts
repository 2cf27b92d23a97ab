import net from 'node:net';

/**
 * `up`: bytes pass. `down`: every connection is reset (no signal). `bad-gateway`: answers 502 as a
 * proxy does when the API behind it is away. `drop-answers`: the request reaches the API, and the
 * connection dies as the answer comes back (the change is applied, the device never hears so).
 */
export type LinkMode = 'up' | 'down' | 'bad-gateway' | 'drop-answers';

export interface Link {
  port: number;
  httpUrl: string;
  wsUrl: string;
  setMode(mode: LinkMode): void;
  /** Breaks every open connection (a WebSocket sees 1006), as a phone entering a tunnel does. */
  cut(): void;
  /** Points the link at another API process (a restart on a new port). */
  setTarget(port: number): void;
  /** Connections accepted so far: a request that was not sent made none. */
  readonly connections: number;
  close(): Promise<void>;
}

const BAD_GATEWAY =
  'HTTP/1.1 502 Bad Gateway\r\ncontent-type: text/plain\r\ncontent-length: 3\r\nconnection: close\r\n\r\n502';

/** A TCP relay between the device under test and the API: the network it can lose. */
export async function openLink(targetPort: number): Promise<Link> {
  let mode: LinkMode = 'up';
  let target = targetPort;
  let connections = 0;
  const open = new Set<net.Socket>();
  const track = (socket: net.Socket) => {
    open.add(socket);
    socket.on('close', () => open.delete(socket));
    socket.on('error', () => {});
  };
  // The mode is read as each request's bytes arrive, so pooled keep-alive connections obey it too.
  const server = net.createServer((client) => {
    connections++;
    track(client);
    if (mode === 'down') return void client.resetAndDestroy();
    const upstream = net.connect(target, '127.0.0.1');
    track(upstream);
    let dropAnswer = false;
    client.on('data', (chunk) => {
      if (mode === 'down') {
        client.resetAndDestroy();
        upstream.destroy();
      } else if (mode === 'bad-gateway') {
        upstream.destroy();
        client.end(BAD_GATEWAY);
      } else {
        dropAnswer ||= mode === 'drop-answers';
        upstream.write(chunk);
      }
    });
    upstream.on('data', (chunk) => {
      if (!dropAnswer) return void client.write(chunk);
      client.resetAndDestroy();
      upstream.destroy();
    });
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('the link is not listening');
  const cut = () => {
    for (const socket of open) socket.destroy();
  };
  return {
    port: address.port,
    httpUrl: `http://127.0.0.1:${address.port}`,
    wsUrl: `ws://127.0.0.1:${address.port}`,
    setMode(next) {
      mode = next;
    },
    cut,
    setTarget(port) {
      target = port;
    },
    get connections() {
      return connections;
    },
    async close() {
      cut();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
