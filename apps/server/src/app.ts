import { randomUUID } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import fastifyMultipart from '@fastify/multipart';
import fastifySwagger from '@fastify/swagger';
import { sql } from 'drizzle-orm';
import Fastify, { type FastifyInstance, type FastifyPluginAsync, type FastifyServerOptions } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import helmet from 'helmet';
import type { Config } from './config';
import type { Database } from './db/client';
import { AppError } from './lib/app-error';
import type { RouteDeps } from './lib/routes';
import { assertStorableRequest } from './lib/storable-text';
import { apiTokensRoutes } from './modules/api-tokens/api-tokens.routes';
import { assistantReviewRoutes, assistantRoutes } from './modules/assistant/assistant.routes';
import { auditRoutes } from './modules/audit/audit.routes';
import { contactSessionRoutes, signInRoutes, technicianSessionRoutes } from './modules/auth/auth.routes';
import { createAuthHousekeeping } from './modules/auth/auth-housekeeping';
import { contactsRoutes } from './modules/contacts/contacts.routes';
import { customFieldsRoutes } from './modules/custom-fields/custom-fields.routes';
import { customersRoutes } from './modules/customers/customers.routes';
import { createAgentHub } from './modules/devices/agent-hub';
import { agentRoutes, devicesRoutes, signingKeysRoutes } from './modules/devices/devices.routes';
import { portalDevicesRoutes } from './modules/devices/portal-devices.routes';
import { registerCustomDomain } from './modules/domains/custom-host';
import { acmeChallengeRoutes, domainsRoutes } from './modules/domains/domains.routes';
import { inboundMailRoutes } from './modules/inbound-mail/inbound-mail.routes';
import { registerInboundMail } from './modules/inbound-mail/inbound-mail.transports';
import { kbRoutes } from './modules/kb/kb.routes';
import { mailRoutes } from './modules/mail/mail.routes';
import { createMailDispatcher } from './modules/mail/mail-dispatcher';
import { createMailSender } from './modules/mail/mail-sender';
import { portalKbRoutes } from './modules/portal/portal-kb.routes';
import { portalMeRoutes } from './modules/portal/portal-me.routes';
import { portalTicketsRoutes } from './modules/portal/portal-tickets.routes';
import { brandingRoutes, settingsRoutes } from './modules/settings/settings.routes';
import { setupRoutes } from './modules/setup/setup.routes';
import { smsRoutes } from './modules/sms/sms.routes';
import { createSmsSender } from './modules/sms/sms-sender';
import { softwareRoutes } from './modules/software/software.routes';
import { statusesRoutes } from './modules/statuses/statuses.routes';
import { techniciansRoutes } from './modules/technicians/technicians.routes';
import { ticketsRoutes } from './modules/tickets/tickets.routes';
import { twoFactorRoutes } from './modules/two-factor/two-factor.routes';
import { authenticateContact, authenticateTechnician } from './plugins/authenticate';
import { handleError, registerErrorHandler, sendError } from './plugins/errors';
import { RequestLogController } from './plugins/request-log';
import { isApiPath, registerWeb, sendAppShell } from './plugins/web';
import { createServices } from './services';

