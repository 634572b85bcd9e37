import net from 'node:net';

/** A TCP proxy in front of a server whose connections a test can cut, as a dropped network does. */
export interface CuttingProxy {
  /** `http://127.0.0.1:<port>`: the server's address through the proxy. */
  url: string;
  /** How many client connections the proxy has accepted so far. */
  readonly connections: number;
  /** Destroys every open connection at once, both sides, with a reset rather than a close; returns how many. */
  cutAll(): number;
  /**
   * Cuts each connection opened from now on once `count` bytes have come back from the server on it,
   * counted from the start of that connection; `undefined` turns it off. The bytes past the cut are
   * not delivered. Connections already open keep the setting they were opened with.
   */
  cutAfterBytes(count: number | undefined): void;
  /** Every byte the server sent on the most recently opened connection (headers and framing included). */
  lastConnectionBytes(): Buffer;
  /** While true, new connections are refused at once, as by a network that is down. */
  setRefusing(isRefusing: boolean): void;
  close(): Promise<void>;
}

/**
 * Starts a TCP proxy on a free loopback port that forwards to `target` (`http://host:port`). Tests put
 * it between a real client (the CLI, Chromium, Node's fetch) and the real API to cut a stream at a
 * chosen moment without touching either side's code.
 */
export async function startCuttingProxy(target: string): Promise<CuttingProxy> {
  const { hostname, port } = new URL(target);
  const open = new Set<{ client: net.Socket; server: net.Socket }>();
  let accepted = 0;
  let cutSetting: number | undefined;
  let isRefusing = false;
  let lastReceived: Buffer[] = [];
  const server = net.createServer((client) => {
    accepted++;
    if (isRefusing) {
      client.resetAndDestroy();
      return;
    }
    const upstream = net.connect(Number(port), hostname);
    const pair = { client, server: upstream };
    open.add(pair);
    let delivered = 0;
    const cutAt = cutSetting;
    const received: Buffer[] = [];
    lastReceived = received;
    // The bytes written before the cut reach the client (they are in the kernel once write calls back).
    const cut = () => {
      open.delete(pair);
      if (!client.destroyed) client.destroy();
      if (!upstream.destroyed) upstream.destroy();
    };
    client.on('data', (chunk) => upstream.write(chunk));
    upstream.on('data', (chunk: Buffer) => {
      received.push(chunk);
      if (cutAt !== undefined && delivered + chunk.length >= cutAt) {
        const rest = cutAt - delivered;
        if (rest > 0) client.write(chunk.subarray(0, rest), cut);
        else cut();
        delivered = cutAt;
        return;
      }
      delivered += chunk.length;
      client.write(chunk);
    });
    client.on('end', () => upstream.end());
    upstream.on('end', () => client.end());
    client.on('error', cut);
    upstream.on('error', cut);
    client.on('close', cut);
    upstream.on('close', () => {
      open.delete(pair);
      if (!client.destroyed) client.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}`,
    get connections() {
      return accepted;
    },
    cutAll() {
      const count = open.size;
      for (const pair of [...open]) {
        open.delete(pair);
        pair.client.resetAndDestroy();
        pair.server.destroy();
      }
      return count;
    },
    cutAfterBytes(count) {
      cutSetting = count;
    },
    lastConnectionBytes() {
      return Buffer.concat(lastReceived);
    },
    setRefusing(value) {
      isRefusing = value;
    },
    close() {
      for (const pair of open) {
        pair.client.destroy();
        pair.server.destroy();
      }
      open.clear();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
