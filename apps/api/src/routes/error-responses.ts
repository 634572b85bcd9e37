import { ErrorBodySchema } from '@seer/core';

/** What each error status means, as the OpenAPI document says it for the routes that answer it. */
const ERROR_DESCRIPTIONS = {
  400: 'Malformed request',
  404: 'Unknown template or model',
  413: 'Body or media too large',
  415: 'Not an image or video Seer reads',
  422: 'Unreadable media',
  502: 'The provider failed before any output',
  503: 'No model configured, or Seer is shutting down',
  504: 'No first byte from the provider in time',
} as const;

/** An error status the OpenAPI document describes. */
export type DocumentedErrorStatus = keyof typeof ERROR_DESCRIPTIONS;

/** One error response of an OpenAPI declaration: the error body, under a description. */
export interface DocumentedError {
  description: string;
  content: { 'application/json': { schema: typeof ErrorBodySchema } };
}

/** An error response with a description of its own, for a route where a status means something else. */
export function documentedError(description: string): DocumentedError {
  return { description, content: { 'application/json': { schema: ErrorBodySchema } } };
}

/**
 * The error responses of a route's OpenAPI declaration, each with the error body and its usual
 * description.
 *
 * @example
 * createRoute({ …, responses: { 200: …, ...errorResponses(400, 413, 415) } });
 */
export function errorResponses<Status extends DocumentedErrorStatus>(
  ...statuses: Status[]
): Record<Status, DocumentedError> {
  const responses: Partial<Record<Status, DocumentedError>> = {};
  for (const status of statuses) responses[status] = documentedError(ERROR_DESCRIPTIONS[status]);
  return responses as Record<Status, DocumentedError>;
}
