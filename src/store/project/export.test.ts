import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { crlfSample, draftSample, hintedSample, wrongAnswerSample } from '../../core/export/testing/samples';
import { TOOL_TEST_SAMPLES } from '../../core/export/testing/profileSamples';
import type { Executor } from '../../core/exec/types';
import { DEEPSEEK_R1_DISTILL_QWEN } from '../../core/template';
import { copyProfile, RETOOL_PROFILE, type TraceProfile } from '../../core/profiles';
import type { TaggedSyntax } from '../../core/trace/syntax';
import type { Sample } from '../../core/sample/types';
import { runExport } from '../../cli/commands/export';
import { approvalOf } from '../../core/review';
import { createNodeExecutor } from '../../python/node';
import { makeOutputSegment } from '../../core/trace';
import { backupDocument } from './backup';
import { createNodeStudio } from '../../cli/compose';
import { currentChecks, type CheckEntry } from '../checks/checks';
import { memoryPersistence } from '../session/persistence';
import { quickChecks, type QuickCheckRequest } from '../checks/quickChecks';
import { WorkerUnavailableError } from '../workers/client';
import {
  checkFullyInTurn,
  cliArgsFor,
  conversionTargets,
  exportStudioSamples,
  exportVerdicts,
  exportVerdictsInSlices,
  recordedSettings,
  reviewOverrides,
  samplesInExportOrder,
  samplesTheGateChecks,
  settingsWithCheckLevel,
  shellQuote,
  STUDIO_VERSION,
  type ExportChoices,
} from './export';

const EXPORTED_AT = '2025-06-01T12:00:00.000Z';
const RETOOL_SYNTAX = RETOOL_PROFILE.syntax as TaggedSyntax;
/** A project's own profile: ReTool with <python> calls and <result> outputs. */
const RETOOL_PY: TraceProfile = {
  ...copyProfile(RETOOL_PROFILE, 'retool-py', 'ReTool with <python> tags'),
  syntax: { ...RETOOL_SYNTAX, code: { open: '<python>', close: '</python>' }, output: { ...RETOOL_SYNTAX.output, open: '<result>', close: '</result>' } },
  code: { kind: 'template', before: '<python>\n```python\n', after: '\n```\n</python>' },
  output: { before: '\n\n<result>\n', after: '\n</result>\n\n' },
  continuation: { ...RETOOL_PROFILE.continuation, stop: ['</python>'] },
};
const SETTINGS = { sampling: { temperature: 0.6, topP: 0.95 }, endpoints: [{ id: 'e1', name: 'vLLM', apiKey: 'sk-secret-123456' }] };
const choices = (patch: Partial<ExportChoices> = {}): ExportChoices => ({
  format: 'cort',
  include: 'approved',
  chatTemplate: DEEPSEEK_R1_DISTILL_QWEN,
  overrides: {},
  exportedAt: EXPORTED_AT,
  ...patch,
});
const byId = (samples: Sample[]) => Object.fromEntries(samples.map((s) => [s.id, s]));
const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

// The interpreter the studio's full checks and the CLI both use (Pyodide; here its Node runtime).
let executor: Executor;
beforeAll(() => {
  executor = createNodeExecutor();
});
afterAll(() => executor?.dispose());

