import net from 'node:net';

/**
 * A TCP proxy between the platform and PostgreSQL that a test can cut, to make the database
 * unreachable without ever touching the machine's PostgreSQL (issue 24, faults).
 *
 * - `cut('refuse')`: every open connection is destroyed and the port stops listening, so new
 *   connections are refused at once (ECONNREFUSED): the server stopped or restarting.
 * - `cut('hold')`: every open connection is destroyed and new ones are accepted but never answered:
 *   a network that swallows packets, where only the client's own timeout ends the wait.
 * - `restore()`: listens and forwards again (held connections are dropped).
 */
export type TcpProxy = {
  port: number;
  /** `url` (a postgres:// address) with its host and port replaced by the proxy's. */
  through(url: string): string;
  cut(mode?: 'refuse' | 'hold'): Promise<void>;
  restore(): Promise<void>;
  /** Connections forwarded since the proxy started (a sign that clients came back). */
  readonly forwarded: number;
  close(): Promise<void>;
};

export async function startTcpProxy(target: { host: string; port: number }, opts: { port?: number; host?: string } = {}): Promise<TcpProxy> {
  const host = opts.host ?? '127.0.0.1';
  let state: 'open' | 'refuse' | 'hold' = 'open';
  let forwarded = 0;
  const live = new Set<net.Socket>();
  const held = new Set<net.Socket>();

  const server = net.createServer((client) => {
    if (state === 'hold') {
      // Accepted, then silence: the client waits for PostgreSQL's first byte until its own timeout.
      held.add(client);
      client.on('error', () => {});
      client.on('close', () => held.delete(client));
      return;
    }
    forwarded++;
    const upstream = net.connect(target.port, target.host);
    live.add(client);
    live.add(upstream);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      live.delete(client);
      live.delete(upstream);
    };
    client.on('error', drop);
    upstream.on('error', drop);
    client.on('close', drop);
    upstream.on('close', drop);
    client.pipe(upstream);
    upstream.pipe(client);
  });
  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  await listen(opts.port ?? 0);
  const port = (server.address() as net.AddressInfo).port;

  /** Ends every forwarded connection abruptly (a reset, not a clean close), both sides. */
  const destroyAll = () => {
    for (const s of live) s.resetAndDestroy();
    live.clear();
  };
  const stopListening = () => new Promise<void>((resolve) => (server.listening ? server.close(() => resolve()) : resolve()));

  return {
    port,
    through(url) {
      const u = new URL(url);
      u.hostname = host;
      u.port = String(port);
      return u.toString();
    },
    async cut(mode = 'refuse') {
      state = mode;
      destroyAll();
      if (mode === 'refuse') {
        // close() waits for open connections: they were all destroyed above (held ones too).
        for (const s of held) s.destroy();
        await stopListening();
      } else if (!server.listening) await listen(port);
    },
    async restore() {
      for (const s of held) s.destroy();
      held.clear();
      state = 'open';
      if (!server.listening) await listen(port);
    },
    get forwarded() {
      return forwarded;
    },
    async close() {
      destroyAll();
      for (const s of held) s.destroy();
      await stopListening();
    },
  };
}
