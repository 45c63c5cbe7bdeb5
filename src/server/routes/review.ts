/** Review on the server: status changes, decisions, comments and assignment. */
import type { FastifyRequest } from 'fastify';
import { assignSample, changeStatus, commentOn, DECISION_STATUSES, resolveCommentOn, SUBMIT_STATUSES, type StatusRequest } from '../data/review';
import { caller } from '../http/access';
import { params, projectId, type RouteModule } from './common';

const sampleId = (request: FastifyRequest) => (request.params as { id: string }).id;

const statusBody = (statuses: readonly string[]) =>
  ({
    type: 'object',
    required: ['to', 'version'],
    additionalProperties: false,
    properties: { to: { enum: [...statuses] }, version: { type: 'integer', minimum: 1 }, overrideReason: { type: 'string', maxLength: 2000 } },
  }) as const;

export const reviewRoutes: RouteModule = (app, { db }) => {
  /** An annotator's move: ready for review, or back to draft. */
  app.post('/api/projects/:project/samples/:id/status', { config: { access: 'edit' }, schema: { params: params.sample, body: statusBody(SUBMIT_STATUSES) } }, async (request) =>
    changeStatus(db, projectId(request), sampleId(request), request.body as StatusRequest, caller(request).user, 'submit'),
  );

  /** A reviewer's decision about the content of `version`: approve, request changes, reject, reopen. */
  app.post('/api/projects/:project/samples/:id/review', { config: { access: 'review' }, schema: { params: params.sample, body: statusBody(DECISION_STATUSES) } }, async (request) =>
    changeStatus(db, projectId(request), sampleId(request), request.body as StatusRequest, caller(request).user, 'decide'),
  );

  app.post(
    '/api/projects/:project/samples/:id/comments',
    {
      config: { access: 'comment' },
      schema: {
        params: params.sample,
        body: {
          type: 'object',
          required: ['segmentId', 'offset', 'text'],
          additionalProperties: false,
          properties: { segmentId: { type: 'string', minLength: 1 }, offset: { type: 'integer', minimum: 0 }, text: { type: 'string', minLength: 1, maxLength: 20_000 } },
        },
      },
    },
    async (request, reply) => reply.status(201).send(await commentOn(db, projectId(request), sampleId(request), request.body as never, caller(request).user)),
  );

  app.post(
    '/api/projects/:project/samples/:id/comments/:commentId/resolve',
    { config: { access: 'comment' }, schema: { params: { ...params.sample, properties: { ...params.sample.properties, commentId: { type: 'string' } } } } },
    async (request) => resolveCommentOn(db, projectId(request), sampleId(request), (request.params as { commentId: string }).commentId, caller(request).user),
  );

  app.put(
    '/api/projects/:project/samples/:id/assignment',
    {
      config: { access: 'assign' },
      schema: {
        params: params.sample,
        body: {
          type: 'object',
          additionalProperties: false,
          properties: { annotator: { type: ['string', 'null'] }, reviewer: { type: ['string', 'null'] } },
        },
      },
    },
    async (request) => assignSample(db, projectId(request), sampleId(request), request.body as never, caller(request).user),
  );
};
