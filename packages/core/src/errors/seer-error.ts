const MARKER = Symbol.for('seer.error');

/** Options shared by every Seer error. */
export interface SeerErrorOptions {
  /** The API's snake_case error code, e.g. `unknown_model`. */
  code: string;
  message: string;
  /** The HTTP status the API answers with when this error happens before the stream starts. */
  status: number;
  /** Whether the same request may succeed later. */
  isRetryable?: boolean | undefined;
  /** Extra fields for the error body, e.g. zod `issues`. */
  details?: Record<string, unknown> | undefined;
  cause?: unknown;
}

/**
 * The base of every error Seer raises on purpose. It carries the API error code, the HTTP status and
 * whether a retry may help, so that the API, the CLI and the playground can all say what happened.
 */
export class SeerError extends Error {
  readonly code: string;
  readonly status: number;
  readonly isRetryable: boolean;
  readonly details: Record<string, unknown> | undefined;

  constructor(options: SeerErrorOptions) {
    super(options.message, { cause: options.cause });
    Object.defineProperty(this, MARKER, { value: true });
    this.name = 'SeerError';
    this.code = options.code;
    this.status = options.status;
    this.isRetryable = options.isRetryable ?? false;
    this.details = options.details;
  }

  /** True for any SeerError, also one created by another copy of this package. */
  static isInstance(error: unknown): error is SeerError {
    return typeof error === 'object' && error !== null && MARKER in error;
  }

  /** The `{"error": {...}}` body the API sends. */
  toJSON(): { error: { code: string; message: string } & Record<string, unknown> } {
    return { error: { code: this.code, message: this.message, ...this.details } };
  }
}

/** The request itself is wrong: malformed, unknown fields, unknown template or model, wrong media. */
export class RequestError extends SeerError {
  constructor(options: Omit<SeerErrorOptions, 'status'> & { status?: number }) {
    super({ status: 400, ...options });
    this.name = 'RequestError';
  }
}

/** A media item cannot be used: wrong type, too large, unreadable, or a URL that is not allowed. */
export class MediaError extends SeerError {
  constructor(options: SeerErrorOptions) {
    super(options);
    this.name = 'MediaError';
  }
}

/** The configuration (environment or `seer.config.json`) is invalid. */
export class ConfigError extends SeerError {
  constructor(message: string, details?: Record<string, unknown>) {
    super({ code: 'invalid_config', message, status: 500, details });
    this.name = 'ConfigError';
  }
}

/** The model provider failed, timed out, or cut the stream. */
export class UpstreamError extends SeerError {
  /** The provider's HTTP status, when it answered with one. */
  readonly upstreamStatus: number | undefined;

  constructor(options: Omit<SeerErrorOptions, 'status'> & { status?: number; upstreamStatus?: number }) {
    super({ status: 502, ...options });
    this.name = 'UpstreamError';
    this.upstreamStatus = options.upstreamStatus;
  }
}
