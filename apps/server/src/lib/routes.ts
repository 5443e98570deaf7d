import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../config';
import type { Services } from '../services';
import { validationFailed } from './app-error';

/** What every route module receives. */
export type RouteDeps = { services: Services; config: Config };
export type RoutePlugin = FastifyPluginAsyncZod<RouteDeps>;

export const IdParamsSchema = z.object({ id: z.uuid() });

export const ErrorResponseSchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});

/** Declared on every route so the OpenAPI document shows the error shape clients must handle. */
export const errorResponses = (...statuses: number[]) =>
  Object.fromEntries(statuses.map((status) => [status, ErrorResponseSchema]));

/**
 * A body a route checks itself (JSON or multipart on one route: the validator sees only the JSON):
 * refused as the validator would, a 400 naming each field. Other zod failures stay server errors.
 */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const parsed = schema.safeParse(body ?? {});
  if (parsed.success) return parsed.data;
  throw validationFailed(
    parsed.error.issues.map((issue) => ({
      path: ['body', ...issue.path.map(String)].join('.'),
      message: issue.message,
    })),
  );
}
