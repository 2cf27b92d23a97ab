import { createConnection, createServer, type Server, type Socket } from 'node:net';

export interface RedisProxy {
  /** redis://127.0.0.1:<proxy port>/<the real URL's database> */
  url: string;
  /** Redis "goes away": every connection through the proxy is cut and new ones are refused. */
  cut(): Promise<void>;
  /** Redis is back: connections are accepted again. */
  restore(): Promise<void>;
  close(): Promise<void>;
}

/**
 * A TCP proxy in front of the shared test Redis, so a test can take Redis away from the apps it
 * started (and only from them) without stopping the server other test files use.
 */
export async function startRedisProxy(redisUrl: string): Promise<RedisProxy> {
  const target = new URL(redisUrl);
  const sockets = new Set<Socket>();
  let server: Server | null = null;
  let port = 0;

  const listen = () =>
    new Promise<void>((resolve) => {
      if (server) return resolve();
      server = createServer((client) => {
        const upstream = createConnection({ host: target.hostname, port: Number(target.port || 6379) });
        for (const socket of [client, upstream]) {
          sockets.add(socket);
          socket.on('close', () => sockets.delete(socket));
          socket.on('error', () => {
            client.destroy();
            upstream.destroy();
          });
        }
        client.pipe(upstream);
        upstream.pipe(client);
      });
      server.listen(port, '127.0.0.1', () => {
        port = (server!.address() as { port: number }).port;
        resolve();
      });
    });
  await listen();
  const stopListening = () =>
    new Promise<void>((resolve) => {
      if (!server) return resolve();
      server.close(() => resolve());
      server = null;
    });

  return {
    url: `redis://127.0.0.1:${port}${target.pathname}`,
    async cut() {
      const closing = stopListening();
      for (const socket of sockets) socket.destroy();
      await closing;
    },
    restore: listen,
    async close() {
      const closing = stopListening();
      for (const socket of sockets) socket.destroy();
      await closing;
    },
  };
}
