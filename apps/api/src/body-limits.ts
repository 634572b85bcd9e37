import { DEFAULT_VIDEO_LIMITS } from '@seer/core/node';

/** The largest request bodies the API reads, by kind. */
export interface BodyLimits {
  /** The largest JSON body, data URLs included (`SEER_MAX_BODY_MB`). */
  jsonBytes: number;
  /** The largest multipart body: one video up to the video limit, plus the JSON limit for the rest. */
  multipartBytes: number;
}

/** The body limits that follow from the configured JSON limit. */
export function bodyLimitsFor(maxBodyBytes: number): BodyLimits {
  return { jsonBytes: maxBodyBytes, multipartBytes: DEFAULT_VIDEO_LIMITS.maxBytes + maxBodyBytes };
}
