/** The library and one sample: pages of summaries, the Sample JSON with its version, saves, changes. */
import type { FastifyRequest } from 'fastify';
import { sampleProblem } from '../../core/project';
import type { ReviewedSample } from '../../core/review/types';
import type { ReviewStatus } from '../../core/sample/types';
import type { CheckFact, ChecksKept, SamplesRead, SaveSampleRequest } from '../../core/sync';
import type { Db } from '../db/open';
import { listAudit } from '../data/audit';
import { changesSince, getSample, getSamples, listRevisions, listSampleIds, listSamples, revisionOf, SAMPLE_SORTS, VERDICT_FILTERS, type SampleQuery, type SampleSort } from '../data/sampleRows';
import { can, type Role } from '../../core/sync';
import { createSample, saveSample } from '../data/sampleWrites';
import { keepCheckFacts } from '../data/checkFacts';
import { findUser } from '../data/users';
import { addProjectProfiles, requireProject } from '../data/projects';
import { invalid } from '../errors';
import { caller } from '../http/access';
import { params, projectId, type RouteModule } from './common';

/** Samples per batch read: a page of the library. */
export const READ_LIMIT = 500;

const STATUSES: ReviewStatus[] = ['draft', 'ready', 'approved', 'changes-requested', 'rejected'];

/** A sample from a request body, checked against the project file's schema (field named on failure). */
export function sampleFromBody(value: unknown, expectedId?: string): ReviewedSample {
  const problem = sampleProblem(value);
  if (problem) throw invalid(`sample.${problem.field}: ${problem.reason}`);
  const sample = value as ReviewedSample;
  if (expectedId !== undefined && sample.id !== expectedId) throw invalid(`sample.id: "${sample.id}" is not the sample of this address (${expectedId})`);
  if (sample.id.includes('\u0000')) throw invalid('sample.id: cannot hold U+0000');
  return sample;
}

const listQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    status: { type: 'string' },
    source: { type: 'string' },
    q: { type: 'string', maxLength: 500 },
    verdict: { enum: VERDICT_FILTERS },
    /** The library's "Assigned to me" (mine) and "My queue" (queue), for the caller. */
    assigned: { enum: ['mine', 'queue'] },
    /**
     * 'failing': samples whose checks, kept under one of the definitions `checksDefinition` names
     * (comma-separated), fail; the sort by checks ranks by the results kept under them too.
     */
    checks: { enum: ['failing'] },
    checksDefinition: { type: 'string', maxLength: 2000 },
    annotator: { type: 'string' },
    reviewer: { type: 'string' },
    sort: { enum: [...SAMPLE_SORTS] },
    order: { enum: ['asc', 'desc'] },
    limit: { type: 'integer', minimum: 1, maximum: 500 },
    offset: { type: 'integer', minimum: 0 },
  },
} as const;

/** `me`, `none` or a user name → a user id, or null for nobody. */
async function personFilter(db: Db, request: FastifyRequest, value: string | undefined): Promise<number | null | undefined> {
  if (value === undefined) return undefined;
  if (value === 'none') return null;
  if (value === 'me') return caller(request).user.id;
  const user = await findUser(db, value);
  // An unknown name matches no sample (rather than failing the page).
  return user?.id ?? -1;
}

async function sampleQuery(db: Db, request: FastifyRequest): Promise<SampleQuery> {
  const q = request.query as Record<string, string | number | undefined>;
  const status = typeof q.status === 'string' ? q.status.split(',').filter(Boolean) : undefined;
  const unknown = status?.find((s) => !STATUSES.includes(s as ReviewStatus));
  if (unknown) throw invalid(`status: "${unknown}" is not one of ${STATUSES.join(', ')}`);
  const me = caller(request).user;
  const role = me.role as Role;
  const checksDefinitions = String(q.checksDefinition ?? '').split(',').filter(Boolean);
  return {
    assignedTo: q.assigned === 'mine' ? me.id : undefined,
    queueOf: q.assigned === 'queue' ? { user: me.id, canEdit: can(role, 'edit'), canReview: can(role, 'review') } : undefined,
    status: status as ReviewStatus[] | undefined,
    source: q.source as string | undefined,
    q: q.q as string | undefined,
    verdict: q.verdict as SampleQuery['verdict'],
    annotator: await personFilter(db, request, q.annotator as string | undefined),
    reviewer: await personFilter(db, request, q.reviewer as string | undefined),
    failingUnder: q.checks === 'failing' ? checksDefinitions : undefined,
    checksUnder: checksDefinitions,
    sort: q.sort as SampleSort | undefined,
    order: q.order as 'asc' | 'desc' | undefined,
    limit: (q.limit as number | undefined) ?? 100,
    offset: (q.offset as number | undefined) ?? 0,
  };
}

