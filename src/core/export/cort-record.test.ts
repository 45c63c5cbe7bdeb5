import { describe, expect, it } from 'vitest';
import { renderTrace } from '../trace';
import { DEEPSEEK_R1_DISTILL_QWEN, QWQ_CHATML, renderGenerationPrompt } from '../template';
import { exportSamples, parseCortExportRecord, CortRecordInvalidError, cortRecordProblems } from './index';
import { buildCortRecord, type CortExportRecord } from './cort-record';
import { assertValidCortRecord } from './validate';
import { crlfSample, hintedSample, HINT_1, HINT_2, PROMPT_HINT } from './testing/samples';
import type { Sample } from '../sample/types';
import { approvalState } from '../review';

const BASE = { studioVersion: '0.1.0-test', exportedAt: '2025-06-01T00:00:00.000Z' };

async function cortRecords(samples: Sample[], extra = {}): Promise<CortExportRecord[]> {
  const { files } = await exportSamples(samples, { ...BASE, ...extra });
  const text = new TextDecoder().decode(files.find((f) => f.name === 'cort.jsonl')!.bytes);
  return text.trimEnd().split('\n').map((line) => JSON.parse(line));
}

/** Python's response[start:end]: slicing by code points. */
const pySlice = (s: string, start: number, end: number) => Array.from(s).slice(start, end).join('');

describe('CoRT JSONL record', () => {
  it('keeps the imported problem fields and adds prompt, response and the templated prompt', async () => {
    const [rec] = await cortRecords([hintedSample]);
    expect(rec.problem).toBe(hintedSample.problem);
    expect(rec.gt_answer).toBe('5');
    expect(rec.source).toBe('aime24');
    expect(rec.prompt).toBe(hintedSample.prompt);
    expect(rec.response).toBe(renderTrace(hintedSample.trace));
    expect(rec.templated_prompt).toBe(`<｜begin▁of▁sentence｜><｜User｜>${hintedSample.prompt}<｜Assistant｜><think>\n`);
    expect(rec.stats).toMatchObject({ code_blocks: 1, output_blocks: 1, hints: 3, think_closed: true, final_answer: '5' });
  });

  it('renders the QwQ ChatML generation prompt when that template is chosen', async () => {
    const [rec] = await cortRecords([hintedSample], { chatTemplate: QWQ_CHATML });
    expect(rec.templated_prompt).toBe(`<|im_start|>user\n${hintedSample.prompt}<|im_end|>\n<|im_start|>assistant\n<think>\n`);
  });

  it('writes code-point offsets: Python slicing of the response gives each segment and hint back (emoji, 𝑥)', async () => {
    const [rec] = await cortRecords([hintedSample]);
    expect(rec.response.length).toBeGreaterThan(Array.from(rec.response).length); // astral characters present
    rec.segments.forEach((span, i) => expect(pySlice(rec.response, span.start, span.end)).toBe(hintedSample.trace.segments[i].text));
    expect(rec.hints.map((h) => h.type)).toEqual(['prompt-hint', 'hint-1', 'hint-2']);
    for (const hint of rec.hints) expect(pySlice(rec.response, hint.offset, hint.offset + Array.from(hint.text).length)).toBe(hint.text);
    expect(rec.hints.map((h) => h.text)).toEqual([PROMPT_HINT, HINT_1 + '\n', HINT_2]);
    const [span] = rec.output_spans;
    expect(pySlice(rec.response, span.start, span.end)).toBe('```output\n[5, -5/2 - 5*sqrt(3)*I/2, -5/2 + 5*sqrt(3)*I/2]\n```\n');
    expect(rec.segments.find((s) => s.kind === 'output')).toMatchObject({ start: span.start, end: span.end, origin: 'interpreter' });
  });

  it('a record that breaks the schema is a clear error naming the sample and the field', () => {
    const rec = buildCortRecord({ sample: hintedSample, checks: { ok: true, reasons: [], overridden: false } }, 'x');
    const broken = { ...rec, segments: rec.segments.map((s, i) => (i === 2 ? { ...s, end: 'ten' } : s)) };
    expect(() => assertValidCortRecord(broken, hintedSample.id)).toThrow(CortRecordInvalidError);
    expect(() => assertValidCortRecord(broken, hintedSample.id)).toThrow(/sample sample-hinted.*field \/segments\/2\/end must be integer/);
    const { review: _review, ...noReview } = rec;
    expect(cortRecordProblems(noReview)[0]).toEqual({ field: '/review', message: "must have required property 'review'" });
  });

  it('rejects segments that do not tile the response', () => {
    const rec = buildCortRecord({ sample: hintedSample, checks: { ok: true, reasons: [], overridden: false } }, 'x');
    const gap = { ...rec, segments: rec.segments.map((s, i) => (i === 1 ? { ...s, start: s.start + 1 } : s)) };
    expect(cortRecordProblems(gap)[0].field).toBe('/segments/1/start');
  });

  it('holds back the CRLF output block that CoRT would mask differently, with or without approval, whatever the overrides', async () => {
    for (const include of ['approved', 'all'] as const) {
      const { manifest, files } = await exportSamples([crlfSample], { ...BASE, include, overrides: [crlfSample.id] });
      expect(files[0].bytes.byteLength).toBe(0);
      expect(manifest.heldBack).toEqual([
        {
          sampleId: crlfSample.id,
          problem: 'Compute 2+2.',
          stage: 'loss-mask',
          reasons: ['loss mask: output block o1 ends its closing fence with CRLF; the regex wants "```\\n" and runs on'],
        },
      ]);
      expect(manifest.counts).toEqual({ input: 1, exported: 0, heldBack: 1, overridden: 0 });
    }
  });
});

