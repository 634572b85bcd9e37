import { z } from 'zod';

/** The body of `GET /healthz`: the server is up, its version, and the input limits it enforces. */
export const HealthSchema = z.object({
  status: z.literal('ok'),
  version: z.string(),
  limits: z.object({
    imageBytes: z.number(),
    imagePixels: z.number(),
    videoBytes: z.number(),
    videoSeconds: z.number(),
    bodyBytes: z.number(),
    multipartBytes: z.number(),
  }),
});
/** The body of `GET /healthz`. */
export type Health = z.infer<typeof HealthSchema>;
