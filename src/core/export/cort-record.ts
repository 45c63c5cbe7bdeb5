/**
 * One CoRT JSONL record per sample: the problem fields as imported, the prompt, the response
 * (`renderTrace`, what CoRT stores in `gen`), the chat-templated prompt, and the annotations
 * a training pipeline needs — segment offsets, the spans to mask from the loss, the hints.
 * All offsets are code points into `response` (see offsets.ts).
 */
import type { HintType, Origin, SegmentKind } from '../trace/types';
import { renderTrace } from '../trace';
import { finalAnswer } from '../answer';
import type { ReviewStatus, Sample } from '../sample/types';
import { approvalState, contentFingerprint, type ApprovalStatus } from '../review/approval';
import type { GatedSample } from './types';
import type { FormatOutput } from './format-result';
import type { PreparedSample } from './prepared';
import { CodePointIndex, cortOutputRanges } from './offsets';
import { assertValidCortRecord } from './validate';
import { jsonlBytes } from './canonical-json';
import { semanticsFor, type ProjectSemantics } from '../exec/semantics/profile';
import { CORT_PROFILE } from '../profiles/builtin';
import { interpreterRanges } from '../profiles/parse';
import type { TraceProfile, TraceProfileId } from '../profiles/types';

export interface CortSegmentSpan {
  kind: SegmentKind;
  origin: Origin;
  start: number;
  end: number;
  hint_type?: HintType;
}

export interface CortSpan {
  start: number;
  end: number;
}

export interface CortHint {
  type: HintType;
  text: string;
  /** Code-point offset of the hint text in `response`. */
  offset: number;
}

export interface CortStats {
  response_chars: number;
  code_blocks: number;
  output_blocks: number;
  hints: number;
  think_closed: boolean;
  final_answer: string | null;
}

export interface CortReview {
  /** The stored review status. */
  status: ReviewStatus;
  /** Whether a reviewer's approval covers this very content (core/review/approval.ts). */
  approval: ApprovalStatus;
  /** Who approved and when; null unless `approval` is approved or changed-since-approval. */
  approved_by: string | null;
  approved_at: string | null;
  /**
   * `sha256:` + hex SHA-256 of the UTF-8 JSON `[problem, prompt, response, gt_answer]`
   * (compact, gt_answer as a string or null): the fingerprint an approval records. Equal to the
   * approval's when `approval` is approved.
   */
  content_sha256: string;
  created_at: string;
  updated_at: string;
}

/** Where the sample came from. */
export interface CortOrigin {
  format: string;
  file: string;
  /** 1-based JSONL line, 0-based parquet row, or null. */
  line: number | null;
  /** Which entry of the inference record's `gen`, or null. */
  gen_index: number | null;
  /**
   * The response differs from the generation as imported. Then `gen_cumulative_logprob` and
   * `gen_cumulative_seq_len` (which describe that generation) are dropped from the record.
   */
  response_changed: boolean;
}

/** The fields the studio adds; every other top-level field is the imported record's. */
export interface CortExportFields {
  sample_id: string;
  problem: string;
  prompt: string;
  response: string;
  templated_prompt: string;
  segments: CortSegmentSpan[];
  output_spans: CortSpan[];
  hints: CortHint[];
  stats: CortStats;
  checks: { ok: boolean; reasons: string[]; overridden: boolean };
  review: CortReview;
  origin: CortOrigin;
  /** The execution semantics the outputs were produced and checked under ('cort' unless set; 'fresh' for ToRL, SimpleTIR, ReTool, rStar2). */
  execution_profile: string;
  /** The trace profile the response follows (its markers and its mask); re-import keeps it. */
  trace_profile: TraceProfileId;
}

export type CortExportRecord = Record<string, unknown> & CortExportFields;

/** Keys the exporter owns; on re-import everything else goes back into `sample.record`. */
export const CORT_EXPORT_KEYS: ReadonlySet<string> = new Set<keyof CortExportFields>([
  'sample_id',
  'prompt',
  'response',
  'templated_prompt',
  'segments',
  'output_spans',
  'hints',
  'stats',
  'checks',
  'review',
  'origin',
  'execution_profile',
  'trace_profile',
]);

/** Fields of CoRT's inference output that describe the original generation only. */
export const GENERATION_STATS = ['gen_cumulative_logprob', 'gen_cumulative_seq_len'] as const;

/** Output spans exactly as CoRT's regex finds them, in code points. */
export function cortOutputSpans(response: string, index = new CodePointIndex(response)): CortSpan[] {
  return cortOutputRanges(response).map(([s, e]) => ({ start: index.toCodePoint(s), end: index.toCodePoint(e) }));
}