describe('round trip through parseCortExportRecord', () => {
  it('gives back samples whose rendered trace equals the exported response, with kinds, origins and hint types', async () => {
    const samples = [hintedSample, crlfSample];
    // Built directly: the gate would hold the CRLF sample back, but a file may still hold such a record.
    const records = samples.map((sample) =>
      buildCortRecord({ sample, checks: { ok: true, reasons: [], overridden: false } }, renderGenerationPrompt(DEEPSEEK_R1_DISTILL_QWEN, sample.prompt)),
    );
    records.forEach((rec, i) => {
      const parsed = parseCortExportRecord(rec, 'export.jsonl', i + 1);
      if (!parsed.ok) throw new Error(parsed.reject.reason);
      const back = parsed.sample;
      const original = samples[i];
      expect(renderTrace(back.trace)).toBe(rec.response);
      const shape = (s: Sample) => s.trace.segments.map(({ kind, origin, hintType, text, lang, closed }) => ({ kind, origin, hintType, text, lang, closed }));
      expect(shape(back)).toEqual(shape(original));
      expect(back).toMatchObject({ id: original.id, problem: original.problem, prompt: original.prompt, gtAnswer: original.gtAnswer, source: 'aime24', status: 'approved' });
      // The original generation's statistics do not describe an edited response: they are not exported.
      const { gen_cumulative_logprob: _l, gen_cumulative_seq_len: _s, ...problemRecord } = original.record;
      expect(back.record).toEqual(rec.origin.response_changed ? problemRecord : original.record);
      expect(back.origin).toEqual({ format: 'project', file: 'export.jsonl', line: i + 1 });
      // The approval comes back with it, still covering exactly this content.
      expect(approvalState(back)).toMatchObject({ status: 'approved', approval: { by: 'Ada Reviewer', fingerprint: rec.review.content_sha256 } });
    });
  });

  it('an approval whose fingerprint does not match the record content does not come back', () => {
    const rec = buildCortRecord({ sample: hintedSample, checks: { ok: true, reasons: [], overridden: false } }, 'x');
    const tampered = { ...rec, problem: 'Find 𝑥 such that 𝑥^3 = 126.' };
    const parsed = parseCortExportRecord(tampered, 'e.jsonl', 1);
    if (!parsed.ok) throw new Error(parsed.reject.reason);
    expect(approvalState(parsed.sample).status).toBe('unverifiable');
  });

  it('turns a malformed line into a reject naming the field', () => {
    const rec = buildCortRecord({ sample: hintedSample, checks: { ok: true, reasons: [], overridden: false } }, 'x');
    const parsed = parseCortExportRecord({ ...rec, output_spans: [{ start: 0, end: 10_000 }] }, 'e.jsonl', 7);
    expect(parsed).toMatchObject({ ok: false, reject: { file: 'e.jsonl', line: 7, unit: 'line', field: 'output_spans.0' } });
  });
});
