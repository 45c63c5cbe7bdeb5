/**
 * A trace profile: how one project's traces interleave reasoning, code and interpreter
 * output, as data. Parsing and rendering use `syntax` and the block formats today; the
 * generation loop and the executors read `continuation`, `execution` and `result` (phase 2).
 * Every fact names where it comes from in `sources` (repository + path).
 */
import type { TraceSyntax } from '../trace/syntax';

export type ProfileId = 'cort' | 'retool' | 'rstar2' | 'torl' | 'simpletir' | 'chat';

export const PROFILE_IDS: readonly ProfileId[] = ['cort', 'retool', 'rstar2', 'torl', 'simpletir', 'chat'];

/** Where a fact was read: a public repository and a file in it. */
export interface FactSource {
  repo: string;
  path: string;
  note?: string;
}

/** A block is written as `before + content + after`. */
export interface BlockTemplate {
  before: string;
  after: string;
}

/** How the model writes a code call. */
export type CodeFormat =
  /** Code between fixed texts (CoRT's fences, ReTool's <code>```python … ```</code>). */
  | ({ kind: 'template' } & BlockTemplate)
  /** Hermes-style JSON tool call: before + {"name": …, "arguments": {…}} + after (Python json.dumps spacing). */
  | ({ kind: 'tool-call'; tool: string; arguments: 'code' | 'code+input' } & BlockTemplate);

/**
 * Which program a call runs. 'cort' and 'notebook' are the execution semantics of src/core/exec;
 * 'fresh' (each block alone in a new interpreter, nothing carried over) is named here for
 * phase 2 to implement. `prelude` is code the harness puts before the block; `lastExpression`
 * what the harness does with a trailing expression.
 */
export interface ExecutionRule {
  semantics: 'cort' | 'notebook' | 'fresh' | 'none';
  prelude: string | null;
  lastExpression: 'ignored' | 'printed-repr' | 'value-if-no-stdout' | 'wrapped-in-print';
  timeoutSeconds: number | null;
}

/** `text.slice(0, head) + marker + text.slice(-tail)` when the length is over (or at, `inclusive`) `limit`. */
export interface TruncationRule {
  limit: number;
  inclusive: boolean;
  head: number;
  tail: number;
  marker: string;
}

/** How an execution's stdout / error become the output text (before the output template). */
export interface ResultRule {
  /**
   * 'stdout-else-error': stdout when the run succeeded, else the error text.
   * 'stdout-if-any-else-error': stdout whenever there is any (an error after printing is hidden).
   * 'error-over-stdout': the error text whenever stderr is non-empty, else stdout.
   * 'as-given': the tool's text as it came (chat).
   */
  pick: 'stdout-else-error' | 'stdout-if-any-else-error' | 'error-over-stdout' | 'as-given';
  /** 'traceback': the whole traceback; 'last-line': its last line only. */
  error: 'traceback' | 'last-line' | 'tool-report';
  /** ToRL: a result containing "Error" (anywhere, stdout too) keeps only its last line. */
  lastLineIfContains: string | null;
  strip: boolean;
  truncation: TruncationRule | null;
  /** The text for a time-out, or for an empty result where the project writes one. */
  timeout: string | null;
  emptyResult: string | null;
  /** SimpleTIR appends nothing at all when the run printed nothing. */
  omitEmpty: boolean;
}

/** How continuation works: stop strings sent to the server and what the harness writes back. */
export interface ContinuationRule {
  stop: string[];
  /** Whether the harness writes the matched stop string back into the text (CoRT, ReTool) or not. */
  reappendStop: boolean;
  /** SimpleTIR: the harness keeps a turn only up to its first code block (and strips the text before it). */
  cutAfterFirstCode: boolean;
  /** At most this many code calls per trace (null: set per run). */
  maxCalls: number | null;
  /** The end-of-turn token the model writes at the end of its answer, which chat templates write themselves (rStar2's <|im_end|>). */
  turnEnd: string | null;
}

/** Where the final answer is. */
export interface AnswerRule {
  /** The boundary token that opens the answer region (the segment kind 'think-end'), or null. */
  boundary: string | null;
  /** 'last-boxed': the last \boxed{} (CoRT, ToRL, SimpleTIR, rStar2 graders). */
  extract: 'last-boxed';
  /** Whether a box printed by code counts (SimpleTIR's final_answer() prints one). */
  searchOutputs: boolean;
}

/** What of an output segment is the interpreter's: the mask for training. */
export interface MaskRule {
  /** Text at the start of an output block that the model wrote (ToRL's stop string "```output"), so it is trained. */
  trainedPrefix: string | null;
}

/** The tool a code call becomes in chat-message exports (verl multi-turn, TRL, LLaMA-Factory, OpenRLHF). */
export interface ToolSpec {
  name: string;
  description: string;
  /** Which arguments a call carries: {code} or {code, input} (rStar2's stdin). */
  arguments: 'code' | 'code+input';
}

export interface TraceProfile {
  id: ProfileId;
  name: string;
  description: string;
  syntax: TraceSyntax;
  code: CodeFormat;
  output: BlockTemplate;
  continuation: ContinuationRule;
  execution: ExecutionRule;
  result: ResultRule;
  answer: AnswerRule;
  mask: MaskRule;
  tool: ToolSpec;
  /**
   * Whether the trace is the text after the generation prompt (which may have opened `<think>`),
   * as CoRT stores `gen`; false for chat traces, which hold the whole assistant text.
   */
  continuesPrompt: boolean;
  /** Fact name → where it was read. */
  sources: Record<string, FactSource>;
}
