/**
 * The team server's JSON API as the studio uses it (docs/server.md): the session with its
 * CSRF token, samples by version, the change feed, and the review endpoints. Payload types
 * are core/sync's, shared with the server.
 */
import type { TraceProfile } from '../../core/profiles/types';
import type { ApiError, ChangesPage, CheckFact, ChecksKept, ProjectInfo, SamplePage, SamplesRead, SaveConflict, ServerImportReport, ServerSample, SessionInfo, UserInfo } from '../../core/sync';
import type { ReviewedSample } from '../../core/review/types';
import { errorText } from '../../core/util';
import type { SentBytes } from './upload';

/** A refusal or failure with the server's code and sentence; `status` 0 means the server was not reached. */
export class ServerError extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiError['error'] | 'unreachable',
    message: string,
    readonly body?: unknown,
  ) {
    super(message);
  }
  get unreachable(): boolean {
    return this.status === 0 || this.status >= 502;
  }
}

export interface ServerApi {
  /** The signed-in session, or null when nobody is signed in (401). */
  session(): Promise<SessionInfo | null>;
  signIn(username: string, password: string): Promise<SessionInfo>;
  signOut(): Promise<void>;
  projects(): Promise<ProjectInfo[]>;
  rows(project: number, offset: number, limit: number): Promise<SamplePage>;
  /** The ids of every sample matching the library's query, in its order (GET …/sample-ids; params as in docs/server.md). */
  sampleIds(project: number, params: Record<string, string>, signal?: AbortSignal): Promise<{ total: number; ids: string[] }>;
  sample(project: number, id: string): Promise<ServerSample>;
  /** Several samples with their versions in one request (at most 500; ids the project lacks are left out). */
  readSamples(project: number, ids: readonly string[]): Promise<ServerSample[]>;
  /** The sample as it was at `version` (every version is kept). */
  revision(project: number, id: string, version: number): Promise<ReviewedSample>;
  /** PUT the sample; a 409 throws a ServerError whose body is the SaveConflict. */
  save(project: number, sample: ReviewedSample, baseVersion: number): Promise<ServerSample>;
  create(project: number, sample: ReviewedSample): Promise<ServerSample>;
  changes(project: number, since: number): Promise<ChangesPage>;
  status(project: number, id: string, to: string, version: number, kind: 'status' | 'review', overrideReason?: string): Promise<ServerSample>;
  comment(project: number, id: string, c: { segmentId: string; offset: number; text: string }): Promise<ServerSample>;
  resolveComment(project: number, id: string, commentId: string): Promise<ServerSample>;
  /** An admin's new project (the server refuses everyone else). */
  createProject(name: string): Promise<ProjectInfo>;
  /** The team, for choosing whom to assign (readable by everyone signed in). */
  users(): Promise<UserInfo[]>;
  /** Who annotates and who reviews a sample: a name, null for nobody, absent to leave as is. */
  assign(project: number, id: string, who: { annotator?: string | null; reviewer?: string | null }): Promise<ServerSample>;
  /**
   * A file into the project through the server's streaming import (POST …/import?file=): a
   * File goes as the request body, which the browser streams from disk. Answers with the
   * server's per-line report.
   */
  importFile(project: number, name: string, body: Blob, onSent?: SentBytes): Promise<ServerImportReport>;
  /**
   * Check results this browser ran, kept by the server with each row's entry while they describe
   * its current content (at most 500 a request); answers with the ids kept, the stale dropped.
   */
  keepChecks(project: number, checks: readonly CheckFact[], signal?: AbortSignal): Promise<ChecksKept>;
  /** The studio's own trace profiles into the project, so the server summarizes their samples as the studio does. */
  addProfiles(project: number, profiles: readonly TraceProfile[]): Promise<{ added: string[] }>;
}

export type { SaveConflict };

/** A request body sent as it is (a file), not as JSON. */
class RawBody {
  constructor(readonly content: Blob) {}
}

/**
 * The API over `fetch`, on the studio's own origin (the cookie travels, the CSRF token goes in
 * a header). `known`: a session read before (its CSRF token is used until the next sign-in).
 */
