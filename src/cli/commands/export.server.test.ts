/**
 * `hint-studio export --server URL --token T` writes exactly the files the studio's export
 * download writes for the same samples: the samples as the studio holds them after syncing
 * with the server, in the studio's order, through the studio's export call.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Executor } from '../../core/exec/types';
import { exportVerdicts, reviewOverrides } from '../../core/export';
import { ALL_TEST_SAMPLES } from '../../core/export/testing/samples';
import type { Sample } from '../../core/sample/types';
import { DEEPSEEK_R1_DISTILL_QWEN } from '../../core/template';
import { createNodeExecutor } from '../../python/node';
import { backends, type Client, startTestServer, stopPostgres, type TestServer } from '../../server/testing/harness';
import { exportStudioSamples, recordedSettings, samplesInExportOrder, samplesTheGateChecks } from '../../store/project/export';
import { registerExportCommand } from './export';

const EXPORTED_AT = '2026-02-03T04:05:06.000Z';
const SETTINGS = { temperature: 0.6, topP: 0.95, maxCodeCalls: 15 };

let executor: Executor;
beforeAll(() => {
  executor = createNodeExecutor();
});
afterAll(async () => {
  await executor?.dispose();
  await stopPostgres();
});

async function cli(args: string[]): Promise<string> {
  const program = new Command().exitOverride();
  const out: string[] = [];
  registerExportCommand(program, { stdout: (text) => void out.push(text), stderr: () => {} }, executor);
  await program.parseAsync(['node', 'hint-studio', ...args]);
  return out.join('');
}

describe.each(backends())('hint-studio export --server on %s', (backend) => {
  let t: TestServer;
  let token: string;
  let project: number;
  let dir: string;

  beforeAll(async () => {
    t = await startTestServer(backend);
    dir = mkdtempSync(join(tmpdir(), 'hs-export-server-'));
    project = (await t.admin.post('/api/projects', { name: 'seed set', settings: { ...SETTINGS, apiKey: 'sk-never-stored' } })).body.id;
    const annotator = await t.user('annotator');
    const reviewer = await t.user('reviewer', 'rita');
    for (const sample of ALL_TEST_SAMPLES) {
      const created = await annotator.post(`/api/projects/${project}/samples`, { sample: { ...sample, status: 'draft' } });
      if (sample.status !== 'approved') continue;
      const ready = await annotator.post(`/api/projects/${project}/samples/${sample.id}/status`, { to: 'ready', version: created.body.version });
      await approve(reviewer, `/api/projects/${project}/samples/${sample.id}`, ready.body.version);
    }
    token = (await annotator.post('/api/me/tokens', { name: 'export' })).body.token;
  });
  afterAll(async () => {
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Approve, with a recorded reason when the server's checks fail (the manifest names it). */
  async function approve(reviewer: Client, path: string, version: number) {
    let reply = await reviewer.post(`${path}/review`, { to: 'approved', version });
    if (reply.status === 400) reply = await reviewer.post(`${path}/review`, { to: 'approved', version, overrideReason: 'checked by hand' });
    expect(reply.status).toBe(200);
  }

  it.each(['cort', 'verl-rl', 'sharegpt', 'messages'] as const)('writes the studio download byte for byte (%s)', async (format) => {
    const out = join(dir, `${backend}-${format}`);
    const printed = await cli(['export', '--server', t.url, '--token', token, '--project', 'seed set', '--format', format, '--out', out, '--exported-at', EXPORTED_AT]);
    expect(printed).toMatch(/^Exported \d of 4 samples/);

    // The studio: the samples it holds after syncing, and its export dialog's call.
    const held: Record<string, Sample> = {};
    for (const { id } of ALL_TEST_SAMPLES) held[id] = (await t.admin.get(`/api/projects/${project}/samples/${id}`)).body.sample;
    const samples = samplesInExportOrder(held);
    const verdicts = await exportVerdicts(samplesTheGateChecks(samples, 'approved'), { executor });
    const settings = (await t.admin.get(`/api/projects/${project}`)).body.settings;
    const download = await exportStudioSamples(
      samples,
      { format, include: 'approved', chatTemplate: DEEPSEEK_R1_DISTILL_QWEN, overrides: reviewOverrides(samples), exportedAt: EXPORTED_AT },
      verdicts,
      recordedSettings(settings),
    );

    expect(readdirSync(out).sort()).toEqual(download.files.map((f) => f.name).sort());
    for (const file of download.files) expect(Buffer.from(file.bytes).equals(readFileSync(join(out, file.name))), file.name).toBe(true);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.settings).toEqual(SETTINGS);
    expect(manifest.counts.exported).toBeGreaterThan(0);
    expect(JSON.stringify(manifest)).not.toContain('sk-never-stored');
  });

  it('names the problem when the token, the project or the address is wrong', async () => {
    const out = join(dir, 'refused');
    await expect(cli(['export', '--server', t.url, '--token', 'hst_wrong', '--out', out])).rejects.toThrow('the server refused the token');
    await expect(cli(['export', '--server', t.url, '--token', token, '--out', out])).rejects.toThrow('has several projects ("main", "seed set"): choose one with --project');
    await expect(cli(['export', '--server', t.url, '--token', token, '--project', 'nope', '--out', out])).rejects.toThrow('has no project "nope"');
    await expect(cli(['export', '--server', 'http://127.0.0.1:9', '--token', token, '--out', out])).rejects.toThrow('cannot connect');
    await expect(cli(['export', 'file.json', '--server', t.url, '--out', out])).rejects.toThrow('a project file or --server URL (one of them)');
  });
});
