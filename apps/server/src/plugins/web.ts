import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { SERVER_ROOT } from '../lib/server-root';

/** apps/web/dist, built by `npm run build` (which `npm start` runs first). */
export const WEB_DIST = path.join(SERVER_ROOT, '../web/dist');

const API_PREFIXES = ['/api/', '/portal/api/', '/agent/'];
export const isApiPath = (url: string) =>
  API_PREFIXES.some((prefix) => url.startsWith(prefix)) || url === '/api';

/**
 * Serves the two React apps: hashed assets cached for a year, and for any other page the app's
 * index.html (client-side routing): `/portal...` gets the portal, everything else the console
 * (on the portal's custom domain, modules/domains/custom-host.ts sends every page to the portal).
 */
export async function registerWeb(app: FastifyInstance): Promise<void> {
  const built = fs.existsSync(path.join(WEB_DIST, 'index.html'));
  if (!built) {
    app.log.warn(
      { dir: WEB_DIST },
      'web apps not built: run `npm run build` to serve the console and portal',
    );
    return;
  }
  await app.register(fastifyStatic, {
    root: WEB_DIST,
    prefix: '/',
    index: false,
    // One route per built file rather than a catch-all, so unknown API paths stay real 404s of their
    // prefix (and an anonymous one under /api/v1 is still a 401).
    wildcard: false,
    setHeaders(reply, filePath) {
      const immutable = filePath.includes(`${path.sep}assets${path.sep}`);
      reply.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
}

export function sendAppShell(request: FastifyRequest, reply: FastifyReply): FastifyReply | undefined {
  const portal =
    request.url === '/portal' || request.url.startsWith('/portal/') || request.url.startsWith('/portal?');
  return sendShell(request, reply, portal ? 'portal/index.html' : 'index.html');
}

/** On the portal's custom domain every page is the portal's, served at the host's root. */
export function sendPortalShell(request: FastifyRequest, reply: FastifyReply): FastifyReply | undefined {
  return sendShell(request, reply, 'portal/index.html');
}

function sendShell(request: FastifyRequest, reply: FastifyReply, file: string): FastifyReply | undefined {
  if (!['GET', 'HEAD'].includes(request.method) || isApiPath(request.url)) return undefined;
  if (!fs.existsSync(path.join(WEB_DIST, file))) return undefined;
  return reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').sendFile(file);
}