export function createServerApi(
  base = '',
  fetchImpl: typeof fetch = (...args) => fetch(...args),
  known?: SessionInfo,
  /** A `fetch` that reports the bytes of a file sent (the browser's: upload.ts); without it files go by `fetchImpl`, unreported. */
  uploadImpl?: (onSent: SentBytes) => typeof fetch,
): ServerApi {
  let csrf = known?.csrfToken ?? '';
  /** `body`: JSON, or a RawBody sent as it is (a file, by `send` when given). */
  async function call<T>(method: string, path: string, body?: unknown, signal?: AbortSignal, send: typeof fetch = fetchImpl): Promise<T> {
    let response: Response;
    const raw = body instanceof RawBody ? body.content : undefined;
    const type = raw !== undefined ? 'application/octet-stream' : 'application/json';
    try {
      response = await send(`${base}${path}`, {
        method,
        signal,
        credentials: 'same-origin',
        headers: { ...(body === undefined ? {} : { 'Content-Type': type }), ...(method === 'GET' ? {} : { 'X-CSRF-Token': csrf }) },
        body: body === undefined ? undefined : (raw ?? JSON.stringify(body)),
      });
    } catch (err) {
      if (signal?.aborted) throw err;
      throw new ServerError(0, 'unreachable', `the server cannot be reached (${errorText(err)})`);
    }
    const answered = response.headers.get('content-type') ?? '';
    const payload: unknown = answered.includes('application/json') ? await response.json().catch(() => null) : null;
    if (!response.ok) {
      const e = payload as Partial<ApiError> | null;
      throw new ServerError(response.status, e?.error ?? (response.status >= 502 ? 'unreachable' : 'internal'), e?.message ?? `HTTP ${response.status}`, payload);
    }
    if (payload === null && response.status !== 204) throw new ServerError(response.status, 'internal', `${path}: the answer is not JSON`);
    return payload as T;
  }
  const sampleUrl = (project: number, id: string) => `/api/projects/${project}/samples/${encodeURIComponent(id)}`;
  const remember = (s: SessionInfo) => {
    csrf = s.csrfToken;
    return s;
  };
  return {
    async session() {
      try {
        return remember(await call<SessionInfo>('GET', '/api/session'));
      } catch (err) {
        if (err instanceof ServerError && err.status === 401) return null;
        throw err;
      }
    },
    signIn: async (username, password) => remember(await call<SessionInfo>('POST', '/api/session', { username, password })),
    signOut: () => call('DELETE', '/api/session'),
    projects: () => call('GET', '/api/projects'),
    rows: (project, offset, limit) => call('GET', `/api/projects/${project}/samples?offset=${offset}&limit=${limit}&sort=id`),
    sampleIds: (project, params, signal) => call('GET', `/api/projects/${project}/sample-ids?${new URLSearchParams(params)}`, undefined, signal),
    sample: (project, id) => call('GET', sampleUrl(project, id)),
    readSamples: async (project, ids) => (await call<SamplesRead>('POST', `/api/projects/${project}/samples/read`, { ids })).samples,
    revision: async (project, id, version) => (await call<{ sample: ReviewedSample }>('GET', `${sampleUrl(project, id)}/revisions/${version}`)).sample,
    save: (project, sample, baseVersion) => call('PUT', sampleUrl(project, sample.id), { baseVersion, sample }),
    create: (project, sample) => call('POST', `/api/projects/${project}/samples`, { sample }),
    keepChecks: (project, checks, signal) => call('POST', `/api/projects/${project}/checks`, { checks }, signal),
    addProfiles: (project, profiles) => call('POST', `/api/projects/${project}/profiles`, { profiles }),
    changes: (project, since) => call('GET', `/api/projects/${project}/changes?since=${since}`),
    status: (project, id, to, version, kind, overrideReason) =>
      call('POST', `${sampleUrl(project, id)}/${kind}`, { to, version, ...(overrideReason ? { overrideReason } : {}) }),
    comment: (project, id, c) => call('POST', `${sampleUrl(project, id)}/comments`, c),
    resolveComment: (project, id, commentId) => call('POST', `${sampleUrl(project, id)}/comments/${encodeURIComponent(commentId)}/resolve`),
    createProject: (name) => call('POST', '/api/projects', { name }),
    users: () => call('GET', '/api/users'),
    assign: (project, id, who) => call('PUT', `${sampleUrl(project, id)}/assignment`, who),
    importFile: (project, name, body, onSent) =>
      call('POST', `/api/projects/${project}/import?file=${encodeURIComponent(name)}`, new RawBody(body), undefined, onSent && uploadImpl ? uploadImpl(onSent) : fetchImpl),
  };
}
