import { describe, expect, it } from 'vitest';
import { finalAnswer } from '../answer';
import type { Sample } from '../sample/types';
import { editProse } from '../hints';
import { renderTrace } from '../trace';
import { exportSamples, exportVerdicts, sha256Hex, verdictGate } from './index';
import { parseTrace } from '../trace';
import { approvalOf, type ReviewedSample } from '../review';
import { ALL_TEST_SAMPLES, crlfSample, draftSample, hintedSample, wrongAnswerSample } from './testing/samples';

const BASE = { studioVersion: '0.1.0-test', exportedAt: '2025-06-01T00:00:00.000Z' };
/** A stand-in for the real checks: the final answer must equal the ground truth. */
const answerCheck = {
  checks: (s: Sample) => (finalAnswer(s.trace) === s.gtAnswer ? { ok: true, reasons: [] } : { ok: false, reasons: [`final answer ${finalAnswer(s.trace)} ≠ ${s.gtAnswer}`] }),
};
const exportedIds = (text: string) => text.trimEnd().split('\n').filter(Boolean).map((l) => JSON.parse(l).sample_id);
const cortText = (r: Awaited<ReturnType<typeof exportSamples>>) => new TextDecoder().decode(r.files[0].bytes);

/** The sample with the approval of its current content, as a reviewer's approval records it. */
function approved(sample: Sample): ReviewedSample {
  return { ...sample, status: 'approved', approval: approvalOf(sample, { by: 'Ada Reviewer', at: '2025-01-02T00:00:00.000Z' }) };
}

describe('export gate', () => {
  it('exports only approved samples by default and names the others by id and problem, with the reason', async () => {
    const result = await exportSamples(ALL_TEST_SAMPLES, BASE);
    expect(exportedIds(cortText(result))).toEqual([hintedSample.id, wrongAnswerSample.id]);
    expect(result.heldBack).toEqual([
      { sampleId: crlfSample.id, problem: 'Compute 2+2.', stage: 'loss-mask', reasons: [expect.stringMatching(/^loss mask: output block o1 ends its closing fence with CRLF/)] },
      { sampleId: draftSample.id, problem: 'What is 3*3?', stage: 'review', reasons: ['not approved (review status: draft)'] },
    ]);
    expect(result.manifest.heldBack).toEqual(result.heldBack);
  });

  it('an edit after approval keeps the sample out of an approved-only export: no unapproved text leaves', async () => {
    const prose = hintedSample.trace.segments.find((s) => s.id === 'p2')!;
    const edited = editProse(hintedSample, prose.id, ' The real root is 5 ✅, surely.\n', '2025-03-01T00:00:00.000Z');
    const result = await exportSamples([edited, wrongAnswerSample], BASE);
    expect(exportedIds(cortText(result))).toEqual([wrongAnswerSample.id]);
    expect(cortText(result)).not.toContain('surely');
    expect(result.heldBack).toEqual([
      {
        sampleId: hintedSample.id,
        problem: 'Find 𝑥 such that 𝑥^3 = 125.',
        stage: 'review',
        reasons: ['changed since approval by Ada Reviewer at 2025-01-02T00:00:00.000Z (trace edited): approve the changes to export it'],
      },
    ]);
    // A ground-truth edit counts as well; "approved" without an approval of content does not count at all.
    const gt = await exportSamples([{ ...hintedSample, gtAnswer: '6' }], BASE);
    expect(gt.heldBack[0].reasons[0]).toMatch(/\(ground-truth answer edited\)/);
    const { approval: _a, ...legacy } = hintedSample as typeof hintedSample & { approval?: unknown };
    expect((await exportSamples([legacy as Sample], BASE)).heldBack[0].reasons[0]).toMatch(/no approval of its content is recorded/);
    // With include 'all' the edited sample leaves, and its record says its approval is stale.
    const all = await exportSamples([edited], { ...BASE, include: 'all' });
    const record = JSON.parse(cortText(all));
    expect(record.response).toBe(renderTrace(edited.trace));
    expect(record.review).toMatchObject({ status: 'approved', approval: 'changed-since-approval', approved_by: 'Ada Reviewer' });
  });

  it('include all exports drafts too', async () => {
    const result = await exportSamples(ALL_TEST_SAMPLES, { ...BASE, include: 'all' });
    expect(exportedIds(cortText(result))).toContain(draftSample.id);
  });

  it('holds back a sample whose checks fail, with the reasons', async () => {
    const result = await exportSamples(ALL_TEST_SAMPLES, { ...BASE, gate: answerCheck });
    expect(exportedIds(cortText(result))).toEqual([hintedSample.id]);
    expect(result.heldBack).toContainEqual({ sampleId: wrongAnswerSample.id, problem: 'What is 6*7?', stage: 'checks', reasons: ['final answer 41 ≠ 42'] });
    expect(result.manifest.counts).toEqual({ input: 4, exported: 1, heldBack: 3, overridden: 0 });
  });

  it('holds back an answer only SymPy can decide when no interpreter ran: pending is not a pass', async () => {
    const root = approved({ ...hintedSample, id: 'sample-root', gtAnswer: '2\\sqrt{3}', trace: parseTrace('So x = \\sqrt{12}.\n</think>\\boxed{\\sqrt{12}}') });
    const verdicts = await exportVerdicts([root]);
    const result = await exportSamples([root], { ...BASE, gate: verdictGate(verdicts) });
    expect(result.manifest.counts.exported).toBe(0);
    expect(result.heldBack[0]).toMatchObject({ sampleId: 'sample-root', stage: 'checks' });
    expect(result.heldBack[0].reasons.join(' ')).toMatch(/answer not decided yet/);
  });

  it('exports an overridden failing sample and records the override in the manifest and the record', async () => {
    const result = await exportSamples(ALL_TEST_SAMPLES, { ...BASE, gate: answerCheck, overrides: [wrongAnswerSample.id, draftSample.id] });
    const lines = cortText(result).trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(lines.find((r) => r.sample_id === wrongAnswerSample.id).checks).toEqual({ ok: false, reasons: ['final answer 41 ≠ 42'], overridden: true });
    // An override lifts failing checks, not the review: the draft stays out.
    expect(result.manifest.overrides).toEqual([wrongAnswerSample.id]);
    expect(result.manifest.counts.overridden).toBe(1);
    expect(result.heldBack.map((h) => h.sampleId)).toEqual([crlfSample.id, draftSample.id]);
  });

  it('records the reason of every override that took effect in manifest.overrideReasons, and no other', async () => {
    const result = await exportSamples(ALL_TEST_SAMPLES, {
      ...BASE,
      gate: answerCheck,
      overrides: [wrongAnswerSample.id, hintedSample.id],
      overrideReasons: { [wrongAnswerSample.id]: 'gt_answer of the source is wrong', [hintedSample.id]: 'passes anyway' },
    });
    expect(result.manifest.overrideReasons).toEqual({ [wrongAnswerSample.id]: 'gt_answer of the source is wrong' });
    expect(result.manifest.settings).toEqual({});
    expect((await exportSamples(ALL_TEST_SAMPLES, BASE)).manifest.overrideReasons).toEqual({});
  });
});

