import { createHash } from 'node:crypto';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

// Cross-origin isolation gives the Python sandbox SharedArrayBuffer (interrupts).
// Static hosting must send the same two headers; see README.
const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

/**
 * The studio page's Content-Security-Policy: nothing a dataset holds can make the page fetch
 * (images, styles, fonts, frames: the studio's own origin only, plus data:/blob: URLs, which
 * fetch nothing) or run script (only the studio's own files; WebAssembly for the parquet
 * codecs). `connect-src` must reach the model endpoints the user types into Settings at run
 * time, which a policy fixed at load cannot list: it allows any http(s) origin unless the
 * build names them in HINT_STUDIO_CONNECT_SRC (space-separated origins). Script is what
 * connects, and no script but the studio's runs; see README "Content-Security-Policy".
 * Inline style stays allowed: KaTeX positions glyphs with style attributes and Monaco
 * writes <style> elements; markdown-it escapes all HTML from the data, so none can come
 * from there. The sandbox frame (sandbox.html) keeps its own, stricter policy.
 * 'unsafe-eval' is there for one reason: ajv compiles the studio's own JSON schemas (export,
 * project, profiles) into functions with `new Function` when core loads. No code evaluates
 * a string from the data. Precompiling those schemas (Ajv standalone code) would let it go.
 */
export function studioCsp(inlineScriptHashes: string[] = [], connectSrc = process.env.HINT_STUDIO_CONNECT_SRC): string {
  const scripts = ["'self'", "'wasm-unsafe-eval'", "'unsafe-eval'", ...inlineScriptHashes.map((h) => `'${h}'`)];
  return [
    "default-src 'self'",
    `script-src ${scripts.join(' ')}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self' ${connectSrc?.trim() || 'http: https:'}`,
    "worker-src 'self' blob:",
    "frame-src 'self'",
    "media-src 'none'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

/**
 * Writes the policy into every page but the sandbox frame, as a <meta> first in <head>, so
 * `vite dev`, `vite preview` and any static host serve it without configuration. In dev,
 * Vite and the React plugin add inline module scripts (the Fast Refresh preamble): each is
 * allowed by its hash, never by 'unsafe-inline'. A built page has no inline script.
 */
function contentSecurityPolicy(): Plugin {
  return {
    name: 'hint-studio:csp',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        if (ctx.filename.endsWith('sandbox.html')) return html;
        const hashes = [...html.matchAll(/<script\b(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map(
          (m) => `sha256-${createHash('sha256').update(m[1]).digest('base64')}`,
        );
        const meta = `<meta http-equiv="Content-Security-Policy" content="${studioCsp(hashes)}" />\n    <meta name="referrer" content="no-referrer" />`;
        // First in <head>: a policy covers only what comes after it (in dev, Vite's inline
        // preamble comes first). <meta charset> stays within the first 1024 bytes.
        return html.replace(/<head>/, `<head>\n    ${meta}`);
      },
    },
  };
}

/**
 * Bare test pages (the sandbox without the studio for bench/, a render boundary for
 * e2e/hostile-render.spec.ts). They are built only when HINT_STUDIO_HARNESS=1 (scripts/test.sh,
 * bench/), so the production bundle ships none of them; `vite dev` serves them anyway.
 */
const harnessPages: Record<string, string> =
  process.env.HINT_STUDIO_HARNESS === '1'
    ? { pythonHarness: 'src/python/browser/testing/harness.html', renderBoundaryHarness: 'src/ui/common/harness/render-boundary.html', adminHarness: 'src/ui/admin/harness/admin.html' }
    : {};

export default defineConfig({
  plugins: [react(), contentSecurityPolicy()],
  server: { headers: isolationHeaders },
  preview: { headers: isolationHeaders, port: 4173, strictPort: false },
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 4000,
    // sandbox.html: the Python sandbox frame (opaque origin), a second page next to the app.
    rolldownOptions: {
      input: { main: 'index.html', sandbox: 'sandbox.html', ...harnessPages },
    },
  },
});
