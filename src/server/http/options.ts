/** What the server's app is built with (http/app.ts); the routes receive the same (routes/common.ts). */
import type { Db } from '../db/open';

export interface AppOptions {
  db: Db;
  /** Which database, for /api/health. */
  storage: 'pglite' | 'postgres';
  /** The built studio (dist/); without it the API still runs. */
  distDir?: string;
  /** Secure cookies: true, false, or 'auto' (when the request came over https). */
  secureCookies?: boolean | 'auto';
  /** Trust X-Forwarded-* from a reverse proxy in front of the server. */
  trustProxy?: boolean;
  /** Largest file an import reads whole (JSONL streams in without a limit). */
  maxDocumentBytes?: number;
  /** Largest JSON body (a saved sample). */
  maxBodyBytes?: number;
  logger?: boolean;
}
