/**
 * The built studio (dist/), served with the headers its Python sandbox needs: cross-origin
 * isolation (COOP same-origin + COEP require-corp, for SharedArrayBuffer interrupts) and a
 * strict Content-Security-Policy for the app pages.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/**
 * The app's own code only: no inline script, no script from elsewhere. 'unsafe-eval' because
 * Ajv compiles the studio's own JSON schemas (project files, CoRT export records) with
 * `new Function` in the page; precompiling them (Ajv's standalone code) would let it go.
 * Inline styles for KaTeX and Monaco; images only from the studio itself (nothing a dataset
 * names is fetched); connections to this server and to the model endpoints the user sets up
 * in Settings, which may be any http(s) address.
 */
export const APP_CSP = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-eval' 'wasm-unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self' http: https:",
  "worker-src 'self' blob:",
  "frame-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The sandbox frame brings its own, stricter policy in a meta tag (see sandbox.html); a header
 * policy would be intersected with it, so the header adds only what a meta tag cannot say.
 */
export const SANDBOX_CSP = "frame-ancestors 'self'";

/** Sent with every response, pages and API alike. */
export const COMMON_HEADERS: Record<string, string> = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

const NOT_BUILT = `<!doctype html><meta charset="utf-8"><title>Hint Studio</title>
<p>The studio is not built yet. Run <code>npm run build</code>, then start the server again. The API under <code>/api/</code> works.</p>`;

export async function registerPages(app: FastifyInstance, distDir: string | undefined): Promise<void> {
  app.addHook('onSend', async (_request, reply) => {
    for (const [name, value] of Object.entries(COMMON_HEADERS)) reply.header(name, value);
  });
  if (!distDir || !existsSync(join(distDir, 'index.html'))) {
    app.get('/', (_request, reply) => reply.type('text/html; charset=utf-8').header('Content-Security-Policy', APP_CSP).send(NOT_BUILT));
    return;
  }
  await app.register(fastifyStatic, {
    root: distDir,
    index: ['index.html'],
    wildcard: true,
    setHeaders(res, path) {
      if (path.endsWith('.html')) {
        res.header('Content-Security-Policy', path.endsWith('sandbox.html') ? SANDBOX_CSP : APP_CSP);
        res.header('Cache-Control', 'no-cache');
      } else if (path.includes(`${join(distDir, 'assets')}`)) {
        // Vite names these by content hash.
        res.header('Cache-Control', 'public, max-age=31536000, immutable');
      }
    },
  });
}
