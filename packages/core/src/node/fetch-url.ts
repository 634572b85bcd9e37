import { lookup as dnsLookup } from 'node:dns/promises';
import { createWriteStream } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { pipeline } from 'node:stream/promises';
import ipaddr from 'ipaddr.js';
import { MediaError, SeerError } from '../errors';

/** Options of {@link fetchMediaURL}. */
export interface FetchMediaOptions {
  /** Lift the address rule (SEER_ALLOW_PRIVATE_URLS=1): for local development only. */
  allowPrivate?: boolean;
  maxBytes?: number;
  timeoutMs?: number;
  maxRedirects?: number;
  signal?: AbortSignal;
  /** Resolves a host name to addresses; tests pass their own. */
  resolveHost?: (hostname: string) => Promise<{ address: string; family: number }[]>;
  /** Decides whether an address may be connected to; default {@link isPublicAddress}. */
  isAddressAllowed?: (address: string) => boolean;
}

/** What a guarded fetch got. */
export interface FetchedMedia {
  bytes: Buffer;
  contentType: string | undefined;
  /** The URL the bytes came from, after redirects. */
  finalURL: string;
}

const notAllowed = (message: string) => new MediaError({ code: 'url_not_allowed', status: 422, message });
const fetchFailed = (message: string, cause?: unknown) =>
  new MediaError({ code: 'url_fetch_failed', status: 422, message, cause });

/** `::/96`: IPv4-compatible IPv6 addresses (`::127.0.0.1`), deprecated, which ipaddr.js calls unicast. */
const IPV4_COMPATIBLE = ipaddr.parseCIDR('::/96');

/**
 * Whether an address is an ordinary public unicast address. Loopback, private, link-local (cloud
 * metadata lives at 169.254.169.254), unique-local, multicast, unspecified, carrier-grade NAT, reserved,
 * and IPv6 forms that embed an IPv4 address (mapped, translated, compatible, 6to4, Teredo, NAT64) are
 * all refused.
 */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  // `process` turns ::ffff:127.0.0.1 into 127.0.0.1, so a mapped address is judged as what it maps to.
  const parsed = ipaddr.process(address);
  // A host may route ::127.0.0.1 to the IPv4 address it embeds; no public service lives in ::/96.
  if (parsed.kind() === 'ipv6' && parsed.match(IPV4_COMPATIBLE)) return false;
  return parsed.range() === 'unicast';
}