describe('studio export', () => {
  it('writes byte for byte what `hint-studio export` writes for a backup of the same studio, failing samples included', async () => {
    // A draft, and an approved sample whose wrong answer the gate stops.
    const studio = byId([crlfSample, draftSample, hintedSample, wrongAnswerSample]);
    dir = mkdtempSync(join(tmpdir(), 'hs-studio-export-'));
    const backupPath = join(dir, 'backup.json');
    writeFileSync(backupPath, backupDocument(studio, { settings: SETTINGS }, EXPORTED_AT));
    const samples = samplesInExportOrder(studio);
    const verdicts = await exportVerdicts(samples, { executor });
    const reason = 'gt_answer of the source is wrong';

    const cases = [
      { include: 'approved', studioOverrides: {}, cliOverrides: [] },
      { include: 'all', studioOverrides: {}, cliOverrides: [] },
      { include: 'all', studioOverrides: { 'sample-wrong': reason }, cliOverrides: [`sample-wrong=${reason}`] },
    ] as const;
    for (const [i, { include, studioOverrides, cliOverrides }] of cases.entries()) {
      const studioResult = await exportStudioSamples(samples, choices({ include, overrides: studioOverrides }), verdicts, recordedSettings(SETTINGS));
      const out = join(dir, `out-${i}`);
      await runExport(backupPath, { format: 'cort', out, include, override: [...cliOverrides], exportedAt: EXPORTED_AT }, executor);
      expect(readdirSync(out).sort(), `${include}`).toEqual(studioResult.files.map((f) => f.name).sort());
      for (const file of studioResult.files) {
        expect(text(file.bytes), `${include} #${i}: ${file.name}`).toBe(readFileSync(join(out, file.name), 'utf8'));
      }
      expect(text(studioResult.files.at(-1)!.bytes)).not.toContain('sk-secret');
      expect(studioResult.manifest.studioVersion).toBe(STUDIO_VERSION);
      expect(studioResult.manifest.pyodideVersion).toMatch(/^0\.29\./);
      // The wrong answer is held back unless overridden; the comparison above is not vacuous.
      const held = studioResult.heldBack.map((h) => h.sampleId);
      expect(held.includes('sample-wrong')).toBe(i < 2);
    }
  });

  it('writes the CLI\'s bytes for the training formats with every dialog option (layout, conversion, enable_thinking, train-on-outputs)', async () => {
    const studio = byId([...TOOL_TEST_SAMPLES, hintedSample]);
    dir = mkdtempSync(join(tmpdir(), 'hs-studio-training-'));
    const backupPath = join(dir, 'backup.json');
    writeFileSync(backupPath, backupDocument(studio, { settings: SETTINGS }, EXPORTED_AT));
    const samples = samplesInExportOrder(studio);
    const verdicts = await exportVerdicts(samples, { executor });
    const cases: { choices: Partial<ExportChoices>; cli: Record<string, unknown> }[] = [
      { choices: { format: 'trl', layout: 'prompt-completion' }, cli: { format: 'trl', layout: 'prompt-completion' } },
      { choices: { format: 'verl-multiturn', enableThinking: true }, cli: { format: 'verl-multiturn', enableThinking: 'true' } },
      { choices: { format: 'openrlhf', layout: 'multiturn' }, cli: { format: 'openrlhf', layout: 'multiturn' } },
      { choices: { format: 'axolotl', convertTo: 'retool' }, cli: { format: 'axolotl', convertTo: 'retool' } },
      { choices: { format: 'messages', trainOnOutputs: true }, cli: { format: 'messages', trainOnOutputs: true } },
      { choices: { format: 'dpo' }, cli: { format: 'dpo' } },
      { choices: { format: 'prm' }, cli: { format: 'prm' } },
    ];
    for (const [i, c] of cases.entries()) {
      const studioResult = await exportStudioSamples(samples, choices(c.choices), verdicts, recordedSettings(SETTINGS));
      const out = join(dir, `out-${i}`);
      await runExport(backupPath, { out, include: 'approved', exportedAt: EXPORTED_AT, ...c.cli } as never, executor);
      expect(readdirSync(out).sort(), c.choices.format).toEqual(studioResult.files.map((f) => f.name).sort());
      for (const file of studioResult.files) expect(text(file.bytes), `${c.choices.format}: ${file.name}`).toBe(readFileSync(join(out, file.name), 'utf8'));
      // Not vacuous: something was written.
      expect(studioResult.manifest.counts.exported, c.choices.format).toBeGreaterThan(0);
    }
  }, 120_000);

  it("writes the CLI's bytes converted to one of the project's own profiles: from the backup's settings and from --profiles FILE", async () => {
    const studio = byId([...TOOL_TEST_SAMPLES, hintedSample]);
    const settings = { ...SETTINGS, customProfiles: [RETOOL_PY] };
    dir = mkdtempSync(join(tmpdir(), 'hs-studio-custom-convert-'));
    const backupPath = join(dir, 'backup.json');
    writeFileSync(backupPath, backupDocument(studio, { settings }, EXPORTED_AT));
    const profilesPath = join(dir, 'profiles.json');
    writeFileSync(profilesPath, JSON.stringify([RETOOL_PY]));
    const samples = samplesInExportOrder(studio);
    const verdicts = await exportVerdicts(samples, { executor });
    for (const format of ['cort', 'axolotl'] as const) {
      const studioResult = await exportStudioSamples(samples, choices({ format, convertTo: 'retool-py' }), verdicts, recordedSettings(settings));
      // Not vacuous: traces were re-written in the custom tags, and the manifest carries the profile.
      expect(studioResult.manifest.counts.exported, format).toBeGreaterThan(0);
      expect(studioResult.files.map((f) => text(f.bytes)).join('')).toContain('<python>');
      expect(studioResult.manifest.customProfiles).toEqual([RETOOL_PY]);
      for (const [what, flags] of [['backup settings', {}], ['--profiles', { profiles: profilesPath }]] as const) {
        const out = join(dir, `${format}-${what.replace(/\W/g, '')}`);
        await runExport(backupPath, { format, out, include: 'approved', exportedAt: EXPORTED_AT, convertTo: 'retool-py', ...flags } as never, executor);
        expect(readdirSync(out).sort(), `${format} ${what}`).toEqual(studioResult.files.map((f) => f.name).sort());
        for (const file of studioResult.files) expect(text(file.bytes), `${format} ${what}: ${file.name}`).toBe(readFileSync(join(out, file.name), 'utf8'));
      }
    }
  }, 120_000);

  it('holds back an approved sample whose answer check fails, naming the check', async () => {
    const samples = [hintedSample, wrongAnswerSample];
    const result = await exportStudioSamples(samples, choices(), await exportVerdicts(samples), {});
    expect(result.manifest.counts).toMatchObject({ input: 2, exported: 1, heldBack: 1, overridden: 0 });
    expect(result.heldBack).toEqual([
      { sampleId: 'sample-wrong', problem: 'What is 6*7?', stage: 'checks', reasons: [expect.stringMatching(/^Final answer equals ground truth: different/)] },
    ]);
    expect(text(result.files[0].bytes)).not.toContain('sample-wrong');
  });

  it('exports an overridden sample and records the override and its reason in the manifest', async () => {
    const samples = [hintedSample, wrongAnswerSample];
    const overrides = { 'sample-wrong': 'gt_answer in the source is wrong', 'sample-hinted': 'passes anyway' };
    const result = await exportStudioSamples(samples, choices({ overrides }), await exportVerdicts(samples), { theme: 'x' });
    expect(result.manifest.counts).toMatchObject({ exported: 2, heldBack: 0, overridden: 1 });
    expect(result.manifest.overrides).toEqual(['sample-wrong']);
    // Only the sample the checks actually stop is an override; the other id is ignored.
    expect(result.manifest.overrideReasons).toEqual({ 'sample-wrong': 'gt_answer in the source is wrong' });
    // Settings stay exactly the backup's, so the studio's manifest keeps equal to the CLI's.
    expect(result.manifest.settings).toEqual({ theme: 'x' });
    const wrong = text(result.files[0].bytes).split('\n').find((l) => l.includes('"sample-wrong"'))!;
    expect(JSON.parse(wrong).checks).toMatchObject({ ok: false, overridden: true });
  });

  it("takes over a reviewer's approval override with its reason", async () => {
    const approvedDespite = {
      ...wrongAnswerSample,
      review: { status: 'approved' as const, by: 'ana', at: EXPORTED_AT, overrideReason: 'gt is wrong', overriddenChecks: ['answer'] },
    };
    const overrides = reviewOverrides([hintedSample, approvedDespite]);
    expect(overrides).toEqual({ 'sample-wrong': 'approved by ana despite failing checks: gt is wrong' });
    const samples = [hintedSample, approvedDespite];
    const result = await exportStudioSamples(samples, choices({ overrides }), await exportVerdicts(samples), {});
    expect(result.manifest.overrides).toEqual(['sample-wrong']);
  });

  it('orders samples by id whatever the order they were imported in', () => {
    expect(samplesInExportOrder(byId([wrongAnswerSample, crlfSample, hintedSample])).map((s) => s.id)).toEqual([
      'sample-crlf',
      'sample-hinted',
      'sample-wrong',
    ]);
  });

  it('refuses the tokenized format without a tokenizer', async () => {
    const samples = [hintedSample];
    await expect(exportStudioSamples(samples, choices({ format: 'tokenized' }), await exportVerdicts(samples), {})).rejects.toThrow(
      /tokenizer\.json/,
    );
  });
});

