/**
 * A trace profile: how one project's traces interleave reasoning, code and interpreter
 * output, as data — its markers (parse, render, masks), how generation stops and continues,
 * which program a call runs (`execution.semantics`, see ExecutionSemantics) and how a run
 * becomes the output text. Every fact names where it comes from in `sources`.
 *
 * Two words, two things: a *trace profile* (this file: cort, retool, rstar2, torl, simpletir,
 * chat) is a whole project's format; its *execution semantics* (cort | notebook | fresh |
 * none) is only which program a code call runs. The project setting `semantics` chooses
 * between cort and notebook for the profiles whose semantics is cort.
 */
import type { TraceSyntax } from '../trace/syntax';

/** The profiles the studio ships (src/core/profiles/builtin.ts). */
export type BuiltinProfileId = 'cort' | 'retool' | 'rstar2' | 'torl' | 'simpletir' | 'chat';

/**
 * A profile's id: a built-in's, or a project's own (custom profiles, Settings or `--profiles`).
 * Resolved against a ProfileRegistry, never assumed to be one of the built-ins.
 */
export type TraceProfileId = string;

export const TRACE_PROFILE_IDS: readonly BuiltinProfileId[] = ['cort', 'retool', 'rstar2', 'torl', 'simpletir', 'chat'];

/** The profiles a project knows: the built-ins, then its own. Passed wherever an id is resolved. */
export type ProfileRegistry = readonly TraceProfile[];

/**
 * Which program a code call runs:
 * - cort: CoRT's replay — the program rebuilt from the whole text so far at every call, run in
 *   fresh globals (DESIGN.md §2a, src/core/exec/semantics);
 * - notebook: the cell as written, in one live namespace per sample;
 * - fresh: each call alone in a fresh interpreter, nothing carried over (ToRL, SimpleTIR,
 *   ReTool, rStar2's standard-io tool); `program` says which code of the turn runs;
 * - none: the studio runs nothing (chat traces: the tool is someone else's).
 */
export type ExecutionSemantics = 'cort' | 'notebook' | 'fresh' | 'none';

export const EXECUTION_SEMANTICS: readonly ExecutionSemantics[] = ['cort', 'notebook', 'fresh', 'none'];

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

/** How a project's harness runs code (src/core/exec runs it the same way). */
export interface ExecutionRule {
  semantics: ExecutionSemantics;
  /**
   * fresh: which code of the turn (the text since the previous output) a call runs:
   * - 'own-block': the call's own code block (rStar2's tool call);
   * - 'own-block-stripped': the same, Python-stripped (SimpleTIR: `match.group(1).strip()` of its
   *   regex, and the turn is cut after that first block);
   * - 'last-block': the turn's last ```python block as ToRL's extract_program(last_only=True)
   *   finds it (an opening line starting or ending with ```python, closed by a line starting
   *   with ```; each line kept with its "\n");
   * - 'after-last-fence': ReTool's eval: the turn's text after its last "```python", every
   *   "```" removed, stripped.
   * Ignored by the other semantics.
   */
  program: 'own-block' | 'own-block-stripped' | 'last-block' | 'after-last-fence';
  /**
   * How one program runs: 'exec' — `exec(program, {})` in a worker with `input(`/`os.system(`
   * refused and timeout_decorator's alarm (CoRT's and ReTool's executors, both ToRA's);
   * 'script' — a fresh `python` process on the program (ToRL's, SimpleTIR's and rStar2's
   * sandboxes): `__name__ == "__main__"`, stdout and stderr kept apart.
   */
  runner: 'exec' | 'script';
  /** Code the harness puts before the call's code (SimpleTIR's final_answer()). */
  prelude: string | null;
  /** What happens to a trailing expression: nothing, or rStar2's executor prints its repr. */
  lastExpression: 'ignored' | 'printed-repr';
  /** What the harness appends without running anything when a call has no code (ReTool's eval: "None"); null: the empty program runs. */
  emptyProgram: string | null;
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
   * 'tool-report': rStar2's code-judge report ("Tool call success|failure", "stdout: …",
   *   "stderr: …", "execution time: …s"; a failure's reason and the time are the sandbox's).
   * 'as-given': the tool's text as it came (chat).
   */
  pick: 'stdout-else-error' | 'stdout-if-any-else-error' | 'error-over-stdout' | 'tool-report' | 'as-given';
  /** 'traceback': the whole traceback; 'last-line': its last line only. */
  error: 'traceback' | 'last-line' | 'tool-report';
  /** ToRL: a result containing "Error" (anywhere, stdout too) keeps only its last line. */
  lastLineIfContains: string | null;
  strip: boolean;
  truncation: TruncationRule | null;
  /** The text for a time-out the harness had to enforce from outside (the code did not stop). */
  timeout: string | null;
  /** The text replacing a result that is blank after stripping (ToRL: timeout_decorator's text). */
  emptyResult: string | null;
  /**
   * The text when the code ran clean and printed nothing at all. ReTool's executor then re-runs
   * `code[:-1]` to evaluate the last line, but passes a list of lines where a string is
   * expected: "TypeError: expected string or buffer", whatever the code.
   */
  nothingPrinted: string | null;
  /** SimpleTIR appends nothing at all when the run printed nothing. */
  omitEmpty: boolean;
}

/**
 * How continuation works: stop strings sent to the server and what the harness writes back.
 * A call is made when a round stops at a stop string (CoRT, ToRL, ReTool), when the turn ends
 * holding a code call (rStar2: no stop strings), or after the cut (SimpleTIR).
 */
export interface ContinuationRule {
  /** Stop strings of every round but the last ('no-stop' profiles send none then). */
  stop: string[];
  /** Whether the harness writes the matched stop string back into the text (CoRT, ReTool) or not. */
  reappendStop: boolean;
  /** SimpleTIR: the harness keeps a turn only up to its first code block (and strips the text before it). */
  cutAfterFirstCode: boolean;
  /**
   * Model requests (rounds) per trace, counting the calls already in it: CoRT's max_func_call,
   * ToRL's num_llm_calls_available + 1, SimpleTIR's max_turns, rStar2's max_assistant_turns.
   * null: the project's setting (Settings → sampling, CoRT's default 15).
   */
  maxRounds: number | null;
  /** The last round: 'no-stop' — sent without stop strings (CoRT, ToRL); 'no-call' — its code is not run (SimpleTIR, rStar2). */
  lastRound: 'no-stop' | 'no-call';
  /** Appended to the output of round maxRounds − 2 (CoRT's [SYSTEM] notice); null: nothing. */
  finalNotice: string | null;
  /**
   * The end-of-sequence token the server leaves out of the text, which the harness writes back
   * when a turn ends (rStar2's <|im_end|> after every turn; ToRL's eos once, at the end).
   */
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
  /**
   * Whether a finished trace has the boundary exactly once (CoRT's thinking ends with
   * </think>; ReTool and rStar2 end with <answer>); otherwise at most once (ToRL's and
   * SimpleTIR's base models never think in tags).
   */
  boundaryRequired: boolean;
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
  id: TraceProfileId;
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