function parseTarget(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw notAllowed(`"${raw.slice(0, 100)}" is not a valid URL.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw notAllowed(`Only http and https media URLs are fetched, not ${url.protocol.replace(':', '')}.`);
  }
  if (url.username || url.password) throw notAllowed('Media URLs with credentials are not fetched.');
  return url;
}

/**
 * Resolves the URL's host and checks every address it has. The WHATWG URL parser has already turned odd
 * IPv4 spellings (`0x7f.1`, `2130706433`, `017700000001`) into dotted form, so they are judged like any
 * literal address.
 */
async function checkedAddress(
  url: URL,
  options: FetchMediaOptions,
): Promise<{ address: string; family: number }> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const isAllowed = options.isAddressAllowed ?? isPublicAddress;
  let addresses: { address: string; family: number }[];
  if (ipaddr.isValid(host)) {
    addresses = [{ address: host, family: host.includes(':') ? 6 : 4 }];
  } else {
    try {
      addresses = await (options.resolveHost ?? ((name) => dnsLookup(name, { all: true, verbatim: true })))(
        host,
      );
    } catch (error) {
      throw fetchFailed(`The host of ${url.origin} could not be resolved.`, error);
    }
  }
  if (addresses.length === 0) throw fetchFailed(`The host of ${url.origin} has no address.`);
  if (!options.allowPrivate) {
    const refused = addresses.find((entry) => !isAllowed(entry.address));
    if (refused) {
      throw notAllowed(
        `${url.origin} points at ${refused.address}, a loopback, private or otherwise internal address; Seer does not fetch from those.`,
      );
    }
  }
  return addresses[0]!;
}

/**
 * Takes a response's body: counts it against `maxBytes` as it arrives (refusing with 413 as it passes
 * it) and keeps it as the caller's receiver keeps it, in memory or in a file.
 */
type BodyReceiver<T> = (response: http.IncomingMessage, count: (chunk: Buffer) => void) => Promise<T>;

/** One request to the checked address (not a second DNS lookup, so rebinding cannot swap it). */
function requestOnce<T>(
  url: URL,
  target: { address: string; family: number },
  options: Required<Pick<FetchMediaOptions, 'maxBytes'>> & { signal: AbortSignal },
  receive: BodyReceiver<T>,
): Promise<{ status: number; location?: string; contentType?: string | undefined; body?: T }> {
  const pinnedLookup: LookupFunction = (_hostname, lookupOptions, callback) => {
    if ((lookupOptions as { all?: boolean }).all) {
      (callback as unknown as (error: null, addresses: { address: string; family: number }[]) => void)(null, [
        target,
      ]);
    } else {
      callback(null, target.address, target.family);
    }
  };
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const request = client.get(
      url,
      {
        lookup: pinnedLookup,
        signal: options.signal,
        headers: { 'user-agent': 'Seer media fetcher', accept: 'image/*, video/*;q=0.9, */*;q=0.5' },
      },
      (response) => {
        const status = response.statusCode ?? 0;
        if (status >= 300 && status < 400 && response.headers.location) {
          response.resume();
          resolve({ status, location: response.headers.location });
          return;
        }
        if (status < 200 || status >= 300) {
          response.resume();
          reject(fetchFailed(`${url.origin} answered ${status} for the media URL.`));
          return;
        }
        const declared = Number(response.headers['content-length']);
        if (Number.isFinite(declared) && declared > options.maxBytes) {
          response.destroy();
          reject(tooLarge(options.maxBytes));
          return;
        }
        let received = 0;
        const count = (chunk: Buffer) => {
          received += chunk.length;
          if (received > options.maxBytes) throw tooLarge(options.maxBytes);
        };
        receive(response, count).then(
          (body) => resolve({ status, contentType: response.headers['content-type'], body }),
          (error: unknown) => {
            response.destroy();
            reject(
              SeerError.isInstance(error)
                ? error
                : fetchFailed(`The download from ${url.origin} broke off.`, error),
            );
          },
        );
      },
    );
    request.on('error', (error) =>
      reject(fetchFailed(`Seer could not download the media from ${url.origin}.`, error)),
    );
  });
}

/** Keeps a body in memory. */
const inMemory: BodyReceiver<Buffer> = (response, count) =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    response.on('data', (chunk: Buffer) => {
      try {
        count(chunk);
      } catch (error) {
        reject(error);
        return;
      }
      chunks.push(chunk);
    });
    response.on('end', () => resolve(Buffer.concat(chunks)));
    response.on('error', reject);
  });

/** Writes a body to a new private file at `path` as it arrives; resolves with its size once written. */
function toFile(path: string): BodyReceiver<number> {
  return async (response, count) => {
    let bytes = 0;
    await pipeline(
      response,
      async function* (source: AsyncIterable<Buffer>) {
        for await (const chunk of source) {
          count(chunk);
          bytes += chunk.length;
          yield chunk;
        }
      },
      createWriteStream(path, { flags: 'wx', mode: 0o600 }),
    );
    return bytes;
  };
}

function tooLarge(maxBytes: number): MediaError {
  return new MediaError({
    code: 'media_too_large',
    status: 413,
    message: `The media at that URL is over the limit of ${Math.round(maxBytes / 1024 / 1024)} MB.`,
  });
}

/** Follows a URL under the guard (redirects checked hop by hop) and hands its body to `receive`. */
async function fetchGuarded<T>(
  raw: string,
  options: FetchMediaOptions,
  receive: BodyReceiver<T>,
): Promise<{ body: T; contentType: string | undefined; finalURL: string }> {
  const maxBytes = options.maxBytes ?? 25 * 1024 * 1024;
  const maxRedirects = options.maxRedirects ?? 3;
  const timeout = AbortSignal.timeout(options.timeoutMs ?? 15_000);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  let url = parseTarget(raw);
  for (let hop = 0; ; hop++) {
    const target = await checkedAddress(url, options);
    let result: Awaited<ReturnType<typeof requestOnce<T>>>;
    try {
      result = await requestOnce(url, target, { maxBytes, signal }, receive);
    } catch (error) {
      if (timeout.aborted) throw fetchFailed(`The download from ${url.origin} took too long.`, error);
      throw error;
    }
    if (result.location === undefined) {
      return { body: result.body as T, contentType: result.contentType, finalURL: url.href };
    }
    if (hop >= maxRedirects) throw fetchFailed(`The media URL redirected more than ${maxRedirects} times.`);
    url = parseTarget(new URL(result.location, url).href);
  }
}

/**
 * Downloads media from an `http(s)` URL under the URL guard (docs/media.md): the host is resolved and
 * every address checked (no loopback, private, link-local, unique-local, multicast or unspecified
 * addresses, over IPv4 and IPv6), the connection goes to the address that was checked, every redirect
 * hop (at most 3) is checked again, and the download has a byte limit and a timeout.
 *
 * @throws MediaError 422 `url_not_allowed` / `url_fetch_failed`, 413 `media_too_large`.
 */
export async function fetchMediaURL(raw: string, options: FetchMediaOptions = {}): Promise<FetchedMedia> {
  const { body, contentType, finalURL } = await fetchGuarded(raw, options, inMemory);
  return { bytes: body, contentType, finalURL };
}

/**
 * {@link fetchMediaURL} into a new private file at `path` (which must not exist), written as the bytes
 * arrive: for a video, which ffmpeg reads from a file anyway, so that it is neither gathered in memory
 * nor copied to disk after the download. The caller removes the file, also when this throws.
 *
 * @throws MediaError as {@link fetchMediaURL}.
 */
export async function fetchMediaURLToFile(
  raw: string,
  path: string,
  options: FetchMediaOptions = {},
): Promise<{ bytes: number; contentType: string | undefined; finalURL: string }> {
  const { body, contentType, finalURL } = await fetchGuarded(raw, options, toFile(path));
  return { bytes: body, contentType, finalURL };
}