/** The masked spans of a trace under its profile: CoRT's regex for CoRT traces, the profile's output blocks (less a prefix its model wrote) otherwise. */
function outputSpansOf(sample: Sample, profile: TraceProfile, response: string, index: CodePointIndex): CortSpan[] {
  if (profile.id === 'cort') return cortOutputSpans(response, index);
  return interpreterRanges(sample.trace, profile).map(([s, e]) => ({ start: index.toCodePoint(s), end: index.toCodePoint(e) }));
}

function reviewOf(sample: Sample, response: string): CortReview {
  const state = approvalState(sample);
  const current = state.status === 'approved' || state.status === 'changed-since-approval' ? state.approval : undefined;
  return {
    status: sample.status,
    approval: state.status,
    approved_by: current?.by ?? null,
    approved_at: current?.at ?? null,
    content_sha256: contentFingerprint({ problem: sample.problem, prompt: sample.prompt, response, gtAnswer: sample.gtAnswer ?? null }),
    created_at: sample.createdAt,
    updated_at: sample.updatedAt,
  };
}

function originOf(sample: Sample, response: string): CortOrigin {
  const { origin } = sample;
  return { format: origin.format, file: origin.file, line: origin.line ?? null, gen_index: origin.genIndex ?? null, response_changed: response !== sample.original };
}

/**
 * The record of one sample. `profile`: the trace profile of the exported trace (the sample's,
 * or the one it was converted to); `semantics`: the project's choice for CoRT traces.
 */
export function buildCortRecord(gated: GatedSample & { profile?: TraceProfile }, templatedPrompt: string, semantics: ProjectSemantics = 'cort'): CortExportRecord {
  const { sample, checks } = gated;
  const profile = gated.profile ?? CORT_PROFILE;
  const response = renderTrace(sample.trace);
  const index = new CodePointIndex(response);

  const segments: CortSegmentSpan[] = [];
  const hints: CortHint[] = [];
  let at = 0;
  for (const seg of sample.trace.segments) {
    const start = index.toCodePoint(at);
    at += seg.text.length;
    const span: CortSegmentSpan = { kind: seg.kind, origin: seg.origin, start, end: index.toCodePoint(at) };
    if (seg.hintType) {
      span.hint_type = seg.hintType;
      hints.push({ type: seg.hintType, text: seg.text, offset: start });
    }
    segments.push(span);
  }
  const count = (kind: SegmentKind) => segments.filter((s) => s.kind === kind).length;

  const fields: CortExportFields = {
    sample_id: sample.id,
    problem: sample.problem,
    prompt: sample.prompt,
    response,
    templated_prompt: templatedPrompt,
    segments,
    output_spans: outputSpansOf(sample, profile, response, index),
    hints,
    stats: {
      response_chars: index.length,
      code_blocks: count('code'),
      output_blocks: count('output'),
      hints: hints.length,
      think_closed: count('think-end') > 0,
      final_answer: finalAnswer(sample.trace, profile.answer),
    },
    checks: { ok: checks.ok, reasons: checks.reasons, overridden: checks.overridden },
    review: reviewOf(sample, response),
    origin: originOf(sample, response),
    execution_profile: semanticsFor(profile, semantics),
    trace_profile: profile.id,
  };
  // The imported record first (problem, gt_answer, source, ...), then what the studio knows
  // better: a sample edited in the studio has a newer problem/answer than its record.
  // A record value equal in text (gt_answer 125 vs "125") keeps its imported JSON type.
  const problemFields: Record<string, unknown> = { ...sample.record };
  if (sample.gtAnswer !== undefined && String(problemFields.gt_answer) !== sample.gtAnswer) {
    problemFields.gt_answer = sample.gtAnswer;
  }
  if (sample.source !== undefined && problemFields.source !== sample.source) problemFields.source = sample.source;
  // The logprob and length of the original generation say nothing about an edited response.
  if (fields.origin.response_changed) for (const key of GENERATION_STATS) delete problemFields[key];
  return { ...problemFields, ...fields };
}

/**
 * The CoRT JSONL file; every record is schema-checked before anything is written. (A sample
 * whose output mask is off never gets here: the gate holds it back.)
 */
export function cortFiles(samples: readonly PreparedSample[], semantics: ProjectSemantics): FormatOutput {
  const records = samples.map((p) => {
    const record = buildCortRecord(p, p.templatedPrompt, semantics);
    assertValidCortRecord(record, p.sample.id);
    return record;
  });
  return { files: [{ name: 'cort.jsonl', bytes: jsonlBytes(records), mediaType: 'application/jsonl' }] };
}