/** Right answer, but the recorded output of its code is not what the code prints (approved as it is). */
const tamperedUnapproved: Sample = {
  ...hintedSample,
  id: 'sample-tampered',
  trace: { segments: hintedSample.trace.segments.map((s) => (s.id === 'o1' ? makeOutputSegment('[5]', { id: 'o1' }) : s)) },
};
const tamperedSample = { ...tamperedUnapproved, approval: approvalOf(tamperedUnapproved, { by: 'ana', at: EXPORTED_AT }) } as Sample;

describe('full checks before a studio export', () => {
  it('holds back a sample whose outputs do not reproduce, as the CLI does, once the full checks ran through the checks cache', async () => {
    const samples = [hintedSample, tamperedSample, draftSample];
    // The studio as a Node program composes it: the full checks run in the runtime manager's interpreters.
    const node = createNodeStudio({ persistence: memoryPersistence({ samples }) });
    await node.init();
    const { checks } = node.services;
    const known = (sample: Sample) => currentChecks(node.store.getState(), sample)?.result;
    await checks.checkSamples(samples);

    // With only the quick checks in the cache, the tampered sample would pass the gate.
    const quick = await exportStudioSamples(samples, choices(), await exportVerdicts(samples, { known }), {});
    expect(quick.heldBack.map((h) => h.sampleId)).toEqual(['sample-draft']);

    const asked = samplesTheGateChecks(samples, 'approved');
    expect(asked.map((s) => s.id)).toEqual(['sample-hinted', 'sample-tampered']);
    const seen: string[] = [];
    const progress = await checkFullyInTurn(
      asked.map((s) => s.id),
      (id) => checks.checkSampleFully(id),
      { onProgress: (p) => seen.push(`${p.done}/${p.total}`) },
    );
    expect(seen).toEqual(['0/2', '1/2', '2/2']);
    expect(progress.failed).toEqual([]);

    const studio = await exportStudioSamples(samples, choices(), await exportVerdicts(samples, { known }), {});
    const cli = await exportStudioSamples(samples, choices(), await exportVerdicts(asked, { executor }), {});
    expect(studio.heldBack).toEqual([
      { sampleId: 'sample-tampered', problem: hintedSample.problem, stage: 'checks', reasons: [expect.stringMatching(/reproduc/i)] },
      { sampleId: 'sample-draft', problem: 'What is 3*3?', stage: 'review', reasons: ['not approved (review status: draft)'] },
    ]);
    expect(studio.files.map((f) => text(f.bytes))).toEqual(cli.files.map((f) => text(f.bytes)));
  }, 120_000);

  it('stops before the next sample when aborted, and reports samples Python could not check', async () => {
    const abort = new AbortController();
    const order: string[] = [];
    const quickOnly: CheckEntry = { revision: 'r', level: 'quick', result: { ok: true, checks: [] } as never, counted: false, checking: false, error: 'worker crashed' };
    const progress = await checkFullyInTurn(
      ['a', 'b', 'c'],
      async (id) => {
        order.push(id);
        if (id === 'b') abort.abort();
        return quickOnly;
      },
      { signal: abort.signal },
    );
    expect(order).toEqual(['a', 'b']);
    expect(progress.failed).toEqual([
      { sampleId: 'a', error: 'worker crashed' },
      { sampleId: 'b', error: 'worker crashed' },
    ]);
  });

  it('records in the manifest settings that only the quick checks ran, and nothing otherwise', async () => {
    const samples = [hintedSample];
    const verdicts = await exportVerdicts(samples);
    const quick = await exportStudioSamples(samples, choices(), verdicts, settingsWithCheckLevel({ theme: 'x' }, true));
    expect(quick.manifest.settings).toMatchObject({ theme: 'x', exportChecks: { level: 'quick' } });
    const full = await exportStudioSamples(samples, choices(), verdicts, settingsWithCheckLevel({ theme: 'x' }, false));
    expect(full.manifest.settings).toEqual({ theme: 'x' });
  });
});

