import { RequestError } from '@seer/core';
import type { CommandContext } from '../command-context';
import { readServerEnvironment } from '../env';
import { type SeerServer, toSeerServer } from './seer-server';

/** The option of the commands that can talk to a Seer server. */
export interface ServerOptions {
  /** `--server <url>`; `SEER_SERVER_URL` when not given. */
  server?: string;
}

/**
 * The server a command talks to: `--server`, else `SEER_SERVER_URL`, with `SEER_TOKEN` as its bearer
 * token; `undefined` when neither names one.
 *
 * @throws SeerError when the address is not http(s).
 */
export function resolveServer(options: ServerOptions): SeerServer | undefined {
  const environment = readServerEnvironment();
  const url = options.server ?? environment.url;
  return url === undefined ? undefined : toSeerServer(url, environment.token);
}

/**
 * {@link resolveServer} for a command that only works against a server (`seer runs …`).
 *
 * @throws RequestError when no server is named.
 */
export function requireServer(options: ServerOptions): SeerServer {
  const server = resolveServer(options);
  if (server) return server;
  throw new RequestError({
    code: 'invalid_request',
    message: 'Runs live on a Seer server: name it with --server http://host:port or SEER_SERVER_URL.',
  });
}

/**
 * Writes a note about the connection or the run to stderr as `seer: …`. When stdout and stderr share a
 * terminal, the note starts on a line of its own, so that it does not land in the middle of the
 * thinking; stdout itself is left as it is.
 */
export function writeNote(message: string, context: CommandContext): void {
  const { isStdoutTTY, isStderrTTY } = context.terminal;
  context.stderr.write(`${isStdoutTTY && isStderrTTY ? '\n' : ''}seer: ${message}\n`);
}
