import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MediaError } from '../errors';
import { fetchMediaURL, fetchMediaURLToFile, isPublicAddress } from './fetch-url';

let server: Server;
let port: number;
const seen: { path: string; host: string | undefined }[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    seen.push({ path: request.url ?? '', host: request.headers.host });
    if (request.url === '/image') return response.end(Buffer.alloc(1000, 7));
    if (request.url === '/big') return response.end(Buffer.alloc(300_000, 1));
    if (request.url === '/big-chunked') {
      response.write(Buffer.alloc(200_000, 1));
      return response.end(Buffer.alloc(200_000, 1));
    }
    if (request.url?.startsWith('/redirect/')) {
      response.writeHead(302, { location: decodeURIComponent(request.url.slice('/redirect/'.length)) });
      return response.end();
    }
    if (request.url === '/loop') {
      response.writeHead(302, { location: '/loop' });
      return response.end();
    }
    if (request.url === '/silent') return;
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

async function refusal(promise: Promise<unknown>): Promise<MediaError> {
  try {
    await promise;
  } catch (error) {
    if (MediaError.isInstance(error)) return error as MediaError;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('isPublicAddress', () => {
  it.each([
    '127.0.0.1',
    '10.1.2.3',
    '172.16.0.1',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '224.0.0.1',
    '255.255.255.255',
    '::1',
    '::',
    'fe80::1',
    'fd00::1',
    'ff02::1',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '::ffff:10.0.0.1',
    '2002:7f00:1::',
    '64:ff9b::7f00:1',
    '::127.0.0.1',
    '::7f00:1',
    '::a00:1',
    '::ffff:0:127.0.0.1',
    '::ffff:0:7f00:1',
    '64:ff9b::127.0.0.1',
    '64:ff9b:1::7f00:1',
    'not an address',
  ])('refuses %s', (address) => {
    expect(isPublicAddress(address)).toBe(false);
  });

  it.each(['93.184.216.34', '8.8.8.8', '2606:4700::1111'])('allows the public address %s', (address) => {
    expect(isPublicAddress(address)).toBe(true);
  });
});

describe('fetchMediaURL', () => {
  it.each([
    (p: number) => `http://127.0.0.1:${p}/image`,
    (p: number) => `http://0x7f.1:${p}/image`,
    (p: number) => `http://2130706433:${p}/image`,
    (p: number) => `http://017700000001:${p}/image`,
    (p: number) => `http://127.1:${p}/image`,
    (p: number) => `http://[::1]:${p}/image`,
    (p: number) => `http://[::ffff:127.0.0.1]:${p}/image`,
    (p: number) => `http://[::127.0.0.1]:${p}/image`,
    (p: number) => `http://[0:0:0:0:0:0:127.0.0.1]:${p}/image`,
    (p: number) => `http://[::ffff:0:127.0.0.1]:${p}/image`,
    (p: number) => `http://[64:ff9b::127.0.0.1]:${p}/image`,
    () => 'http://169.254.169.254/latest/meta-data/',
    () => 'http://10.0.0.1/a.jpg',
    () => 'http://[fd00::1]/a.jpg',
    () => 'http://[ff02::1]/a.jpg',
    () => 'http://0.0.0.0/a.jpg',
  ])('refuses %s without connecting', async (build) => {
    const before = seen.length;
    const error = await refusal(fetchMediaURL(build(port)));
    expect(error.code).toBe('url_not_allowed');
    expect(error.status).toBe(422);
    expect(seen.length).toBe(before);
  });

  it('refuses a host name that resolves to a loopback address', async () => {
    const error = await refusal(
      fetchMediaURL(`http://media.test:${port}/image`, {
        resolveHost: async () => [{ address: '127.0.0.1', family: 4 }],
      }),
    );
    expect(error.code).toBe('url_not_allowed');
  });

  it.each([
    'ftp://example.com/a.jpg',
    'file:///etc/passwd',
    'gopher://x/',
    'not a url',
    'http://user:secret@media.test/a.jpg',
  ])('refuses %s', async (url) => {
    expect((await refusal(fetchMediaURL(url))).code).toBe('url_not_allowed');
  });

  it('downloads from a private address when private URLs are allowed', async () => {
    const fetched = await fetchMediaURL(`http://127.0.0.1:${port}/image`, { allowPrivate: true });
    expect(fetched.bytes.length).toBe(1000);
  });

  it('connects to the address it checked, keeping the host name for the server', async () => {
    let lookups = 0;
    const fetched = await fetchMediaURL(`http://media.test:${port}/image`, {
      resolveHost: async () => {
        lookups++;
        return [{ address: '127.0.0.1', family: 4 }];
      },
      isAddressAllowed: (address) => address === '127.0.0.1',
    });
    expect(fetched.bytes.length).toBe(1000);
    expect(lookups).toBe(1);
    expect(seen.at(-1)?.host).toBe(`media.test:${port}`);
  });

  it('checks every redirect hop again', async () => {
    const target = encodeURIComponent(`http://127.0.0.2:${port}/image`);
    const error = await refusal(
      fetchMediaURL(`http://127.0.0.1:${port}/redirect/${target}`, {
        isAddressAllowed: (address) => address === '127.0.0.1',
      }),
    );
    expect(error.code).toBe('url_not_allowed');
    expect(error.message).toContain('127.0.0.2');
  });

  it('follows at most three redirects', async () => {
    const error = await refusal(fetchMediaURL(`http://127.0.0.1:${port}/loop`, { allowPrivate: true }));
    expect(error.code).toBe('url_fetch_failed');
    expect(error.message).toMatch(/redirected more than 3/);
  });

  it('stops a download over the byte limit, declared or not', async () => {
    for (const path of ['/big', '/big-chunked']) {
      const error = await refusal(
        fetchMediaURL(`http://127.0.0.1:${port}${path}`, { allowPrivate: true, maxBytes: 100_000 }),
      );
      expect(error.status).toBe(413);
    }
  });

  it('gives up on a server that does not answer', async () => {
    const started = Date.now();
    const error = await refusal(
      fetchMediaURL(`http://127.0.0.1:${port}/silent`, { allowPrivate: true, timeoutMs: 300 }),
    );
    expect(error.code).toBe('url_fetch_failed');
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('reports a status that is not success', async () => {
    const error = await refusal(fetchMediaURL(`http://127.0.0.1:${port}/missing`, { allowPrivate: true }));
    expect(error.code).toBe('url_fetch_failed');
    expect(error.message).toContain('404');
  });
});

describe('fetchMediaURLToFile (a video by URL)', () => {
  it('writes the download to the file, and stops one over the byte limit, declared or not, with 413', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'seer-fetch-test-'));
    try {
      const path = join(folder, 'video');
      const fetched = await fetchMediaURLToFile(`http://127.0.0.1:${port}/big-chunked`, path, {
        allowPrivate: true,
      });
      expect(fetched.bytes).toBe(400_000);
      expect((await readFile(path)).length).toBe(400_000);
      for (const source of ['/big', '/big-chunked']) {
        const error = await refusal(
          fetchMediaURLToFile(`http://127.0.0.1:${port}${source}`, join(folder, source.slice(1)), {
            allowPrivate: true,
            maxBytes: 100_000,
          }),
        );
        expect(error.status).toBe(413);
        expect(error.code).toBe('media_too_large');
      }
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});
