import net from 'node:net';

/**
 * A TCP proxy in front of one server (PostgreSQL, Temporal, a Kafka broker), so that a test can
 * take that server away from one process — `cut()` refuses new connections and drops open ones,
 * as a crashed server would — without stopping the shared server everybody else uses. The one
 * copy for every test (apps/e2e, libs/messaging).
 */
export class TcpProxy {
  private server: net.Server | null = null;
  private readonly sockets = new Set<net.Socket>();
  port = 0;

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  static forUrl(url: string): TcpProxy {
    const u = new URL(url);
    return new TcpProxy(u.hostname, Number(u.port));
  }

  static forAddress(address: string): TcpProxy {
    const [host, port] = address.split(':');
    return new TcpProxy(host!, Number(port));
  }

  /**
   * A proxy to `address` (host:port) on a free local port that is not listening yet: a server that
   * is down from the start (nothing answers at `address`) until `open()`.
   */
  static async down(address: string): Promise<TcpProxy> {
    const proxy = TcpProxy.forAddress(address);
    const probe = net.createServer();
    proxy.port = await new Promise<number>((resolve) =>
      probe.listen(0, '127.0.0.1', () => resolve((probe.address() as net.AddressInfo).port)),
    );
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    return proxy;
  }

  /** Listens (on the same port again after a cut). */
  async open(): Promise<void> {
    const server = net.createServer((client) => {
      const upstream = net.connect(this.targetPort, this.targetHost);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    this.port = (server.address() as net.AddressInfo).port;
    this.server = server;
  }

  /** The server is gone: connections are dropped, new ones refused. */
  async cut(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** `url` (postgres://…) with its host and port replaced by the proxy's. */
  url(url: string): string {
    const u = new URL(url);
    u.hostname = '127.0.0.1';
    u.port = String(this.port);
    return u.toString();
  }

  get isOpen(): boolean {
    return this.server !== null;
  }

  get address(): string {
    return `127.0.0.1:${this.port}`;
  }
}
