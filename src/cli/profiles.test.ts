/** `--profiles FILE` and a backup's settings.customProfiles: the project's own trace profiles in the CLI. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import type { Executor } from '../core/exec/types';
import { parseProject, serializeProject } from '../core/project';
import { CORT_PROFILE, copyProfile } from '../core/profiles';
import { CORT_512, CORT_512_SAMPLE } from '../core/profiles/testing/custom';
import { createNodeExecutor } from '../python/node';
import { registerExportCommand } from './commands/export';
import { runImport } from './commands/import';
import { runStats } from './commands/stats';
import { runVerify } from './commands/verify';

const SAMPLE = CORT_512_SAMPLE;

let dir: string;
let executor: Executor;
beforeAll(() => {
  executor = createNodeExecutor();
});
afterAll(() => executor?.dispose());
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function files(settings?: Record<string, unknown>, profiles: unknown = [CORT_512]) {
  dir = mkdtempSync(join(tmpdir(), 'hs-profiles-'));
  const project = join(dir, 'project.json');
  writeFileSync(project, serializeProject([SAMPLE], settings ? { settings } : {}, '2025-06-01T12:00:00.000Z'));
  const profilesFile = join(dir, 'team-profiles.json');
  writeFileSync(profilesFile, JSON.stringify(profiles));
  return { project, profilesFile, out: join(dir, 'out') };
}

async function exportCli(args: string[]): Promise<void> {
  const program = new Command().exitOverride();
  registerExportCommand(program, { stdout: () => {}, stderr: () => {} }, executor);
  await program.parseAsync(['node', 'hint-studio', 'export', ...args, '--include', 'all', '--exported-at', '2025-06-01T12:00:00.000Z', '--override', 'custom-1=test']);
}

describe('hint-studio export --profiles', () => {
  it("resolves a sample's custom profile from the file, names it in the records and carries it in the manifest", async () => {
    const f = files();
    await exportCli([f.project, '--out', f.out, '--profiles', f.profilesFile]);
    const record = JSON.parse(readFileSync(join(f.out, 'cort.jsonl'), 'utf8'));
    expect(record.trace_profile).toBe('cort-512');
    const manifest = JSON.parse(readFileSync(join(f.out, 'manifest.json'), 'utf8'));
    expect(manifest.traceProfiles).toEqual({ 'cort-512': 1 });
    expect(manifest.customProfiles).toEqual([CORT_512]);
  }, 120_000);

  it("reads them from the backup's settings when no file is given", async () => {
    const f = files({ customProfiles: [CORT_512] });
    await exportCli([f.project, '--out', f.out]);
    expect(JSON.parse(readFileSync(join(f.out, 'cort.jsonl'), 'utf8')).trace_profile).toBe('cort-512');
  }, 120_000);

  it('says which id is unknown and which samples carry it, never exporting them as CoRT', async () => {
    const f = files();
    await expect(exportCli([f.project, '--out', f.out])).rejects.toThrow(/project\.json: Unknown trace profile "cort-512".*Samples: custom-1/s);
  });

  it('names the file, the profile and the field of an invalid profile', async () => {
    const bad = { ...CORT_512, result: { ...CORT_512.result, truncation: { ...CORT_512.result.truncation!, limit: 'many' } } };
    const f = files(undefined, [bad]);
    await expect(exportCli([f.project, '--out', f.out, '--profiles', f.profilesFile])).rejects.toThrow(/team-profiles\.json\[0\] \(cort-512\): \/result\/truncation\/limit must be integer/);
  });
});

describe('hint-studio verify and stats on a project or backup that carries its profiles', () => {
  const quiet = () => {
    const out: string[] = [];
    return { io: { stdout: (t: string) => void out.push(t), stderr: () => {} }, out: () => out.join('') };
  };

  it('read them from its settings when no --profiles is given, as export does', async () => {
    const f = files({ customProfiles: [CORT_512] });
    const verify = quiet();
    const verdicts = await runVerify(f.project, { json: true }, verify.io);
    expect(verdicts.map((v) => [v.id, v.traceProfile, v.ok])).toEqual([['custom-1', 'cort-512', true]]);
    const stats = quiet();
    await runStats(f.project, { json: true, tokens: false }, stats.io, executor);
    expect(JSON.parse(stats.out().trim().split('\n')[0])).toMatchObject({ id: 'custom-1', codeBlocks: 1, outputBlocks: 1, answer: '5', answerMatches: true });
  }, 120_000);

  it('--profiles FILE still wins over the settings, and invalid ones in the settings name the file and the field', async () => {
    const other = copyProfile(CORT_PROFILE, 'unused', 'Unused');
    const f = files({ customProfiles: [other] });
    await expect(runVerify(f.project, { json: true }, quiet().io)).rejects.toThrow(/project\.json: Unknown trace profile "cort-512"/);
    expect((await runVerify(f.project, { json: true, profiles: f.profilesFile }, quiet().io)).map((v) => v.ok)).toEqual([true]);
    const bad = files({ customProfiles: [{ ...CORT_512, continuation: { ...CORT_512.continuation, stop: '`' } }] });
    await expect(runStats(bad.project, { json: true, tokens: false, checks: false }, quiet().io)).rejects.toThrow(/project\.json settings\.customProfiles\[0\] \(cort-512\): \/continuation\/stop must be array/);
  }, 120_000);
});

describe('hint-studio import of an export with its manifest', () => {
  it("adds the manifest's profiles to the project file's settings, reads the records with them, and keeps a conflicting one of the project's", async () => {
    const f = files();
    await exportCli([f.project, '--out', f.out, '--profiles', f.profilesFile]);
    const exported = [join(f.out, 'cort.jsonl'), join(f.out, 'manifest.json')];
    const err: string[] = [];
    const io = { stdout: () => {}, stderr: (t: string) => void err.push(t) };
    const target = join(dir, 'reimported.json');
    await runImport(exported, { out: target }, io);
    const project = parseProject(readFileSync(target, 'utf8'), 'reimported.json');
    expect(project.samples.map((s) => s.profile)).toEqual(['cort-512']);
    expect((project.extras.settings as { customProfiles: unknown }).customProfiles).toEqual([CORT_512]);
    expect(err.join('')).toContain('manifest.json: Added trace profiles to this project: cort-512.');

    // A project file that has its own "cort-512" keeps it, and says so.
    const ours = { ...CORT_512, name: 'Our CoRT 512' };
    const mine = join(dir, 'mine.json');
    writeFileSync(mine, serializeProject([], { settings: { customProfiles: [ours] } }, '2025-06-01T12:00:00.000Z'));
    err.length = 0;
    await runImport(exported, { out: mine }, io);
    expect((parseProject(readFileSync(mine, 'utf8'), 'mine.json').extras.settings as { customProfiles: unknown }).customProfiles).toEqual([ours]);
    expect(err.join('')).toMatch(/Profile conflict: manifest\.json customProfiles\[0\] \(cort-512\): this project already has a profile "cort-512" with other fields; kept the project's/);
  }, 120_000);
});