describe('convert to', () => {
  it("offers the built-ins, then the project's own profiles; an invalid saved profile is not offered", () => {
    const builtins = ['cort', 'retool', 'rstar2', 'torl', 'simpletir', 'chat'];
    expect(conversionTargets(undefined).map((t) => t.id)).toEqual(builtins);
    const targets = conversionTargets({ customProfiles: [RETOOL_PY, { ...RETOOL_PY, id: 'broken', syntax: null } as unknown as TraceProfile] });
    expect(targets.map((t) => [t.id, t.custom])).toEqual([...builtins.map((id) => [id, false]), ['retool-py', true]]);
    expect(targets.at(-1)!.name).toBe('ReTool with <python> tags');
  });
});

describe('the CLI call the dialog shows', () => {
  it('names every choice as the flag `hint-studio export` takes, quoted for a shell', () => {
    const args = cliArgsFor(choices({ format: 'trl', layout: 'prompt-completion', convertTo: 'retool', enableThinking: false, trainOnOutputs: true, overrides: { s1: "gt's wrong" } }));
    expect(args).toEqual([
      '--format', 'trl', '--include', 'approved', '--layout', 'prompt-completion', '--convert-to', 'retool', '--enable-thinking', 'false',
      '--train-on-outputs', '--template', 'deepseek-r1-distill-qwen', '--override', "s1=gt's wrong", '--exported-at', EXPORTED_AT,
    ]);
    expect(args.map(shellQuote).join(' ')).toContain(`--override 's1=gt'\\''s wrong'`);
    expect(cliArgsFor(choices({ chatTemplate: { ...DEEPSEEK_R1_DISTILL_QWEN, source: '{{ x }}' } }))).toContain('tokenizer_config.json');
  });
});

