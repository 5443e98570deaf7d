import type { FastifyReply, FastifyRequest, onRequestHookHandler } from 'fastify';
import type { Config } from '../config';
import type { ContactActor, TechnicianActor } from '../lib/actor';
import { AppError } from '../lib/app-error';
import { type AuthService, SESSION_TTL_SECONDS } from '../modules/auth/auth.service';

declare module 'fastify' {
  // biome-ignore lint/style/useConsistentTypeDefinitions: module augmentation needs an interface
  interface FastifyRequest {
    technician?: TechnicianActor;
    contact?: ContactActor;
  }
  // biome-ignore lint/style/useConsistentTypeDefinitions: module augmentation needs an interface
  interface FastifyContextConfig {
    /** A portal route a contact may use before choosing their own password (see `authenticateContact`). */
    beforePasswordChoice?: boolean;
  }
}

/** One cookie per audience: a portal session is never presented to the console API, and back. */
export const SESSION_COOKIES = {
  technician: { name: 'atrium_session', path: '/' },
  contact: { name: 'atrium_portal_session', path: '/portal' },
} as const;
type Audience = keyof typeof SESSION_COOKIES;

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * CSRF defence for cookie-authenticated writes: the browser's Origin (or Referer) must be Atrium's
 * public URL or the host the request was sent to. SameSite=Lax cookies are the first line; this is the second.
 */
export function requestOrigin(request: FastifyRequest): string | undefined {
  const { origin, referer } = request.headers;
  if (origin && origin !== 'null') return origin;
  if (!referer) return undefined;
  try {
    return new URL(referer).origin;
  } catch {
    return undefined;
  }
}

export function assertSameOrigin(
  request: FastifyRequest,
  config: Config,
  { required }: { required: boolean },
) {
  if (SAFE_METHODS.has(request.method)) return;
  const origin = requestOrigin(request);
  if (!origin) {
    if (required) throw new AppError('csrf_origin_mismatch', 'This request has no Origin header.');
    return;
  }
  const allowed = [config.publicUrl.origin, `${request.protocol}://${request.host}`];
  if (!allowed.includes(origin)) throw new AppError('csrf_origin_mismatch');
}

export function setSessionCookie(
  reply: FastifyReply,
  config: Config,
  audience: Audience,
  token: string,
): void {
  const { name, path } = SESSION_COOKIES[audience];
  reply.setCookie(name, token, {
    path,
    httpOnly: true,
    sameSite: 'lax',
    secure: config.secureCookies,
    maxAge: SESSION_TTL_SECONDS,
  });
}

export function clearSessionCookie(reply: FastifyReply, config: Config, audience: Audience): void {
  const { name, path } = SESSION_COOKIES[audience];
  reply.clearCookie(name, { path, httpOnly: true, sameSite: 'lax', secure: config.secureCookies });
}

export function sessionToken(request: FastifyRequest, audience: Audience): string | undefined {
  return request.cookies[SESSION_COOKIES[audience].name] || undefined;
}

/** The `/api/v1` gate: an API token (Bearer) or a technician session cookie, nothing else. */
export function authenticateTechnician(auth: AuthService, config: Config): onRequestHookHandler {
  return async (request) => {
    const header = request.headers.authorization;
    if (header) {
      const [scheme, token] = header.split(' ');
      const actor =
        scheme === 'Bearer' && token ? await auth.technicianFromApiToken(token, request.ip) : undefined;
      if (!actor) throw new AppError('unauthenticated', 'This API token is not valid.');
      request.technician = actor;
      return;
    }
    const token = sessionToken(request, 'technician');
    const actor = token ? await auth.technicianFromSession(token, request.ip) : undefined;
    if (!actor) throw new AppError('unauthenticated');
    assertSameOrigin(request, config, { required: true });
    request.technician = actor;
  };
}

/**
 * The `/portal/api` gate: a contact session cookie only. A contact signed in with a generated
 * password reaches only the routes marked `beforePasswordChoice` (who am I, choose, sign out).
 */
export function authenticateContact(auth: AuthService, config: Config): onRequestHookHandler {
  return async (request) => {
    const token = sessionToken(request, 'contact');
    const found = token ? await auth.contactFromSession(token, request.ip) : undefined;
    if (!found) throw new AppError('unauthenticated');
    assertSameOrigin(request, config, { required: true });
    if (found.mustChangePassword && request.routeOptions.config.beforePasswordChoice !== true) {
      throw new AppError('password_change_required');
    }
    request.contact = found.actor;
  };
}

export function technicianOf(request: FastifyRequest): TechnicianActor {
  if (!request.technician) throw new AppError('unauthenticated');
  return request.technician;
}

export function contactOf(request: FastifyRequest): ContactActor {
  if (!request.contact) throw new AppError('unauthenticated');
  return request.contact;
}
