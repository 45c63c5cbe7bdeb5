/**
 * The trace model: a model's response (the text generated after `<think>\n`) as an
 * ordered list of segments whose texts concatenate to exactly the original bytes.
 */

/** What a segment is, structurally. */
export type SegmentKind =
  /** Natural-language reasoning before the think boundary. */
  | 'prose'
  /** A fenced code block, from the opening fence line through the closing fence line
   *  (including that line's newline when present). May be unclosed (runs to the end). */
  | 'code'
  /** A fenced ```output block (written by the interpreter), same extent rules as code. */
  | 'output'
  /** The `</think>` boundary token itself (exactly the 8 characters). */
  | 'think-end'
  /** Text after the (first) think boundary: the final answer region. */
  | 'answer';

/** Who wrote a segment. */
export type Origin = 'imported' | 'model' | 'annotator' | 'interpreter' | 'hint';

export type HintType = 'prompt-hint' | 'hint-1' | 'hint-2' | 'custom';

export interface Segment {
  /** Stable id within the sample (survives edits of other segments). */
  id: string;
  kind: SegmentKind;
  /** Exact text as it appears in the rendered trace. */
  text: string;
  origin: Origin;
  /** For code/output: the info string after the backticks, e.g. "python", "py", "output". */
  lang?: string;
  /** For code/output: whether a closing fence line was found. */
  closed?: boolean;
  /** For hint segments: which hint. */
  hintType?: HintType;
  /** Free provenance: model name, endpoint name, sampling, time (never an API key). */
  meta?: Record<string, unknown>;
}

/** A segment as a scanner finds it, before it gets an id and an origin (parse.ts, scanTagged.ts). */
export type RawSegment = Pick<Segment, 'kind' | 'text' | 'lang' | 'closed'>;

export interface Trace {
  segments: Segment[];
}
