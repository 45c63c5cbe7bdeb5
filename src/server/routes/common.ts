/** Pieces every route module uses. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppOptions } from '../http/options';
import { notFound } from '../errors';

export type RouteContext = AppOptions;
export type RouteModule = (app: FastifyInstance, ctx: RouteContext) => void | Promise<void>;

/** The :project parameter as a project id. */
export function projectId(request: FastifyRequest): number {
  const raw = (request.params as { project?: string }).project ?? '';
  const id = Number(raw);
  if (!/^\d{1,9}$/.test(raw) || !Number.isSafeInteger(id)) throw notFound(`project ${raw}`);
  return id;
}

export const params = {
  project: { type: 'object', properties: { project: { type: 'string' } }, required: ['project'] },
  sample: {
    type: 'object',
    properties: { project: { type: 'string' }, id: { type: 'string', minLength: 1, maxLength: 256 } },
    required: ['project', 'id'],
  },
} as const;

export const iso = (date: Date | null | undefined) => date?.toISOString() ?? null;