const sampleId = (request: FastifyRequest) => (request.params as { id: string }).id;

export const sampleRoutes: RouteModule = (app, { db }) => {
  app.get('/api/projects/:project/samples', { config: { access: 'read' }, schema: { params: params.project, querystring: listQuery } }, async (request) => {
    const id = projectId(request);
    await requireProject(db, id);
    return listSamples(db, id, await sampleQuery(db, request));
  });

  /**
   * The ids of every sample that matches the library's query, in its order (the library shows
   * the server's membership and order, and renders rows from the entries it holds). Not under
   * /samples/: a sample may be called "ids".
   */
  const { limit: _limit, offset: _offset, ...idsProperties } = listQuery.properties;
  app.get(
    '/api/projects/:project/sample-ids',
    { config: { access: 'read' }, schema: { params: params.project, querystring: { ...listQuery, properties: idsProperties } } },
    async (request) => {
      const id = projectId(request);
      await requireProject(db, id);
      const ids = await listSampleIds(db, id, await sampleQuery(db, request));
      return { total: ids.length, ids };
    },
  );

  /** The caller's queue: as annotator, samples given to them still to work on; as reviewer, ready samples given to them or to nobody. */
  app.get(
    '/api/projects/:project/queue',
    {
      config: { access: 'read' },
      schema: { params: params.project, querystring: { type: 'object', required: ['kind'], properties: { kind: { enum: ['annotate', 'review'] }, limit: { type: 'integer', minimum: 1, maximum: 500 }, offset: { type: 'integer', minimum: 0 } } } },
    },
    async (request) => {
      const id = projectId(request);
      await requireProject(db, id);
      const { kind, limit, offset } = request.query as { kind: 'annotate' | 'review'; limit?: number; offset?: number };
      const me = caller(request).user.id;
      const base = { sort: 'updated' as const, order: 'asc' as const, limit: limit ?? 100, offset: offset ?? 0 };
      return kind === 'annotate'
        ? listSamples(db, id, { ...base, annotator: me, status: ['draft', 'changes-requested'] })
        : listSamples(db, id, { ...base, reviewerOrNobody: me, status: ['ready'] });
    },
  );

  app.get('/api/projects/:project/samples/:id', { config: { access: 'read' }, schema: { params: params.sample } }, async (request) =>
    getSample(db, projectId(request), sampleId(request)),
  );

  /** Several samples with their versions in one request (a studio opening samples or reading a project in chunks). */
  app.post(
    '/api/projects/:project/samples/read',
    {
      config: { access: 'read' },
      schema: {
        params: params.project,
        body: { type: 'object', additionalProperties: false, required: ['ids'], properties: { ids: { type: 'array', maxItems: READ_LIMIT, items: { type: 'string', minLength: 1 } } } },
      },
    },
    async (request): Promise<SamplesRead> => {
      const id = projectId(request);
      await requireProject(db, id);
      return { samples: await getSamples(db, id, (request.body as { ids: string[] }).ids) };
    },
  );

  app.get('/api/projects/:project/samples/:id/revisions', { config: { access: 'read' }, schema: { params: params.sample } }, async (request) =>
    listRevisions(db, projectId(request), sampleId(request)),
  );

  app.get(
    '/api/projects/:project/samples/:id/revisions/:version',
    { config: { access: 'read' }, schema: { params: { ...params.sample, properties: { ...params.sample.properties, version: { type: 'integer', minimum: 1 } } } } },
    async (request) => {
      const version = (request.params as { version: number }).version;
      return { version, sample: await revisionOf(db, projectId(request), sampleId(request), version) };
    },
  );

  // The studio's own trace profiles, so a sample of one is summarized on the server as in the browser.
  app.post(
    '/api/projects/:project/profiles',
    { config: { access: 'edit' }, schema: { params: params.project, body: { type: 'object', required: ['profiles'], properties: { profiles: { type: 'array' } } } } },
    async (request) => addProjectProfiles(db, projectId(request), (request.body as { profiles: unknown }).profiles, caller(request).user.id),
  );

  /**
   * Check results a browser ran (the checks run in browsers only): kept with each row's entry
   * while they describe its current content, else dropped as stale (data/checkFacts.ts).
   * Anyone who takes part in the project's work (annotators, reviewers) may send them.
   */
  app.post(
    '/api/projects/:project/checks',
    {
      config: { access: 'comment' },
      schema: {
        params: params.project,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['checks'],
          properties: {
            checks: {
              type: 'array',
              maxItems: READ_LIMIT,
              items: {
                type: 'object',
                additionalProperties: false,
                required: ['id', 'revision', 'definition', 'failing'],
                properties: {
                  id: { type: 'string', minLength: 1 },
                  revision: { type: 'string', minLength: 1, maxLength: 200 },
                  definition: { type: 'string', minLength: 1, maxLength: 200 },
                  failing: { type: 'array', maxItems: 200, items: { type: 'string', minLength: 1, maxLength: 200 } },
                  level: { enum: ['full'] },
                },
              },
            },
          },
        },
      },
    },
    async (request): Promise<ChecksKept> => {
      const id = projectId(request);
      await requireProject(db, id);
      return { kept: await keepCheckFacts(db, id, (request.body as { checks: CheckFact[] }).checks) };
    },
  );

  app.post(
    '/api/projects/:project/samples',
    { config: { access: 'edit' }, schema: { params: params.project, body: { type: 'object', required: ['sample'], properties: { sample: { type: 'object' } } } } },
    async (request, reply) => {
      const id = projectId(request);
      await requireProject(db, id);
      const sample = sampleFromBody((request.body as { sample: unknown }).sample);
      const result = await createSample(db, id, sample, caller(request).user);
      return reply.status(result.created ? 201 : 200).send(result.sample);
    },
  );

  app.put(
    '/api/projects/:project/samples/:id',
    {
      config: { access: 'edit' },
      schema: {
        params: params.sample,
        body: { type: 'object', required: ['baseVersion', 'sample'], properties: { baseVersion: { type: 'integer', minimum: 0 }, sample: { type: 'object' } } },
      },
    },
    async (request) => {
      const body = request.body as SaveSampleRequest;
      const sample = sampleFromBody(body.sample, sampleId(request));
      return saveSample(db, projectId(request), { baseVersion: body.baseVersion, sample }, caller(request).user);
    },
  );

  app.get(
    '/api/projects/:project/changes',
    {
      config: { access: 'read' },
      schema: { params: params.project, querystring: { type: 'object', properties: { since: { type: 'integer', minimum: 0 }, limit: { type: 'integer', minimum: 1, maximum: 5000 } } } },
    },
    async (request) => {
      const id = projectId(request);
      await requireProject(db, id);
      const q = request.query as { since?: number; limit?: number };
      return changesSince(db, id, q.since ?? 0, q.limit ?? 1000);
    },
  );

  app.get(
    '/api/projects/:project/audit',
    {
      config: { access: 'read' },
      schema: {
        params: params.project,
        querystring: { type: 'object', properties: { sample: { type: 'string' }, before: { type: 'integer' }, limit: { type: 'integer', minimum: 1, maximum: 1000 } } },
      },
    },
    async (request) => {
      const id = projectId(request);
      await requireProject(db, id);
      const q = request.query as { sample?: string; before?: number; limit?: number };
      return listAudit(db, { projectId: id, sampleId: q.sample, before: q.before, limit: q.limit ?? 200 });
    },
  );
};
