/** Every API route module. A route declares who may call it in config.access (see http/access.ts). */
import type { FastifyInstance } from 'fastify';
import { adminRoutes } from './admin';
import type { RouteContext } from './common';
import { reviewRoutes } from './review';
import { sampleRoutes } from './samples';
import { sessionRoutes } from './session';
import { transferRoutes } from './transfer';

export async function registerRoutes(app: FastifyInstance, ctx: RouteContext): Promise<void> {
  for (const routes of [sessionRoutes, adminRoutes, sampleRoutes, reviewRoutes, transferRoutes]) await routes(app, ctx);
}
