/**
 * The pages a browser gets from the server: cross-origin isolation on everything (the Python
 * sandbox needs it), the app's CSP on its pages, the sandbox frame left to its own stricter
 * meta policy, hashed assets cached for good, and nothing outside the studio's folder.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_CSP } from './http/pages';
import { startTestServer, type TestServer } from './testing/harness';

describe('pages', () => {
  let t: TestServer;
  let dist: string;
  beforeAll(async () => {
    dist = mkdtempSync(join(tmpdir(), 'hs-dist-'));
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html><div id="root"></div>');
    writeFileSync(join(dist, 'sandbox.html'), '<!doctype html><meta http-equiv="Content-Security-Policy" content="default-src \'none\'">');
    writeFileSync(join(dist, 'assets', 'main-abc123.js'), 'console.log(1)');
    writeFileSync(join(tmpdir(), 'hs-outside.txt'), 'secret');
    t = await startTestServer('pglite', { distDir: dist });
  });
  afterAll(async () => {
    await t?.close();
    rmSync(dist, { recursive: true, force: true });
  });

  const get = (path: string) => fetch(t.url + path);

  it('serves the studio cross-origin isolated with the app policy', async () => {
    const page = await get('/');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
    expect(page.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    expect(page.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
    expect(page.headers.get('content-security-policy')).toBe(APP_CSP);
    expect(APP_CSP).toMatch(/script-src 'self' 'unsafe-eval' 'wasm-unsafe-eval'(;|$)/);
    expect(APP_CSP).toMatch(/img-src 'self' data: blob:(;|$)/);
    expect(APP_CSP).toContain("frame-ancestors 'none'");
  });

  it("leaves the sandbox frame its own policy, adding only who may frame it", async () => {
    const sandbox = await get('/sandbox.html');
    expect(sandbox.headers.get('content-security-policy')).toBe("frame-ancestors 'self'");
    expect(sandbox.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
  });

  it('caches hashed assets for good and sends isolation headers on the API too', async () => {
    const asset = await get('/assets/main-abc123.js');
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(asset.headers.get('cross-origin-resource-policy')).toBe('same-origin');
    const api = await get('/api/health');
    expect(await api.json()).toEqual({ ok: true, storage: 'pglite' });
    expect(api.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
    expect(api.headers.get('cache-control')).toBe('no-store');
  });

  it('answers unknown API paths in JSON and never serves files outside the studio', async () => {
    const unknown = await get('/api/nothing-here');
    expect([unknown.status, await unknown.json()]).toEqual([404, { error: 'not-found', message: 'no GET /api/nothing-here' }]);
    for (const path of ['/../hs-outside.txt', '/%2e%2e/hs-outside.txt', '/assets/..%2f..%2fhs-outside.txt']) {
      const reply = await get(path);
      expect(await reply.text(), path).not.toContain('secret');
    }
  });
});
