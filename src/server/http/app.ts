/**
 * The HTTP server: Fastify (mature, schema-validated routes, hooks that run before a body is
 * read, first-party static files and cookies) with the JSON API under /api/ and the built
 * studio at /.
 */
import fastifyCookie from '@fastify/cookie';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import { ApiFailure } from '../errors';
import { registerRoutes } from '../routes';
import { enforceAccess, type RouteRule } from './access';
import type { AppOptions } from './options';
import { registerPages } from './pages';

export interface App {
  fastify: FastifyInstance;
  /** Every API route and who may call it. */
  routes: RouteRule[];
}

/** Postgres and PGlite both report a unique-key violation as SQLSTATE 23505. */
const isUniqueViolation = (err: unknown) => (err as { code?: unknown })?.code === '23505';

export async function buildApp(options: AppOptions): Promise<App> {
  const fastify = Fastify({
    logger: options.logger ?? false,
    trustProxy: options.trustProxy ?? false,
    bodyLimit: options.maxBodyBytes ?? 64 << 20,
    // Sample ids are content hashes; anything longer is not one of ours.
    routerOptions: { maxParamLength: 512 },
  });
  await fastify.register(fastifyCookie);
  const routes = enforceAccess(fastify, options.db);

  fastify.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof ApiFailure) return reply.status(error.status).headers(error.headers).send(error.body());
    if (error.validation) return reply.status(400).send({ error: 'invalid', message: `${error.validationContext ?? 'request'} ${error.message.replace(/^\w+\/?/, '')}`.trim() });
    if (error.statusCode === 413) return reply.status(413).send({ error: 'too-large', message: error.message });
    if (error.statusCode === 415 || error.statusCode === 400) return reply.status(error.statusCode).send({ error: 'invalid', message: error.message });
    if (isUniqueViolation(error)) return reply.status(409).send({ error: 'conflict', message: 'that name is taken' });
    request.log.error(error);
    if (!options.logger) console.error(`hint-studio serve: ${request.method} ${request.url}:`, error);
    return reply.status(500).send({ error: 'internal', message: 'the server failed on this request; its log has the details' });
  });
  fastify.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api/')) return reply.status(404).send({ error: 'not-found', message: `no ${request.method} ${request.url.split('?')[0]}` });
    return reply.status(404).type('text/plain; charset=utf-8').send('not found');
  });
  fastify.addHook('onSend', async (request, reply) => {
    if (request.url.startsWith('/api/')) reply.header('Cache-Control', 'no-store');
  });

  await registerRoutes(fastify, options);
  await registerPages(fastify, options.distDir);
  await fastify.ready();
  return { fastify, routes };
}
