/**
 * Golden files: every format's bytes for the hand-made samples are committed under
 * golden/<format>/. A change in output shows up as a diff there; after checking it is
 * intended, regenerate with `UPDATE_GOLDEN=1 npx vitest run src/core/export/golden.test.ts`.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { parquetReadObjects } from 'hyparquet';
import { DEEPSEEK_R1_DISTILL_QWEN, QWQ_CHATML } from '../template';
import { EXPORT_FORMATS, exportSamples, reasoningDropWarning, type ExportFormat, type ExportOptions, type TokenizerLike } from './index';
import { ALL_TEST_SAMPLES, hintedSample } from './testing/samples';
import { expectGoldenFiles, GOLDEN } from './testing/golden';
import { approvalOf } from '../review';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';


const charTokenizer: TokenizerLike = { name: 'one id per code point', encode: (t) => Array.from(t, (c) => c.codePointAt(0)!), eosTokenId: 0 };

function optionsFor(format: ExportFormat): ExportOptions {
  return {
    format,
    studioVersion: '0.1.0-golden',
    pyodideVersion: '0.29.3',
    exportedAt: '2025-06-01T12:00:00.000Z',
    settings: { temperature: 0.6, topP: 0.95, maxTokens: 32768, apiKey: 'never-written' },
    tokenizer: format === 'tokenized' ? charTokenizer : undefined,
  };
}

describe.each(EXPORT_FORMATS)('golden export: %s', (format) => {
  it('matches the committed files byte for byte', async () => {
    const { files } = await exportSamples(ALL_TEST_SAMPLES, optionsFor(format));
    expectGoldenFiles(format, files);
  });

  it('is deterministic: the same input gives the same bytes', async () => {
    const a = await exportSamples(ALL_TEST_SAMPLES, optionsFor(format));
    const b = await exportSamples([...ALL_TEST_SAMPLES].map((s) => structuredClone(s)), optionsFor(format));
    expect(b.files.map((f) => [f.name, Buffer.from(f.bytes).toString('base64')])).toEqual(a.files.map((f) => [f.name, Buffer.from(f.bytes).toString('base64')]));
  });
});

/** Our own reader of the format, in Python, written from the schema and CoRT's regex (not from this code). */
function pythonReference(dir: string): { records: { sample_id: string; masked: number[][]; approval: string }[]; heldBack: string[]; problems: string[] } {
  const script = join(import.meta.dirname, '../../../scripts/reference/check_cort_export.py');
  try {
    return JSON.parse(execFileSync('python3', [script, dir], { encoding: 'utf8' }));
  } catch (err) {
    throw new Error(`the Python reference rejects ${dir}: ${(err as { stdout?: string }).stdout ?? err}`);
  }
}

describe('CoRT golden files against the Python reference', () => {
  it('the committed files meet the format definition: mask = CoRT regex = output segments, fingerprints, stale stats dropped', () => {
    const found = pythonReference(join(GOLDEN, 'cort'));
    expect(found.problems).toEqual([]);
    expect(found.records.map((r) => [r.sample_id, r.approval])).toEqual([
      ['sample-hinted', 'approved'],
      ['sample-wrong', 'approved'],
    ]);
    expect(found.heldBack).toEqual(['sample-crlf', 'sample-draft']);
  });

  it('so does a fresh export, read back by the reference', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hs-golden-'));
    const { files } = await exportSamples(ALL_TEST_SAMPLES, { ...optionsFor('cort'), include: 'all' });
    for (const f of files) writeFileSync(join(dir, f.name), f.bytes);
    const found = pythonReference(dir);
    expect(found.problems).toEqual([]);
    // The draft leaves with include 'all' and says it is unapproved; the CRLF sample never leaves.
    expect(found.records.map((r) => r.approval)).toEqual(['approved', 'unapproved', 'approved']);
    expect(found.heldBack).toEqual(['sample-crlf']);
  });
});

