import type { FastifyReply } from 'fastify';
import { z } from 'zod';

/**
 * A response body encoded once, by the rule the route's serializer applies (its zod schema, then
 * JSON), and kept as text: a cached answer sent to many readers costs no encoding per request.
 */
export class JsonText {
  constructor(readonly text: string) {}
}

export function encodeJson<S extends z.ZodType>(schema: S, value: z.output<S>): JsonText {
  return new JsonText(JSON.stringify(z.encode(schema, value)));
}

/** Fastify sends a string whose content type is already JSON as it is, without serializing it again. */
export function sendJsonText(reply: FastifyReply, body: JsonText): FastifyReply {
  return reply.type('application/json; charset=utf-8').send(body.text);
}
