import {
  CustomerCreateSchema,
  CustomerListQuerySchema,
  CustomerSchema,
  CustomerUpdateSchema,
  listOf,
} from '@atrium/shared';
import { z } from 'zod';
import { errorResponses, IdParamsSchema, type RoutePlugin } from '../../lib/routes';
import { technicianOf } from '../../plugins/authenticate';

export const customersRoutes: RoutePlugin = async (app, { services }) => {
  const tags = ['customers'];

  app.get(
    '/customers',
    {
      schema: {
        tags,
        summary: 'Customers, searchable by name or email domain',
        querystring: CustomerListQuerySchema,
        response: { 200: listOf(CustomerSchema), ...errorResponses(400, 401) },
      },
    },
    async (request) => services.customers.list(technicianOf(request), request.query),
  );

  app.post(
    '/customers',
    {
      schema: {
        tags,
        body: CustomerCreateSchema,
        response: { 201: CustomerSchema, ...errorResponses(400, 401, 409) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await services.customers.create(technicianOf(request), request.body)),
  );

  app.get(
    '/customers/:id',
    {
      schema: {
        tags,
        params: IdParamsSchema,
        response: { 200: CustomerSchema, ...errorResponses(401, 404) },
      },
    },
    async (request) => services.customers.get(technicianOf(request), request.params.id),
  );

  app.patch(
    '/customers/:id',
    {
      schema: {
        tags,
        params: IdParamsSchema,
        body: CustomerUpdateSchema,
        response: { 200: CustomerSchema, ...errorResponses(400, 401, 404, 409) },
      },
    },
    async (request) => services.customers.update(technicianOf(request), request.params.id, request.body),
  );

  app.delete(
    '/customers/:id',
    {
      schema: {
        tags,
        summary: 'Delete a customer and its contacts; refused (409 in_use) while it has tickets',
        params: IdParamsSchema,
        response: { 204: z.null(), ...errorResponses(401, 404, 409) },
      },
    },
    async (request, reply) => {
      await services.customers.remove(technicianOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );
};
