import { createServer, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request that went through the proxy, with its whole body as sent. */
export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** A loopback HTTP proxy in front of a server, recording what the browser sent. */
export interface RecordingProxy {
  /** E.g. `http://127.0.0.1:40124`: open the page here instead of at the server. */
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

/**
 * Starts a proxy on loopback that forwards every request to `target` and streams the answers back
 * (Server-Sent Events included), recording each request's body: the exact bytes a page uploaded, which
 * the browser's DevTools protocol does not report for multipart bodies made of files.
 *
 * @example
 * const proxy = await startRecordingProxy(api.url);
 * await page.goto(proxy.url);
 */
export function startRecordingProxy(target: string): Promise<RecordingProxy> {
  const targetURL = new URL(target);
  const requests: RecordedRequest[] = [];
  const server = createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const body = Buffer.concat(chunks);
      const path = incoming.url ?? '/';
      requests.push({ method: incoming.method ?? 'GET', path, headers: incoming.headers, body });
      const forwarded = httpRequest(
        {
          host: targetURL.hostname,
          port: targetURL.port,
          method: incoming.method,
          path,
          headers: { ...incoming.headers, host: targetURL.host },
        },
        (answer) => {
          outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(outgoing);
        },
      );
      forwarded.on('error', () => outgoing.destroy());
      // The browser stopping a run closes its connection: the server must see it close too.
      outgoing.on('close', () => forwarded.destroy());
      forwarded.end(body);
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}`,
        requests,
        close: () =>
          new Promise((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
