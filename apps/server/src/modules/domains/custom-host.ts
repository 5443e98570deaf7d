import https from 'node:https';
import tls, { type SecureContext } from 'node:tls';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../../config';
import type { Database } from '../../db/client';
import { AppError } from '../../lib/app-error';
import { sendError } from '../../plugins/errors';
import { isApiPath, sendPortalShell } from '../../plugins/web';
import type { Services } from '../../services';
import { DOMAINS_CHANNEL } from './domains.repo';

/** Catch-up for a lost notification, and the renewal check. */
const CHECK_INTERVAL_MS = 60_000;
const HSTS = 'max-age=31536000';
const CHALLENGE_PREFIX = '/.well-known/acme-challenge/';

const isPortalApi = (path: string) => path === '/portal/api' || path.startsWith('/portal/api/');

/**
 * The portal on the MSP's own domain (SPEC §3.1): on that host, `/` and every page are the portal,
 * with its API and the built assets; the console and the technician API are not there. Certificates
 * are ordered and renewed here, and served to the HTTPS listener (HTTPS_PORT) by SNI.
 */
export function registerCustomDomain(
  app: FastifyInstance,
  { services, config, database }: { services: Services; config: Config; database: Database },
): void {
  let served: { domain: string | null; context: SecureContext | null } = { domain: null, context: null };

  async function reload(): Promise<void> {
    const { domain, certificate } = await services.domains.served();
    served = {
      domain,
      context: certificate
        ? tls.createSecureContext({ cert: certificate.certificate, key: certificate.privateKey })
        : null,
    };
  }

  // One check at a time; a request for another while one runs makes it run once more after.
  let running: Promise<void> | undefined;
  let again = false;
  async function check(): Promise<void> {
    do {
      again = false;
      try {
        await reload();
        const { ordered } = await services.domains.orderIfDue();
        if (ordered) app.log.info({ domain: ordered }, 'custom domain certificate issued');
      } catch (error) {
        // The message only: the CA's answer; the error's own fields hold the signed request.
        const reason = error instanceof Error ? error.message : String(error);
        app.log.warn({ reason }, 'custom domain: certificate order failed');
      }
    } while (again);
  }
  function kick(): void {
    if (running !== undefined) {
      again = true;
      return;
    }
    running = check().finally(() => {
      running = undefined;
    });
  }

  app.addHook('onRequest', async (request, reply) => {
    if (served.domain === null || request.hostname.toLowerCase() !== served.domain) return;
    const path = request.url.split('?')[0] ?? '';
    if (path.startsWith(CHALLENGE_PREFIX)) return;
    if (request.protocol === 'https') reply.header('strict-transport-security', HSTS);
    else if (served.context && config.httpsPort !== undefined) {
      return reply.redirect(`https://${served.domain}${request.url}`, 301);
    }
    if (isPortalApi(path) || path.startsWith('/assets/')) return;
    if (!isApiPath(path)) {
      const shell = sendPortalShell(request, reply);
      if (shell) return shell;
    }
    return sendError(
      reply,
      new AppError('not_found', `Nothing at ${request.method} ${path} on this domain.`),
    );
  });

  const listener =
    config.httpsPort === undefined
      ? undefined
      : https.createServer(
          {
            SNICallback: (servername, callback) => {
              const { domain, context } = served;
              if (context && servername.toLowerCase() === domain) callback(null, context);
              else callback(new Error(`no certificate for ${servername}`), undefined);
            },
          },
          (request, response) => app.routing(request, response),
        );

  let unlisten: (() => Promise<void>) | undefined;
  let timer: NodeJS.Timeout | undefined;
  app.addHook('onReady', async () => {
    await reload();
    unlisten = await database.listen(DOMAINS_CHANNEL, kick);
    timer = setInterval(kick, CHECK_INTERVAL_MS);
    timer.unref();
    if (listener) {
      await new Promise<void>((resolve, reject) => {
        listener.once('error', reject);
        listener.listen(config.httpsPort, config.host, () => {
          listener.off('error', reject);
          resolve();
        });
      });
      app.log.info({ port: config.httpsPort }, 'HTTPS listener for the custom domain');
    }
    kick();
  });
  app.addHook('preClose', async () => {
    clearInterval(timer);
    await unlisten?.();
    if (listener?.listening) {
      const closed = new Promise((resolve) => listener.close(resolve));
      listener.closeIdleConnections();
      await closed;
    }
    await running;
  });
}
