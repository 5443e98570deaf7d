import { Readable } from 'node:stream';
import { InboundMailListQuerySchema, InboundMailSchema, listOf } from '@atrium/shared';
import { z } from 'zod';
import { errorResponses, IdParamsSchema, type RoutePlugin } from '../../lib/routes';
import { sendAttachment } from '../../lib/uploads';
import { technicianOf } from '../../plugins/authenticate';

export const inboundMailRoutes: RoutePlugin = async (app, { services }) => {
  const tags = ['inbound mail'];

  app.get(
    '/inbound-mail',
    {
      schema: {
        tags,
        summary: 'Every received message, newest first, with what became of it',
        querystring: InboundMailListQuerySchema,
        response: { 200: listOf(InboundMailSchema), ...errorResponses(400, 401) },
      },
    },
    async (request) => services.inboundMail.list(technicianOf(request), request.query),
  );

  app.get(
    '/inbound-mail/:id/raw',
    {
      schema: {
        tags,
        summary: 'The message exactly as received (.eml), always as a download',
        params: IdParamsSchema,
        response: { 200: z.any(), ...errorResponses(401, 404) },
      },
    },
    async (request, reply) => {
      const { raw, filename } = await services.inboundMail.openRaw(technicianOf(request), request.params.id);
      const file = { filename, contentType: 'message/rfc822', size: raw.length };
      return sendAttachment(reply, file, Readable.from([raw]));
    },
  );
};
