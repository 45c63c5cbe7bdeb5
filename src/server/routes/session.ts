/** Signing in and out, the caller's own password and API tokens. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { SessionInfo } from '../../core/sync';
import { verifyPassword } from '../auth/passwords';
import { createApiToken, createSession, endSession, listApiTokens, revokeApiToken, SESSION_COOKIE } from '../auth/sessions';
import { recordFailure, recordSuccess, retryAfter } from '../auth/throttle';
import { audit } from '../data/audit';
import { findUser, setPassword, userInfo } from '../data/users';
import { ApiFailure } from '../errors';
import { caller, foreignOrigin } from '../http/access';
import type { RouteContext, RouteModule } from './common';

/** Sign-in attempts for one (name, address) pair run one at a time, so parallel guesses all meet the back-off. */
const inFlight = new Map<string, Promise<unknown>>();
async function oneAtATime<T>(key: string, work: () => Promise<T>): Promise<T> {
  const before = inFlight.get(key) ?? Promise.resolve();
  const run = before.catch(() => {}).then(work);
  inFlight.set(key, run);
  try {
    return await run;
  } finally {
    if (inFlight.get(key) === run) inFlight.delete(key);
  }
}

function secure(ctx: RouteContext, request: FastifyRequest): boolean {
  const mode = ctx.secureCookies ?? 'auto';
  return mode === 'auto' ? request.protocol === 'https' : mode;
}

const loginBody = {
  type: 'object',
  required: ['username', 'password'],
  additionalProperties: false,
  properties: { username: { type: 'string', minLength: 1, maxLength: 64 }, password: { type: 'string', minLength: 1, maxLength: 1024 } },
} as const;

async function login(ctx: RouteContext, request: FastifyRequest, reply: FastifyReply): Promise<SessionInfo> {
  const { username, password } = request.body as { username: string; password: string };
  const origin = foreignOrigin(request);
  if (origin) throw new ApiFailure(403, 'csrf', `sign-in from another origin (${origin}) is refused`);
  const name = username.trim().toLowerCase();
  return oneAtATime(`${name}\u0000${request.ip}`, async () => {
    const wait = await retryAfter(ctx.db, name, request.ip);
    if (wait > 0) {
      throw new ApiFailure(429, 'throttled', `too many failed sign-ins for ${name} from this address: try again in ${wait} s`, { retryAfter: wait }, { 'Retry-After': String(wait) });
    }
    const user = await findUser(ctx.db, name);
    const ok = await verifyPassword(user && !user.disabledAt ? user.passwordHash : undefined, password);
    if (!user || !ok) {
      const next = await recordFailure(ctx.db, name, request.ip);
      await audit(ctx.db, { userId: user?.id ?? null, action: 'login.fail', detail: { username: name, ip: request.ip } });
      const later = next > 0 ? ` Wait ${next} s before the next try.` : '';
      throw new ApiFailure(401, 'unauthenticated', `wrong user name or password.${later}`, next > 0 ? { retryAfter: next } : {}, next > 0 ? { 'Retry-After': String(next) } : {});
    }
    await recordSuccess(ctx.db, name, request.ip);
    const session = await createSession(ctx.db, user.id);
    await audit(ctx.db, { userId: user.id, action: 'login', detail: { ip: request.ip } });
    reply.setCookie(SESSION_COOKIE, session.cookie, { httpOnly: true, sameSite: 'strict', path: '/', secure: secure(ctx, request), expires: session.expiresAt });
    return { user: userInfo(user), csrfToken: session.csrfToken };
  });
}

export const sessionRoutes: RouteModule = (app, ctx) => {
  app.get('/api/health', { config: { access: 'public' } }, async () => ({ ok: true, storage: ctx.storage }));

  app.post('/api/session', { config: { access: 'public' }, schema: { body: loginBody } }, (request, reply) => login(ctx, request, reply));

  app.get('/api/session', { config: { access: 'read' } }, async (request): Promise<SessionInfo> => {
    const auth = caller(request);
    return { user: userInfo(auth.user), csrfToken: auth.csrfToken ?? '' };
  });

  app.delete('/api/session', { config: { access: 'read' } }, async (request, reply) => {
    const auth = caller(request);
    if (auth.sessionHash) await endSession(ctx.db, auth.sessionHash);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true };
  });

  app.post(
    '/api/me/password',
    {
      config: { access: 'read' },
      schema: {
        body: {
          type: 'object',
          required: ['current', 'password'],
          properties: { current: { type: 'string', maxLength: 1024 }, password: { type: 'string', maxLength: 1024 } },
        },
      },
    },
    async (request) => {
      const { user } = caller(request);
      const { current, password } = request.body as { current: string; password: string };
      if (!(await verifyPassword(user.passwordHash, current))) throw new ApiFailure(403, 'forbidden', 'the current password is wrong');
      await setPassword(ctx.db, user.username, password, user.id);
      return { ok: true, note: 'password changed: every session and API token of yours has ended; sign in again' };
    },
  );

  app.get('/api/me/tokens', { config: { access: 'read' } }, async (request) => listApiTokens(ctx.db, caller(request).user.id));

  app.post(
    '/api/me/tokens',
    { config: { access: 'read' }, schema: { body: { type: 'object', required: ['name'], properties: { name: { type: 'string', minLength: 1, maxLength: 100 } } } } },
    async (request, reply) => {
      const created = await createApiToken(ctx.db, caller(request).user.id, (request.body as { name: string }).name);
      return reply.status(201).send({ ...created.info, token: created.token });
    },
  );

  app.delete(
    '/api/me/tokens/:tokenId',
    { config: { access: 'read' }, schema: { params: { type: 'object', properties: { tokenId: { type: 'integer' } } } } },
    async (request) => {
      await revokeApiToken(ctx.db, caller(request).user.id, (request.params as { tokenId: number }).tokenId);
      return { ok: true };
    },
  );
};
