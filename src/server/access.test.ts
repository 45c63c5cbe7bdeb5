/**
 * Every API route, as the server lists them: anonymous callers are refused (401), roles
 * without the route's permission are refused (403), roles with it get past the gate, and a
 * write made with a session cookie but without its CSRF token is refused. A route added
 * without an access rule stops the server from starting, so it cannot slip past this test.
 */
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hintedSample } from '../core/export/testing/samples';
import { can, ROLES, type Capability, type Role } from '../core/sync';
import { enforceAccess } from './http/access';
import { backends, Client, startTestServer, stopPostgres, type TestServer } from './testing/harness';
import type { Db } from './db/open';

afterAll(stopPostgres);

/** Parameter values that reach a handler: the real project and sample, unknown names elsewhere. */
function concrete(url: string, t: TestServer): string {
  return url
    .replace(':project', String(t.projectId))
    .replace(':id', encodeURIComponent(hintedSample.id))
    .replace(':username', 'nobody-here')
    .replace(':tokenId', '999999')
    .replace(':commentId', 'c999')
    .replace(':version', '1');
}

/**
 * The API and who may call it. A new route must be added here, with its rule, or this file
 * fails: the table is reviewed, not just enforced.
 */
const ROUTE_TABLE = [
  ['GET', '/api/health', 'public'],
  ['POST', '/api/session', 'public'],
  ['GET', '/api/session', 'read'],
  ['DELETE', '/api/session', 'read'],
  ['POST', '/api/me/password', 'read'],
  ['GET', '/api/me/tokens', 'read'],
  ['POST', '/api/me/tokens', 'read'],
  ['DELETE', '/api/me/tokens/:tokenId', 'read'],
  ['GET', '/api/users', 'read'],
  ['POST', '/api/users', 'admin'],
  ['PATCH', '/api/users/:username', 'admin'],
  ['PUT', '/api/users/:username/password', 'admin'],
  ['GET', '/api/projects', 'read'],
  ['POST', '/api/projects', 'admin'],
  ['GET', '/api/projects/:project', 'read'],
  ['PATCH', '/api/projects/:project', 'admin'],
  ['GET', '/api/audit', 'admin'],
  ['GET', '/api/projects/:project/samples', 'read'],
  ['GET', '/api/projects/:project/sample-ids', 'read'],
  ['GET', '/api/projects/:project/queue', 'read'],
  ['GET', '/api/projects/:project/samples/:id', 'read'],
  ['POST', '/api/projects/:project/samples/read', 'read'],
  ['GET', '/api/projects/:project/samples/:id/revisions', 'read'],
  ['GET', '/api/projects/:project/samples/:id/revisions/:version', 'read'],
  ['POST', '/api/projects/:project/profiles', 'edit'],
  ['POST', '/api/projects/:project/checks', 'comment'],
  ['POST', '/api/projects/:project/samples', 'edit'],
  ['PUT', '/api/projects/:project/samples/:id', 'edit'],
  ['GET', '/api/projects/:project/changes', 'read'],
  ['GET', '/api/projects/:project/audit', 'read'],
  ['POST', '/api/projects/:project/samples/:id/status', 'edit'],
  ['POST', '/api/projects/:project/samples/:id/review', 'review'],
  ['POST', '/api/projects/:project/samples/:id/comments', 'comment'],
  ['POST', '/api/projects/:project/samples/:id/comments/:commentId/resolve', 'comment'],
  ['PUT', '/api/projects/:project/samples/:id/assignment', 'assign'],
  ['POST', '/api/projects/:project/import', 'edit'],
  ['GET', '/api/projects/:project/backup', 'read'],
];

/** A body that fails validation where a route validates one: the gate runs before, so a 400 proves the gate let the call through. */
const INVALID = { __not_a_field: true };

describe.each(backends())('the route table on %s', (backend) => {
  let t: TestServer;
  let clients: Record<Role, Client>;

  beforeAll(async () => {
    t = await startTestServer(backend);
    clients = { annotator: await t.user('annotator'), reviewer: await t.user('reviewer'), admin: t.admin };
    const created = await t.admin.post(`/api/projects/${t.projectId}/samples`, { sample: hintedSample });
    expect(created.status).toBe(201);
  });
  afterAll(() => t?.close());

  it('serves exactly the reviewed route table, each route with its rule', () => {
    const served = t.server.app.routes.map((r) => [r.method, r.url, r.access]);
    expect(served.sort()).toEqual([...ROUTE_TABLE].sort());
  });

  it('refuses anonymous callers on every other route', async () => {
    const anonymous = new Client(t.url);
    for (const route of t.server.app.routes.filter((r) => r.access !== 'public')) {
      const reply = await anonymous.request(route.method, concrete(route.url, t), route.method === 'GET' ? undefined : INVALID);
      expect([reply.status, reply.body.error], `${route.method} ${route.url}`).toEqual([401, 'unauthenticated']);
    }
  });

  it('refuses every role without the permission, and lets every role with it through', async () => {
    for (const route of t.server.app.routes.filter((r) => r.access !== 'public' && !(r.method === 'DELETE' && r.url === '/api/session'))) {
      const access = route.access as Capability;
      for (const role of ROLES) {
        const reply = await clients[role].request(route.method, concrete(route.url, t), route.method === 'GET' ? undefined : INVALID);
        const where = `${role}: ${route.method} ${route.url} (needs ${route.access})`;
        if (can(role, access)) {
          expect(reply.status, where).not.toBe(401);
          expect(String(reply.body?.error), where).not.toMatch(/^(forbidden|csrf)$/);
        } else {
          expect([reply.status, reply.body.error], where).toEqual([403, 'forbidden']);
        }
      }
    }
  });

  it('refuses a write made with a session cookie but without its CSRF token, on every write route', async () => {
    const admin = clients.admin;
    for (const route of t.server.app.routes.filter((r) => r.access !== 'public' && r.method !== 'GET')) {
      const reply = await admin.request(route.method, concrete(route.url, t), INVALID, { 'x-csrf-token': '' });
      expect([reply.status, reply.body.error], `${route.method} ${route.url}`).toEqual([403, 'csrf']);
    }
  });

  it('an API token needs no CSRF token, and a wrong token is refused', async () => {
    const created = await clients.annotator.post('/api/me/tokens', { name: 'cli' });
    expect(created.status).toBe(201);
    const cli = new Client(t.url);
    cli.token = created.body.token;
    expect((await cli.get(`/api/projects/${t.projectId}/samples`)).status).toBe(200);
    expect((await cli.post(`/api/projects/${t.projectId}/samples/${hintedSample.id}/status`, { to: 'ready', version: 1 })).status).toBe(200);
    cli.token = `${created.body.token.slice(0, -2)}xx`;
    expect((await cli.get(`/api/projects/${t.projectId}/samples`)).status).toBe(401);
  });
});

describe('a route without an access rule', () => {
  it('stops the server from starting', () => {
    const app = Fastify();
    enforceAccess(app, {} as Db);
    expect(() => app.get('/api/forgotten', async () => 'oops')).toThrow('GET /api/forgotten declares no access rule');
  });
});
