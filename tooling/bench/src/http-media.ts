import { createReadStream, statSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A local static file server that serves one file at every path, for media fetched by URL. */
export interface FileServer {
  /** E.g. `http://127.0.0.1:40123/clip.mp4`. */
  url: string;
  close(): Promise<void>;
}

/** Serves `path` with its length declared, as a static file server or a CDN would. */
export async function serveFile(path: string, contentType: string): Promise<FileServer> {
  const { size } = statSync(path);
  const server = http.createServer((_request, response) => {
    response.writeHead(200, { 'content-type': contentType, 'content-length': size });
    createReadStream(path).pipe(response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/clip.mp4`,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** What an HTTP call answered: its status and body text. */
export interface Answer {
  status: number;
  text: string;
}

/** One `POST` with `body` written as `write` writes it, read to its end. */
function post(url: string, headers: http.OutgoingHttpHeaders, write: (request: http.ClientRequest) => void) {
  return new Promise<Answer>((resolve, reject) => {
    const request = http.request(url, { method: 'POST', headers, agent: false }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (piece: string) => {
        text += piece;
      });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, text }));
      response.on('error', reject);
    });
    request.on('error', reject);
    write(request);
  });
}

/** `POST`s a JSON body. */
export function postJSON(url: string, body: unknown): Promise<Answer> {
  const bytes = Buffer.from(JSON.stringify(body));
  return post(url, { 'content-type': 'application/json', 'content-length': bytes.length }, (request) =>
    request.end(bytes),
  );
}

/**
 * `POST`s a `multipart/form-data` body of a `request` JSON field and one file, with its length declared
 * and the file streamed from disk as it is read, as a browser or `curl -F` sends a form. Node's `fetch`
 * with a `FormData` would do too, but its encoder costs the sending process more than the upload
 * itself, and that process shares the machine with the API it measures.
 */
export function postMultipartFile(
  url: string,
  request: unknown,
  file: { field: string; path: string; name: string; type: string },
): Promise<Answer> {
  const boundary = `seer-bench-${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(
    [
      `--${boundary}`,
      'Content-Disposition: form-data; name="request"',
      '',
      JSON.stringify(request),
      `--${boundary}`,
      `Content-Disposition: form-data; name="${file.field}"; filename="${file.name}"`,
      `Content-Type: ${file.type}`,
      '',
      '',
    ].join('\r\n'),
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const length = head.length + statSync(file.path).size + tail.length;
  const headers = {
    'content-type': `multipart/form-data; boundary=${boundary}`,
    'content-length': length,
  };
  return post(url, headers, (outgoing) => {
    outgoing.write(head);
    const source = createReadStream(file.path, { highWaterMark: 1024 * 1024 });
    source.on('error', (error) => outgoing.destroy(error));
    source.on('end', () => outgoing.end(tail));
    source.pipe(outgoing, { end: false });
  });
}

/** Downloads `url` and drops the bytes: what fetching it costs by itself. */
export function download(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent: false }, (response) => {
        let bytes = 0;
        response.on('data', (chunk: Buffer) => {
          bytes += chunk.length;
        });
        response.on('end', () => resolve(bytes));
        response.on('error', reject);
      })
      .on('error', reject);
  });
}
