/**
 * Files in and out of a project: an import streams in (a 250 MB CoRT JSONL is never held
 * whole) and answers with the per-line report; a backup streams out as a project file, the
 * studio's own backup format, which `hint-studio export --server` turns into training data
 * with the studio's exporter.
 */
import { Readable } from 'node:stream';
import { PROJECT_FORMAT, PROJECT_VERSION } from '../../core/project';
import type { Db } from '../db/open';
import { importInto } from '../data/importer';
import { requireProject } from '../data/projects';
import { docsOf, idsInExportOrder } from '../data/sampleRows';
import { caller } from '../http/access';
import { params, projectId, type RouteModule } from './common';

const BACKUP_BATCH = 200;

/**
 * The project file, written piece by piece: byte for byte what core's serializeProject gives
 * for the same samples, settings and time (samples in export order, last in the document).
 */
export async function* backupChunks(db: Db, id: number, exportedAt: string): AsyncGenerator<string> {
  const project = await requireProject(db, id);
  const envelope = JSON.stringify({ format: PROJECT_FORMAT, version: PROJECT_VERSION, exportedAt, settings: JSON.parse(project.settings) }, null, 2);
  const ids = await idsInExportOrder(db, id);
  yield `${envelope.slice(0, -2)},\n  "samples": [`;
  for (let i = 0; i < ids.length; i += BACKUP_BATCH) {
    const docs = await docsOf(db, id, ids.slice(i, i + BACKUP_BATCH));
    let out = '';
    docs.forEach((doc, k) => {
      const pretty = JSON.stringify(JSON.parse(doc), null, 2).replaceAll('\n', '\n    ');
      out += `${i + k === 0 ? '' : ','}\n    ${pretty}`;
    });
    yield out;
  }
  yield ids.length ? '\n  ]\n}\n' : ']\n}\n';
}

/** `my data.jsonl` → a safe download name. */
const fileNameOf = (name: string) => name.replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '') || 'project';

export const transferRoutes: RouteModule = async (app, ctx) => {
  await app.register(async (scope) => {
    // Here every body is a file, in whatever type the client names, read as a stream.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_request, payload, done) => done(null, payload));
    scope.post(
      '/api/projects/:project/import',
      {
        config: { access: 'edit' },
        bodyLimit: Number.MAX_SAFE_INTEGER,
        schema: { params: params.project, querystring: { type: 'object', required: ['file'], properties: { file: { type: 'string', minLength: 1, maxLength: 255 } } } },
      },
      async (request) => {
        const id = projectId(request);
        const file = (request.query as { file: string }).file.split(/[\\/]/).pop()!;
        const body = request.body as AsyncIterable<Uint8Array> | undefined;
        async function* none() {}
        return importInto(ctx.db, id, { file, chunks: body ?? none() }, caller(request).user, { maxDocumentBytes: ctx.maxDocumentBytes ?? 512 << 20 });
      },
    );
  });

  app.get(
    '/api/projects/:project/backup',
    { config: { access: 'read' }, schema: { params: params.project, querystring: { type: 'object', properties: { exportedAt: { type: 'string', format: 'date-time' } } } } },
    async (request, reply) => {
      const id = projectId(request);
      const project = await requireProject(ctx.db, id);
      const exportedAt = (request.query as { exportedAt?: string }).exportedAt ?? new Date().toISOString();
      return reply
        .type('application/json; charset=utf-8')
        .header('Content-Disposition', `attachment; filename="${fileNameOf(project.name)}-backup.json"`)
        .send(Readable.from(backupChunks(ctx.db, id, exportedAt)));
    },
  );
};
