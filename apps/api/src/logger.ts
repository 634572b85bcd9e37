import pino, { type Logger } from 'pino';

export type { Logger } from 'pino';

/**
 * Seer's structured log: one JSON line per event on stdout. Callers log chosen fields only (ids,
 * timings, counts, codes), never headers, bodies, media, prompts or keys; the redaction below is a
 * second line of defence should an object with such fields ever be logged whole.
 */
export function createLogger(level: string): Logger {
  return pino(
    {
      level,
      base: { service: 'seer-api' },
      redact: {
        paths: [
          'authorization',
          '*.authorization',
          'headers',
          '*.headers',
          'apiKey',
          '*.apiKey',
          'token',
          '*.token',
          'media',
          'messages',
        ],
        censor: '[redacted]',
      },
    },
    // Synchronous: every line is written before the process exits on shutdown.
    pino.destination({ dest: 1, sync: true }),
  );
}

/** A logger that writes nothing, for tests and embedding. */
export const silentLogger: Logger = pino({ level: 'silent' });
