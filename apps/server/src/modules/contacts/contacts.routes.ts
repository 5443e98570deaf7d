import {
  ContactCreatedSchema,
  ContactCreateSchema,
  ContactListQuerySchema,
  ContactSchema,
  ContactUpdateSchema,
  CredentialsResetResultSchema,
  CredentialsResetSchema,
  listOf,
} from '@atrium/shared';
import { z } from 'zod';
import { errorResponses, IdParamsSchema, type RoutePlugin } from '../../lib/routes';
import { technicianOf } from '../../plugins/authenticate';

export const contactsRoutes: RoutePlugin = async (app, { services }) => {
  const tags = ['contacts'];

  app.get(
    '/contacts',
    {
      schema: {
        tags,
        summary: 'Contacts, searchable by name or email, filtered by customer',
        querystring: ContactListQuerySchema,
        response: { 200: listOf(ContactSchema), ...errorResponses(400, 401) },
      },
    },
    async (request) => services.contacts.list(technicianOf(request), request.query),
  );

  app.post(
    '/contacts',
    {
      schema: {
        tags,
        summary: 'Create a contact; the generated portal password is in this response only',
        body: ContactCreateSchema,
        response: { 201: ContactCreatedSchema, ...errorResponses(400, 401, 409) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await services.contacts.create(technicianOf(request), request.body)),
  );

  app.get(
    '/contacts/:id',
    {
      schema: { tags, params: IdParamsSchema, response: { 200: ContactSchema, ...errorResponses(401, 404) } },
    },
    async (request) => services.contacts.get(technicianOf(request), request.params.id),
  );

  app.patch(
    '/contacts/:id',
    {
      schema: {
        tags,
        params: IdParamsSchema,
        body: ContactUpdateSchema,
        response: { 200: ContactSchema, ...errorResponses(400, 401, 404, 409) },
      },
    },
    async (request) => services.contacts.update(technicianOf(request), request.params.id, request.body),
  );

  app.delete(
    '/contacts/:id',
    { schema: { tags, params: IdParamsSchema, response: { 204: z.null(), ...errorResponses(401, 404) } } },
    async (request, reply) => {
      await services.contacts.remove(technicianOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/contacts/:id/credentials/reset',
    {
      schema: {
        tags,
        summary: 'Give the contact a new portal password (shown once), optionally emailing it',
        params: IdParamsSchema,
        body: CredentialsResetSchema,
        response: { 200: CredentialsResetResultSchema, ...errorResponses(400, 401, 404) },
      },
    },
    async (request) =>
      services.contacts.resetCredentials(technicianOf(request), request.params.id, request.body),
  );
};
