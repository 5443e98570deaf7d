import { AuditEntrySchema, AuditQuerySchema, listOf } from '@atrium/shared';
import { errorResponses, type RoutePlugin } from '../../lib/routes';
import { technicianOf } from '../../plugins/authenticate';

export const auditRoutes: RoutePlugin = async (app, { services }) => {
  app.get(
    '/audit',
    {
      schema: {
        tags: ['audit'],
        summary: 'The audit log, newest first',
        description:
          '`action` is exact, or a prefix when it ends with a dot (`ticket.` finds `ticket.created`). ' +
          '`from` is inclusive, `to` exclusive.',
        querystring: AuditQuerySchema,
        response: { 200: listOf(AuditEntrySchema), ...errorResponses(400, 401) },
      },
    },
    async (request) => services.audit.list(technicianOf(request), request.query),
  );
};
