import { createRoute } from '@hono/zod-openapi';
import { describeTemplate, listTemplates, type Template, TemplateDescriptionSchema } from '@seer/core';
import type { APIApp } from '../context';

const templatesRoute = createRoute({
  method: 'get',
  path: '/v1/templates',
  summary: 'The tasks Seer knows, with their media rules',
  responses: {
    200: {
      description: 'The templates',
      content: {
        'application/json': { schema: TemplateDescriptionSchema.array().transform((data) => ({ data })) },
      },
    },
  },
});

/** Serves `GET /v1/templates`: the built-in tasks, then the custom ones. */
export function mountTemplates(app: APIApp, customTemplates: readonly Template[]): void {
  app.openapi(templatesRoute, (c) =>
    c.json({ data: [...listTemplates(), ...customTemplates].map(describeTemplate) }, 200),
  );
}
