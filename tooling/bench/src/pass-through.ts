/**
 * The least a relay can do: a bare `node:http` process that forwards each POST to the provider as it
 * is and pipes the answer back. `pnpm bench:load` times it beside the API, so that the API's figure can
 * be read against the cost of any extra process between client and provider on the same machine.
 *
 * `UPSTREAM=<base URL> tsx src/pass-through.ts` prints `listening on <url>` on stderr.
 */
import http from 'node:http';

const upstream = new URL(process.env.UPSTREAM ?? '');
const agent = new http.Agent({ keepAlive: true });

const server = http.createServer((request, response) => {
  const forwarded = http.request(
    new URL(`${upstream.pathname.replace(/\/$/, '')}/chat/completions`, upstream),
    {
      method: 'POST',
      agent,
      headers: {
        'content-type': 'application/json',
        'content-length': request.headers['content-length'] ?? '0',
      },
    },
    (answer) => {
      response.writeHead(answer.statusCode ?? 502, { 'content-type': 'text/event-stream' });
      answer.pipe(response);
    },
  );
  forwarded.on('error', () => response.destroy());
  request.pipe(forwarded);
});
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as { port: number };
  console.error(`listening on http://127.0.0.1:${port}`);
});
process.on('SIGTERM', () => process.exit(0));
