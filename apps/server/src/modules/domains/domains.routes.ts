import { CertificateUploadSchema, CustomDomainStatusSchema } from '@atrium/shared';
import { z } from 'zod';
import { errorResponses, type RoutePlugin } from '../../lib/routes';
import { technicianOf } from '../../plugins/authenticate';

export const domainsRoutes: RoutePlugin = async (app, { services }) => {
  const tags = ['settings'];

  app.get(
    '/settings/portal/domain',
    {
      schema: {
        tags,
        summary: 'The custom domain: the CNAME it needs, what DNS answers now, and its certificate',
        response: { 200: CustomDomainStatusSchema, ...errorResponses(401) },
      },
    },
    async (request) => services.domains.status(technicianOf(request)),
  );

  app.put(
    '/settings/portal/domain/certificate',
    {
      schema: {
        tags,
        summary: 'Upload the custom domain’s certificate and key (admins), when ACME cannot be used',
        body: CertificateUploadSchema,
        response: { 200: CustomDomainStatusSchema, ...errorResponses(400, 401, 403, 409) },
      },
    },
    async (request) => services.domains.uploadCertificate(technicianOf(request), request.body),
  );
};

/** Public and on plain HTTP: the CA fetches the answer to its HTTP-01 challenge here. */
export const acmeChallengeRoutes: RoutePlugin = async (app, { services }) => {
  app.get(
    '/.well-known/acme-challenge/:token',
    {
      schema: {
        hide: true,
        params: z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{1,200}$/) }),
      },
    },
    async (request, reply) =>
      reply.type('text/plain').send(await services.domains.challengeResponse(request.params.token)),
  );
};
