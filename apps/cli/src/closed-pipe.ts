/**
 * Makes `seer … | head` end quietly. Once the reader of `stream` has gone away (`EPIPE`), nothing more
 * written there can be seen, so `onClosed` runs (the CLI ends the process for stdout) instead of Node
 * reporting an unhandled `error` event with a stack trace. Any other write error is thrown as before.
 *
 * @example
 * whenPipeCloses(process.stdout, () => process.exit(0));
 */
export function whenPipeCloses(stream: NodeJS.WritableStream, onClosed: () => void): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    onClosed();
  });
}