describe('manifest', () => {
  it('records versions, template, settings without secrets, and the SHA-256 of every file', async () => {
    const result = await exportSamples(ALL_TEST_SAMPLES, {
      ...BASE,
      pyodideVersion: '0.29.3',
      settings: { temperature: 0.6, maxTokens: 32768, endpoint: { url: 'http://localhost:8000/v1', apiKey: 'sk-secret', headers: { Authorization: 'Bearer x' } } },
    });
    const manifestFile = result.files.at(-1)!;
    expect(manifestFile.name).toBe('manifest.json');
    const manifest = JSON.parse(new TextDecoder().decode(manifestFile.bytes));
    expect(manifest).toMatchObject({ format: 'cort', studioVersion: '0.1.0-test', pyodideVersion: '0.29.3', offsetUnit: 'codepoint' });
    expect(manifest.chatTemplate.id).toBe('deepseek-r1-distill-qwen');
    expect(JSON.stringify(manifest)).not.toMatch(/sk-secret|Bearer/);
    expect(manifest.settings).toEqual({ temperature: 0.6, maxTokens: 32768, endpoint: { url: 'http://localhost:8000/v1', headers: {} } });
    expect(manifest.files).toEqual([
      { name: 'cort.jsonl', mediaType: 'application/jsonl', bytes: result.files[0].bytes.byteLength, sha256: await sha256Hex(result.files[0].bytes) },
    ]);
    // Known vector, so the hash is real SHA-256 and not just self-consistent.
    expect(await sha256Hex(new TextEncoder().encode('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});

describe('empty export', () => {
  it('with nothing approved every format still writes its (empty) files and a manifest saying why', async () => {
    for (const format of ['cort', 'verl-sft', 'verl-rl'] as const) {
      const result = await exportSamples([draftSample], { ...BASE, format });
      expect(result.files.map((f) => f.name).at(-1)).toBe('manifest.json');
      expect(result.manifest.counts).toMatchObject({ input: 1, exported: 0, heldBack: 1 });
    }
  });
});
