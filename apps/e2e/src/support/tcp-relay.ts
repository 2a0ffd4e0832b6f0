import net from 'node:net';

/**
 * A TCP relay on a free local port to a server, closed until `listen()`: a part that is "down"
 * (nothing answers on its address) and comes back, without touching the shared server itself.
 */
export async function tcpRelay(target: string) {
  const [host, port] = target.split(':');
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(port), host);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('error', () => s.destroy());
      s.on('close', () => sockets.delete(s));
    }
    client.pipe(upstream).pipe(client);
  });
  const probe = net.createServer();
  const free = await new Promise<number>((resolve) =>
    probe.listen(0, '127.0.0.1', () => resolve((probe.address() as net.AddressInfo).port)),
  );
  await new Promise<void>((r) => probe.close(() => r()));
  return {
    address: `127.0.0.1:${free}`,
    listen: () => new Promise<void>((r) => server.listen(free, '127.0.0.1', () => r())),
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => (server.listening ? server.close(() => r()) : r()));
    },
  };
}