describe('verl parquet files read back with hyparquet', () => {
  it('SFT has prompt/response string columns', async () => {
    const { files } = await exportSamples([hintedSample], { ...optionsFor('verl-sft'), trainOnOutputs: true });
    const rows = await parquetReadObjects({ file: files[0].bytes.slice().buffer });
    expect(rows).toEqual([{ prompt: hintedSample.prompt, response: hintedSample.trace.segments.map((s) => s.text).join('') }]);
  });

  it('RL has the verl layout and leaves out a sample without a ground truth', async () => {
    const unapproved = { ...hintedSample, id: 'no-answer', gtAnswer: undefined, record: { problem: 'p' } };
    const noAnswer = { ...unapproved, approval: approvalOf(unapproved, { by: 'Ada Reviewer', at: '2025-01-03T00:00:00.000Z' }) };
    const { files, heldBack, manifest } = await exportSamples([hintedSample, noAnswer], optionsFor('verl-rl'));
    const rows = await parquetReadObjects({ file: files[0].bytes.slice().buffer });
    expect(rows).toEqual([
      {
        data_source: 'aime24',
        prompt: [{ role: 'user', content: hintedSample.prompt }],
        ability: 'math',
        reward_model: { style: 'rule', ground_truth: '5' },
        extra_info: { split: 'train', index: 0n },
      },
    ]);
    expect(heldBack).toEqual([
      { sampleId: 'no-answer', problem: hintedSample.problem, stage: 'format', reasons: ['no ground-truth answer: verl RL needs reward_model.ground_truth'] },
    ]);
    expect(manifest.counts.exported).toBe(1);
  });
});

describe('chat formats', () => {
  it('prompt/completion keeps the reasoning: prompt is templated, completion is the whole response', async () => {
    const { files } = await exportSamples([hintedSample], { ...optionsFor('prompt-completion'), trainOnOutputs: true });
    const rec = JSON.parse(new TextDecoder().decode(files[0].bytes));
    expect(rec.prompt.endsWith('<｜Assistant｜><think>\n')).toBe(true);
    expect(rec.completion).toContain("Okay, let's try");
    expect(rec.completion).toContain('</think>');
  });

  it('warns that DeepSeek-R1 and QwQ templates drop the reasoning of chat messages', async () => {
    expect(reasoningDropWarning(DEEPSEEK_R1_DISTILL_QWEN)).toMatch(/keeps only the text after <\/think>/);
    expect(reasoningDropWarning(QWQ_CHATML)).toMatch(/QwQ/);
    const keeper = { ...QWQ_CHATML, id: 'custom', name: 'keeps reasoning', source: "{% for m in messages %}{{ m['content'] }}{% endfor %}" };
    expect(reasoningDropWarning(keeper)).toBeNull();
    const { manifest, files } = await exportSamples([hintedSample], { ...optionsFor('sharegpt'), trainOnOutputs: true });
    expect(manifest.warnings[0]).toMatch(/drop the whole reasoning trace/);
    const rec = JSON.parse(new TextDecoder().decode(files[0].bytes));
    // The assistant turn starts as the model's does, with the <think> the generation prompt opened.
    expect(rec.conversations[1].value.startsWith("<think>\nOkay, let's try")).toBe(true);
    const info = JSON.parse(new TextDecoder().decode(files[1].bytes));
    expect(info.hint_studio_cort).toMatchObject({ file_name: 'sharegpt.jsonl', formatting: 'sharegpt' });
  });
});

describe('formats that cannot mask interpreter output (verl-sft, prompt-completion, messages, sharegpt)', () => {
  it.each(['verl-sft', 'prompt-completion', 'messages', 'sharegpt'] as const)('%s holds back a sample with output, naming the format that masks it', async (format) => {
    const { heldBack, manifest } = await exportSamples([hintedSample], optionsFor(format));
    expect(manifest.counts.exported).toBe(0);
    expect(heldBack).toEqual([{ sampleId: hintedSample.id, problem: hintedSample.problem, stage: 'format', reasons: [expect.stringMatching(new RegExp(`^it has interpreter output, which ${format} cannot keep out of the loss: .*export (verl-multiturn|trl|llamafactory-tools)`))] }]);
    expect(manifest.outputsTrained).toBe(0);
  });

  it('keeps it when asked, and says so in the manifest', async () => {
    const { manifest } = await exportSamples([hintedSample], { ...optionsFor('messages'), trainOnOutputs: true });
    expect(manifest.counts.exported).toBe(1);
    expect(manifest.outputsTrained).toBe(1);
    expect(manifest.warnings).toContainEqual(expect.stringMatching(/^1 of 1 samples train on their interpreter output \(62 characters\), as asked: /));
  });
});
