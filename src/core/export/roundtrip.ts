/**
 * Reading a CoRT export back into samples, for the importer (`importFile`) to call on every
 * line of a JSONL file whose records carry the export's fields. The trace is rebuilt from
 * the exported segment offsets, so kinds, origins and hint types survive and
 * `renderTrace(sample.trace) === record.response` byte for byte.
 */
import type { Sample, ReviewStatus } from '../sample/types';
import type { Segment } from '../trace/types';
import { parseTrace } from '../trace';
import type { ImportReject } from '../import/types';
import { CORT_EXPORT_KEYS, type CortExportRecord } from './cort-record';
import { cortRecordProblems } from './validate';
import { CodePointIndex } from './offsets';
import { approvedContentOf, contentFingerprint, type Approval } from '../review/approval';
import type { ReviewedSample } from '../review/types';
import { BUILTIN_REGISTRY, getProfile, unknownProfileMessage } from '../profiles/registry';
import type { ProfileRegistry } from '../profiles/types';
import type { TraceProfile } from '../profiles/types';

export type CortExportParse = { ok: true; sample: Sample } | { ok: false; reject: ImportReject };

/** Whether a JSON record looks like a Hint Studio CoRT export line (for format sniffing). */
export function isCortExportRecord(record: unknown): boolean {
  if (record === null || typeof record !== 'object') return false;
  const r = record as Record<string, unknown>;
  return typeof r.response === 'string' && Array.isArray(r.segments) && Array.isArray(r.output_spans) && typeof r.sample_id === 'string';
}

/**
 * A code/output segment gets its `lang` and `closed` from the profile's parser, which reads
 * them off the block's markers exactly as it would in the full trace (SimpleTIR's output,
 * which needs its code block before it, is closed).
 */
function fenceFacts(seg: Segment, profile: TraceProfile): Pick<Segment, 'lang' | 'closed'> {
  if (seg.kind !== 'code' && seg.kind !== 'output') return {};
  if (seg.kind === 'output' && profile.syntax.kind === 'inline-fence') return { closed: true };
  const parsed = parseTrace(seg.text, 'imported', profile.syntax).segments.find((s) => s.kind === seg.kind);
  if (!parsed) return {};
  const facts: Pick<Segment, 'lang' | 'closed'> = {};
  if (parsed.lang !== undefined) facts.lang = parsed.lang;
  if (parsed.closed !== undefined) facts.closed = parsed.closed;
  return facts;
}

function rebuildSegments(record: CortExportRecord, profile: TraceProfile): Segment[] {
  const index = new CodePointIndex(record.response);
  return record.segments.map((span, i) => {
    const seg: Segment = {
      id: `s${i}`,
      kind: span.kind,
      text: record.response.slice(index.toUtf16(span.start), index.toUtf16(span.end)),
      origin: span.origin,
    };
    if (span.hint_type) seg.hintType = span.hint_type;
    return Object.assign(seg, fenceFacts(seg, profile));
  });
}

/**
 * The approval an exported record carries, when it still holds for the record's content: the
 * fingerprint recomputed from the text must equal the one the reviewer approved. Otherwise the
 * sample comes back marked approved but unverifiable, and no approved-only export ships it.
 */
function approvalFromRecord(r: CortExportRecord, sample: Sample): Approval | undefined {
  const { review } = r;
  if (review.approval !== 'approved' || !review.approved_by || !review.approved_at) return undefined;
  const content = approvedContentOf(sample);
  const fingerprint = contentFingerprint(content);
  return fingerprint === review.content_sha256 ? { by: review.approved_by, at: review.approved_at, fingerprint, content } : undefined;
}

/**
 * One exported record back to a sample. `file`/`line` (1-based) say where it was read, for
 * the sample's origin and for the reject a malformed line becomes. The sample keeps its
 * exported id, so re-importing an export into the project it came from dedupes.
 */
export function parseCortExportRecord(record: unknown, file: string, line: number, profiles: ProfileRegistry = BUILTIN_REGISTRY): CortExportParse {
  const problems = cortRecordProblems(record);
  if (problems.length > 0) {
    const first = problems[0];
    const field = first.field.replace(/^\//, '').replace(/\//g, '.');
    return { ok: false, reject: { file, line, unit: 'line', field: field || undefined, reason: first.message } };
  }
  const r = record as CortExportRecord;
  const imported: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(r)) if (!CORT_EXPORT_KEYS.has(key)) imported[key] = value;
  // `prompt` is both a CoRT problem field and the export's own: CoRT data always carries it,
  // so it goes back into the record too.
  imported.prompt = r.prompt;

  const status: ReviewStatus = r.review.status;
  // Exports from before trace profiles carry none: CoRT's. A profile the project does not know
  // is rejected by name, never read with CoRT's markers.
  const profileId = r.trace_profile ?? 'cort';
  if (!profiles.some((p) => p.id === profileId)) return { ok: false, reject: { file, line, unit: 'line', field: 'trace_profile', reason: unknownProfileMessage(profileId, profiles) } };
  const profile = getProfile(profileId, profiles);
  const sample: Sample = {
    id: r.sample_id,
    problem: r.problem,
    prompt: r.prompt,
    record: imported,
    // 'project': the record was written by the studio, not by a CoRT script.
    origin: { format: 'project', file, line },
    original: r.response,
    trace: { segments: rebuildSegments(r, profile) },
    branches: [],
    status,
    createdAt: r.review.created_at,
    updatedAt: r.review.updated_at,
  };
  if (profile.id !== 'cort') sample.profile = profile.id;
  const gt = imported.gt_answer;
  if (typeof gt === 'string' || typeof gt === 'number') sample.gtAnswer = String(gt);
  if (typeof imported.source === 'string') sample.source = imported.source;
  const approval = approvalFromRecord(r, sample);
  if (approval) (sample as ReviewedSample).approval = approval;
  return { ok: true, sample };
}