export type AppOptions = {
  config: Config;
  database: Database;
  /** Tests pass `false`; the server passes pino options. */
  logger?: FastifyServerOptions['logger'];
};

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/** Plugins in a fixed order, then the API scopes, then the web apps and the 404 handler. */
export async function buildApp({ config, database, logger = false }: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger,
    trustProxy: config.trustProxy.length > 0 ? config.trustProxy : false,
    // A proxy's request id is kept so one id follows a request across systems.
    genReqId: (req) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    },
    frameworkErrors: handleError,
    logController: new RequestLogController(),
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);
  // Text PostgreSQL cannot store is refused once for every route, before any schema or query sees it.
  app.addHook('preValidation', async (request) => assertStorableRequest(request));
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  // While shutting down, answers to requests already in flight close their keep-alive connection,
  // so the server can finish as soon as they are done instead of waiting for idle clients.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', async (_request, reply) => {
    if (closing) reply.header('connection', 'close');
  });

  await app.register(fastifyCookie);
  await app.register(fastifyMultipart, {
    limits: {
      fileSize: config.attachments.maxBytes,
      files: 10,
      fields: 20,
      fieldSize: 256 * 1024,
      parts: 40,
    },
  });
  // Security headers on every response, from a middleware built once (@fastify/helmet builds it
  // again for every request, a few percent of a short request's CPU).
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'https:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: config.secureCookies ? [] : null,
      },
    },
    strictTransportSecurity: config.secureCookies,
    crossOriginEmbedderPolicy: false,
  });
  app.addHook('onRequest', (request, reply, done) =>
    securityHeaders(request.raw, reply.raw, (error?: unknown) =>
      done(error instanceof Error ? error : undefined),
    ),
  );

  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'Atrium API',
        version: '1.0.0',
        description: 'Technician API (/api/v1) and portal API (/portal/api).',
      },
      servers: [{ url: config.publicUrl.origin }],
      components: {
        securitySchemes: {
          bearer: {
            type: 'http',
            scheme: 'bearer',
            description: 'Personal API token (POST /api/v1/api-tokens)',
          },
          consoleSession: { type: 'apiKey', in: 'cookie', name: 'atrium_session' },
          portalSession: { type: 'apiKey', in: 'cookie', name: 'atrium_portal_session' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });

  const services = createServices(database.db, config);
  const mailDispatcher = createMailDispatcher(database.db, services.notifications, app.log);
  const mailSender = createMailSender(database.db, config, app.log);
  const smsSender = createSmsSender(database.db, config, services.sms, app.log);
  const authHousekeeping = createAuthHousekeeping(database.db, app.log);
  const assistantRecorder = services.assistantRecorder(app.log);
  const agentHub = createAgentHub(
    database,
    services.commandSigning,
    services.actionAnnouncer,
    config.agents,
    app.log,
  );
  agentHub.attach(app.server);
  app.addHook('onReady', async () => {
    mailDispatcher.start();
    mailSender?.start();
    smsSender?.start();
    authHousekeeping.start();
    assistantRecorder.start();
    await agentHub.start();
  });
  // Before the database closes: work already taken is finished, not done again later.
  app.addHook('preClose', async () => {
    await mailDispatcher.stop();
    await mailSender?.stop();
    await smsSender?.stop();
    await authHousekeeping.stop();
    await assistantRecorder.stop();
    await agentHub.stop();
  });
  const deps: RouteDeps = { services, config };
  registerInboundMail(app, services, config);
  // Before every route: on the custom domain's host, only the portal is served.
  registerCustomDomain(app, { services, config, database });

  app.get('/healthz', { schema: { hide: true } }, async () => {
    try {
      await database.db.execute(sql`select 1`);
    } catch {
      throw new AppError('unavailable', 'The database is not reachable.');
    }
    return { status: 'ok' };
  });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  await app.register(signInRoutes, deps);
  await app.register(agentRoutes, deps);
  await app.register(brandingRoutes, deps);
  await app.register(acmeChallengeRoutes, deps);

  // Everything else under /api/v1 needs a technician; an unknown path there answers 401 too.
  const technicianApi: FastifyPluginAsync = async (api) => {
    api.addHook('onRequest', authenticateTechnician(services.auth, config));
    await api.register(technicianSessionRoutes, deps);
    await api.register(techniciansRoutes, deps);
    await api.register(apiTokensRoutes, deps);
    await api.register(settingsRoutes, deps);
    await api.register(setupRoutes, deps);
    await api.register(domainsRoutes, deps);
    await api.register(auditRoutes, deps);
    await api.register(customersRoutes, deps);
    await api.register(contactsRoutes, deps);
    await api.register(ticketsRoutes, deps);
    await api.register(customFieldsRoutes, deps);
    await api.register(statusesRoutes, deps);
    await api.register(softwareRoutes, deps);
    await api.register(kbRoutes, deps);
    await api.register(mailRoutes, deps);
    await api.register(smsRoutes, deps);
    await api.register(inboundMailRoutes, deps);
    await api.register(devicesRoutes, deps);
    await api.register(signingKeysRoutes, deps);
    await api.register(assistantReviewRoutes, deps);
    api.setNotFoundHandler((_request, reply) => sendError(reply, new AppError('not_found')));
  };
  const portalApi: FastifyPluginAsync = async (portal) => {
    portal.addHook('onRequest', authenticateContact(services.auth, config));
    await portal.register(contactSessionRoutes, deps);
    await portal.register(portalMeRoutes, deps);
    await portal.register(twoFactorRoutes, deps);
    await portal.register(portalDevicesRoutes, deps);
    await portal.register(portalTicketsRoutes, deps);
    await portal.register(portalKbRoutes, deps);
    await portal.register(assistantRoutes, deps);
    portal.setNotFoundHandler((_request, reply) => sendError(reply, new AppError('not_found')));
  };
  await app.register(technicianApi, { prefix: '/api/v1' });
  await app.register(portalApi, { prefix: '/portal/api' });

  await registerWeb(app);
  app.setNotFoundHandler((request, reply) => {
    if (!isApiPath(request.url)) {
      const shell = sendAppShell(request, reply);
      if (shell) return shell;
    }
    return sendError(
      reply,
      new AppError('not_found', `Nothing at ${request.method} ${request.url.split('?')[0]}.`),
    );
  });

  return app;
}
