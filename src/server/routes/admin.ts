/** Users and projects: what the admin page manages (reading the team list is open to everyone signed in). */
import { ROLES, type Role } from '../../core/sync';
import { generatePassword } from '../auth/passwords';
import { listAudit } from '../data/audit';
import { createProject, getProject, listProjects, updateProject } from '../data/projects';
import { createUser, listUsers, setPassword, updateUser } from '../data/users';
import { caller } from '../http/access';
import { params, projectId, type RouteModule } from './common';

const username = { type: 'string', minLength: 1, maxLength: 64 } as const;
const userParams = { type: 'object', required: ['username'], properties: { username } } as const;
const projectBody = {
  type: 'object',
  additionalProperties: false,
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 200 },
    settings: { type: 'object' },
    requireIndependentApproval: { type: 'boolean' },
  },
} as const;

export const adminRoutes: RouteModule = (app, { db }) => {
  app.get('/api/users', { config: { access: 'read' } }, async () => listUsers(db));

  app.post(
    '/api/users',
    {
      config: { access: 'admin' },
      schema: {
        body: {
          type: 'object',
          required: ['username', 'role'],
          additionalProperties: false,
          properties: { username, role: { enum: [...ROLES] }, password: { type: 'string', maxLength: 1024 } },
        },
      },
    },
    async (request, reply) => {
      const body = request.body as { username: string; role: Role; password?: string };
      // Without a password the server makes one and shows it this once.
      const password = body.password ?? generatePassword();
      const user = await createUser(db, { username: body.username, role: body.role, password }, caller(request).user.id);
      return reply.status(201).send(body.password === undefined ? { user, password } : { user });
    },
  );

  app.patch(
    '/api/users/:username',
    {
      config: { access: 'admin' },
      schema: {
        params: userParams,
        body: { type: 'object', additionalProperties: false, properties: { role: { enum: [...ROLES] }, disabled: { type: 'boolean' } } },
      },
    },
    async (request) => {
      const change = request.body as { role?: Role; disabled?: boolean };
      return updateUser(db, (request.params as { username: string }).username, change, caller(request).user.id);
    },
  );

  app.put(
    '/api/users/:username/password',
    {
      config: { access: 'admin' },
      schema: { params: userParams, body: { type: 'object', additionalProperties: false, properties: { password: { type: 'string', maxLength: 1024 } } } },
    },
    async (request) => {
      const given = (request.body as { password?: string } | undefined)?.password;
      const password = given ?? generatePassword();
      await setPassword(db, (request.params as { username: string }).username, password, caller(request).user.id);
      return given === undefined ? { ok: true, password } : { ok: true };
    },
  );

  app.get('/api/projects', { config: { access: 'read' } }, async () => listProjects(db));

  app.post('/api/projects', { config: { access: 'admin' }, schema: { body: { ...projectBody, required: ['name'] } } }, async (request, reply) => {
    const body = request.body as { name: string; settings?: Record<string, unknown>; requireIndependentApproval?: boolean };
    return reply.status(201).send(await createProject(db, body, caller(request).user.id));
  });

  app.get('/api/projects/:project', { config: { access: 'read' }, schema: { params: params.project } }, async (request) => getProject(db, projectId(request)));

  app.patch('/api/projects/:project', { config: { access: 'admin' }, schema: { params: params.project, body: projectBody } }, async (request) =>
    updateProject(db, projectId(request), request.body as Record<string, never>, caller(request).user.id),
  );

  app.get(
    '/api/audit',
    { config: { access: 'admin' }, schema: { querystring: { type: 'object', properties: { before: { type: 'integer' }, limit: { type: 'integer', minimum: 1, maximum: 1000 } } } } },
    async (request) => {
      const q = request.query as { before?: number; limit?: number };
      return listAudit(db, { before: q.before, limit: q.limit ?? 200 });
    },
  );
};
