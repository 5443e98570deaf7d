import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../config';
import type { Services } from '../services';

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
