import http from 'node:http';
import https from 'node:https';
import type { ProviderTransport } from '../provider/provider-transport';

/**
 * Keep-alive agents of their own, so that a provider's connections are reused across analyses
 * whatever the process's global agents are set to.
 */
const agents = {
  'http:': new http.Agent({ keepAlive: true }),
  'https:': new https.Agent({ keepAlive: true }),
};

/** Where one provider URL's requests go, worked out once: the same few base URLs serve every analysis. */
interface Target {
  isHTTPS: boolean;
  hostname: string;
  port: number;
  path: string;
  /** The Host header, which Node leaves to the caller when headers come as a list. */
  host: string;
}

const targets = new Map<string, Target>();

function targetFor(href: string): Target {
  let target = targets.get(href);
  if (!target) {
    const url = new URL(href);
    const isHTTPS = url.protocol === 'https:';
    target = {
      isHTTPS,
      // `new URL` keeps an IPv6 host's brackets; `http.request` wants the bare address.
      hostname: url.hostname.replace(/^\[(.*)\]$/, '$1'),
      port: url.port ? Number(url.port) : isHTTPS ? 443 : 80,
      path: `${url.pathname}${url.search}`,
      host: url.host,
    };
    // Bounded: a deployment has a handful of providers; only tests make many.
    if (targets.size >= 64) targets.clear();
    targets.set(href, target);
  }
  return target;
}

/**
 * The provider transport on `node:http`/`node:https` with keep-alive connections. It reaches the
 * provider sooner than `fetch` does in Node, which counts on the way to the first token (docs/performance.md,
 * time to first token). The headers go as a list, which Node writes as they are instead of setting and
 * checking them one by one.
 */
export const httpTransport: ProviderTransport = (request) =>
  new Promise((resolve, reject) => {
    const target = targetFor(request.url);
    const send = target.isHTTPS ? https.request : http.request;
    let incoming: http.IncomingMessage | undefined;
    // Not http.request's own `signal` option: aborting after a response ended would destroy the socket
    // the agent already keeps for the next request, and crash the process with its unhandled error.
    const onAbort = () => {
      const reason = new Error('The provider request was aborted.');
      reason.name = 'AbortError';
      if (!incoming) outgoing.destroy(reason);
      else if (!incoming.readableEnded) incoming.destroy(reason);
    };
    const headers: string[] = ['host', target.host];
    for (const name in request.headers) headers.push(name, request.headers[name]!);
    headers.push('content-length', String(Buffer.byteLength(request.body)));
    const outgoing = send(
      {
        method: 'POST',
        hostname: target.hostname,
        port: target.port,
        path: target.path,
        agent: target.isHTTPS ? agents['https:'] : agents['http:'],
        headers,
      },
      (response) => {
        incoming = response;
        response.once('close', () => request.signal.removeEventListener('abort', onAbort));
        resolve({
          status: response.statusCode ?? 0,
          header: (name) => {
            const value = response.headers[name];
            return Array.isArray(value) ? value.join(', ') : value;
          },
          body: response,
        });
      },
    );
    outgoing.on('error', (error) => {
      request.signal.removeEventListener('abort', onAbort);
      reject(error);
    });
    if (request.signal.aborted) onAbort();
    else request.signal.addEventListener('abort', onAbort, { once: true });
    outgoing.end(request.body);
  });
