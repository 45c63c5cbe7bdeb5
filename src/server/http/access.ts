/**
 * Every API route declares who may call it (`config.access`); a route without a rule stops
 * the server from starting. On each request, before the body is read: who is asking (session
 * cookie or API token), CSRF protection for writes made with a cookie, then the role check.
 *
 * CSRF: the session cookie is SameSite=Strict and HttpOnly, and every write made with it must
 * carry the session's CSRF token in an X-CSRF-Token header (a synchronizer token the studio
 * reads from GET /api/session). SameSite alone is not enough: another app on the same host
 * (another port) is "same-site" and would get the cookie sent. A page of another origin
 * cannot read the token, cannot set the header without a CORS preflight this server never
 * grants, and its Origin header is refused as well. API tokens are sent by programs, never
 * attached by a browser on its own, so they need no CSRF token.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { can, type Capability, type Role } from '../../core/sync';
import { sameSecret } from '../auth/secrets';
import { SESSION_COOKIE, sessionUser, tokenUser, type Authenticated } from '../auth/sessions';
import type { Db } from '../db/open';
import { ApiFailure } from '../errors';

/** 'public': anyone, signed in or not. Otherwise the capability the caller's role needs. */
export type Access = 'public' | Capability;

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    auth?: Authenticated;
  }
}

export interface RouteRule {
  method: string;
  url: string;
  access: Access;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The signed-in caller of a route whose rule is not 'public'. */
export function caller(request: FastifyRequest): Authenticated {
  if (!request.auth) throw new Error(`${request.method} ${request.url}: no caller on a route that requires one`);
  return request.auth;
}

async function authenticate(db: Db, request: FastifyRequest): Promise<Authenticated | undefined> {
  const header = request.headers.authorization;
  if (header !== undefined) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    // A malformed or unknown token is refused, never silently replaced by a cookie.
    return match ? tokenUser(db, match[1]) : undefined;
  }
  const cookie = request.cookies[SESSION_COOKIE];
  return cookie ? sessionUser(db, cookie) : undefined;
}

/** Same-origin as the server sees itself (Host, and the scheme, from X-Forwarded-Proto behind a trusted proxy). */
export function foreignOrigin(request: FastifyRequest): string | undefined {
  const origin = request.headers.origin;
  if (origin === undefined) return undefined;
  return origin === `${request.protocol}://${request.host}` ? undefined : origin;
}

function csrfProblem(request: FastifyRequest, auth: Authenticated): string | undefined {
  const origin = foreignOrigin(request);
  if (origin !== undefined) return `a write from another origin (${origin}) is refused`;
  const token = request.headers['x-csrf-token'];
  if (typeof token !== 'string' || !auth.csrfToken || !sameSecret(token, auth.csrfToken)) {
    return 'this write needs the X-CSRF-Token header of your session (GET /api/session gives it)';
  }
  return undefined;
}

/** Installs the rule check on every route; returns the table of API rules, filled as routes are added. */
export function enforceAccess(app: FastifyInstance, db: Db): RouteRule[] {
  const table: RouteRule[] = [];
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const access = route.config?.access;
    if (!route.url.startsWith('/api/')) return;
    if (access === undefined) throw new Error(`${methods.join(',')} ${route.url} declares no access rule (config.access)`);
    for (const method of methods) if (method !== 'HEAD') table.push({ method, url: route.url, access });
  });

  app.addHook('onRequest', async (request: FastifyRequest, _reply: FastifyReply) => {
    const access = request.routeOptions.config.access;
    if (access === undefined || access === 'public') return;
    const auth = await authenticate(db, request);
    if (!auth) throw new ApiFailure(401, 'unauthenticated', 'sign in first (or send an API token: Authorization: Bearer hst_...)');
    if (!SAFE_METHODS.has(request.method) && auth.via === 'session') {
      const problem = csrfProblem(request, auth);
      if (problem) throw new ApiFailure(403, 'csrf', problem);
    }
    const role = auth.user.role as Role;
    if (!can(role, access)) throw new ApiFailure(403, 'forbidden', `${auth.user.username} is ${role === 'admin' ? 'an' : 'a'} ${role}; this needs the "${access}" permission`);
    request.auth = auth;
  });
  return table;
}