describe('the export dialog\'s verdicts, checked a few samples a task', () => {
  it('equal exportVerdicts, and keep what they checked for the next call', async () => {
    const samples = [hintedSample, crlfSample, draftSample, wrongAnswerSample];
    const ran = new WeakMap();
    // The studio's quick checks, as the dialog runs them (no worker here: on this thread).
    const check = createNodeStudio({}).services.checks.quickChecksOf;
    const sliced = await exportVerdictsInSlices(samples, { known: () => undefined, check, ran });
    expect([...sliced]).toEqual([...(await exportVerdicts(samples))]);
    expect(samples.every((s) => ran.has(s))).toBe(true);
    // The cache's entry wins over the dialog's own.
    const known = (s: Sample) => (s.id === wrongAnswerSample.id ? { ...ran.get(hintedSample), sampleId: s.id } : undefined);
    const again = await exportVerdictsInSlices(samples, { known, check, ran });
    expect(again.get(wrongAnswerSample.id)).toEqual(sliced.get(hintedSample.id));
    expect(sliced.get(wrongAnswerSample.id)?.ok).toBe(false);
  });

  it('are checked by the studio\'s quick checks worker, and on the page for a sample it cannot take', async () => {
    const samples = [hintedSample, crlfSample, draftSample, wrongAnswerSample];
    const asked: string[] = [];
    const quickChecksOffThread = async (request: QuickCheckRequest) => {
      asked.push(request.sample.id);
      if (request.sample.id === draftSample.id) throw new WorkerUnavailableError('the quick checks worker failed');
      return quickChecks(structuredClone(request));
    };
    const { services } = createNodeStudio({ quickChecksOffThread });
    const verdicts = await exportVerdictsInSlices(samples, { known: () => undefined, check: services.checks.quickChecksOf, ran: new WeakMap() });
    expect(asked).toEqual(samples.map((s) => s.id));
    expect([...verdicts]).toEqual([...(await exportVerdicts(samples))]);
  });
});
