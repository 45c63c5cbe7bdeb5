/**
 * The generation loop of a trace profile, over any ModelClient and Executor: CoRT's
 * (infer/inference_vllm_dp_mj.py; the RL rollout differs only in the settings, see
 * settings.ts), ToRL's, ReTool's, SimpleTIR's and rStar2's, from the profile's `continuation`.
 * Rounds (model requests), not code calls, are counted, including the calls already in the
 * trace (CoRT's "epochs"):
 *
 *   round r: prompt = rendered generation prompt + response so far
 *            stream a raw completion with the profile's stop strings — none in the last round
 *            of a 'no-stop' profile (r = max−1)
 *            the round made a call →
 *              stop profiles (CoRT "`\n", ReTool "</code>" re-appended; ToRL "```output" not):
 *                the round stopped at the stop string;
 *              SimpleTIR: the turn, cut after its first code block, holds one;
 *              rStar2: the turn ended (its <|im_end|> written back) holding a tool call;
 *            then run the call's program under the semantics (cort: CoRT's program rebuilt
 *            from the whole text, or the empty one; notebook: the cell; fresh: the harness's
 *            program of the turn) and append the profile's output block [+ its notice at
 *            r = max−2]; nothing when the profile appends nothing (SimpleTIR, nothing printed)
 *            otherwise → done (end of sequence, token budget, error or cancellation)
 *
 * Whether the completion stopped at a stop string: vLLM names it in `stop_reason` (`null` =
 * end of sequence). Servers that send no `stop_reason` get judged from the text: a finish
 * that leaves a code block open (CoRT, ReTool) or ends right after a closed one (ToRL) can
 * only be the stop string.
 */
import type { Segment, Trace } from '../trace/types';
import { codeBody, renderTrace, segmentIdMinter } from '../trace';
import { scanInContext, appendText } from './append';
import type { Executor, RunResult } from '../exec/types';
import { cortProgram, cortTraceView, CORT_OPEN, DEFAULT_PROJECT_SEMANTICS, execModeOf, freshTraceView, semanticsFor, torlProgram, type ExecutionSemantics } from '../exec/semantics';
import { profileOutputSegment } from '../exec/apply';
import { profileResult } from '../exec/profileResult';
import { CORT_PROFILE } from '../profiles/builtin';
import type { TraceProfile } from '../profiles/types';
import type { ChatTemplate } from '../template/types';
import { renderGenerationPrompt } from '../template/render';
import type { CompletionChunk, ModelClient } from './types';
import { isAbort } from './errors';
import { CORT_DEFAULTS, type GenerationSettings } from './settings';
import { cutAfterFirstBlock } from './cut';
import { errorText } from '../util';

export type GenerationFinish = 'eos' | 'max-tokens' | 'max-calls' | 'cancelled' | 'error';

export interface GenerationSummary {
  /** Completion tokens used, when the server reported usage for every request. */
  tokens?: number;
  /** Code calls run by this generation (empty-program calls included). */
  codeCalls: number;
  /** Model requests (CoRT's rounds) made by this generation. */
  rounds?: number;
  finish: GenerationFinish;
  error?: string;
}

export interface GenerationResult {
  trace: Trace;
  summary: GenerationSummary;
}

/** An executor and the namespace a trace's code runs in (the studio uses the sample id). */
export interface ExecutorSession {
  executor: Executor;
  namespace: string;
}

export interface GenerateOptions {
  client: ModelClient;
  session: ExecutorSession;
  template: ChatTemplate;
  /** The user prompt (problem + CoRT's instruction), rendered through `template`. */
  prompt: string;
  settings: Partial<GenerationSettings> & Pick<GenerationSettings, 'model'>;
  /**
   * How code runs for a CoRT-syntax trace: cort (default) or notebook, the project's choice.
   * Other trace profiles run under their own semantics (`profile.execution.semantics`).
   */
  semantics?: ExecutionSemantics;
  /** The sample's trace profile (default CoRT): stop strings, calls, outputs, rounds. */
  profile?: TraceProfile;
  /** Counts prompt + response for the token budget (the model's tokenizer when loaded). */
  tokenCounter?: { count(text: string): number };
  signal?: AbortSignal;
  /** Every piece of text as it joins the response, in order: model tokens, re-appended stop strings, output blocks. */
  onText?: (text: string) => void;
  /** The trace after each completed step (model text appended, output appended). */
  onTrace?: (trace: Trace) => void;
  /** Ids for new segments; pass a sample-wide minter so they never meet a branch's. */
  mintId?: () => string;
  /** Clock for provenance (`meta.at`). */
  now?: () => string;
}

/** Closed code segments: the code calls a notebook trace already made. */
export function countCodeCalls(trace: Trace): number {
  return trace.segments.filter((s) => s.kind === 'code' && s.closed).length;
}

/** The last raw segment of `text` appended to `trace`, as the profile's syntax reads it. */
function tailAfter(trace: Trace, text: string, profile: TraceProfile) {
  const last = trace.segments.at(-1);
  const head = trace.segments.slice(0, -1);
  const lineStart = head.length === 0 || head[head.length - 1].text.endsWith('\n');
  const raws = scanInContext((last?.text ?? '') + text, lineStart, head.some((s) => s.kind === 'think-end'), profile.syntax);
  return raws.findLast((r) => r.kind !== 'prose' || /\S/.test(r.text));
}

/**
 * Without `stop_reason`: whether the text can only have ended at the stop string — a code
 * block left open that the stop closes (CoRT, ReTool), or a closed block right before where
 * ToRL's model writes ```output.
 */
function endsAtStop(trace: Trace, text: string, profile: TraceProfile): boolean {
  const tail = tailAfter(trace, text, profile);
  if (profile.continuation.reappendStop) return tail?.kind === 'code' && tail.closed === false;
  return tail?.kind === 'code' && tail.closed !== false;
}

/**
 * Rebuild a notebook namespace for `trace`: restart it, then run its code cells in order
 * (outputs ignored). The other semantics keep no namespace, so there is nothing to rebuild.
 */
export async function replayCodeCells(session: ExecutorSession, trace: Trace, timeoutMs = CORT_DEFAULTS.callTimeoutMs, semantics: ExecutionSemantics = 'notebook'): Promise<void> {
  if (semantics !== 'notebook') return;
  await session.executor.restart(session.namespace);
  for (const seg of trace.segments) {
    if (seg.kind === 'code' && seg.closed) await session.executor.run(session.namespace, codeBody(seg), { timeoutMs });
  }
}

function markIncomplete(trace: Trace): Trace {
  const last = trace.segments.at(-1);
  if (!last) return trace;
  const marked: Segment = { ...last, meta: { ...last.meta, incomplete: true } };
  return { segments: [...trace.segments.slice(0, -1), marked] };
}

/** Calls the trace already made: they used rounds (CoRT counts epochs from the start of the trace). */
function roundsUsed(trace: Trace, semantics: ExecutionSemantics, context: string, profile: TraceProfile): number {
  if (semantics === 'cort') return cortTraceView(context, trace).calls.filter((c) => c.recorded !== undefined).length;
  if (semantics === 'fresh') return freshTraceView(trace, profile).calls.filter((c) => c.recorded !== undefined).length;
  return trace.segments.filter((s) => s.kind === 'output').length;
}

/** What a call runs: the program, its stdin, or a text the harness appends without running. */
interface PlannedCall {
  code: string;
  call: 'program' | 'empty';
  stdin?: string;
  fixedResult?: string;
}

export async function generate(start: Trace, options: GenerateOptions): Promise<GenerationResult> {
  const settings: GenerationSettings = { ...CORT_DEFAULTS, ...options.settings };
  const profile = options.profile ?? CORT_PROFILE;
  const project = options.semantics === 'notebook' ? 'notebook' : DEFAULT_PROJECT_SEMANTICS;
  const semantics = semanticsFor(profile, project);
  const rule = profile.continuation;
  const maxRounds = rule.maxRounds ?? settings.maxRounds;
  const { client, session, signal, tokenCounter } = options;
  const now = options.now ?? (() => new Date().toISOString());
  const mintId = options.mintId ?? segmentIdMinter(start);
  const emit = (text: string) => text && options.onText?.(text);
  const generationPrompt = renderGenerationPrompt(options.template, options.prompt);
  const sampling = { temperature: settings.temperature, top_p: settings.topP, max_tokens: settings.maxTokens, max_rounds: maxRounds, model_length: settings.modelLength };
  const modelMeta = () => ({ model: settings.model, endpoint: client.endpointName, sampling, at: now() });
  const promptTokens = tokenCounter ? tokenCounter.count(generationPrompt) : 0;

  let trace = start;
  let round = roundsUsed(start, semantics, generationPrompt, profile);
  let roundsThisRun = 0;
  let codeCalls = 0;
  let tokensUsed = 0;
  let usageComplete = true;
  const appendModelText = (text: string) => {
    // A continuation of a CRLF trace stays CRLF (output blocks keep the profile's own "\n" format).
    // The model's bytes are kept as generated: converting its line endings would record text it never wrote.
    trace = appendText(trace, text, { origin: 'model', meta: modelMeta() }, mintId, profile.syntax);
  };
  const finish = (how: GenerationFinish, error?: string): GenerationResult => {
    const summary: GenerationSummary = { codeCalls, rounds: roundsThisRun, finish: how };
    if (usageComplete) summary.tokens = tokensUsed;
    if (error) summary.error = error;
    options.onTrace?.(trace);
    return { trace, summary };
  };
  /** Tokens of prompt + response so far, as the server will count them; undefined without a counter. */
  const contextTokens = () => (tokenCounter ? promptTokens + tokenCounter.count(renderTrace(trace)) : undefined);

  if (semantics === 'none') return finish('error', `${profile.name} traces are written by another tool's loop: the studio does not continue them.`);

  /** What the call at the end of the trace runs; undefined when nothing runs. `roundText`: the text since the last output. */
  function plannedCall(roundText: string): PlannedCall | undefined {
    if (semantics === 'notebook') {
      const last = trace.segments.at(-1);
      return last?.kind === 'code' && last.closed ? { code: codeBody(last), call: 'program' } : undefined;
    }
    if (semantics === 'cort') {
      if (!roundText.includes(CORT_OPEN)) return { code: '', call: 'empty' };
      return { code: cortProgram(generationPrompt + renderTrace(trace)).program, call: 'program' };
    }
    // fresh: ToRL runs the turn's last block (none: no call, the loop goes on); the others the call at the end.
    if (profile.execution.program === 'last-block') {
      const program = torlProgram(roundText);
      return program === '' ? undefined : { code: program, call: 'program' };
    }
    const pending = freshTraceView(trace, profile).calls.findLast((c) => c.recorded === undefined);
    if (!pending) return undefined;
    const planned: PlannedCall = { code: pending.program, call: 'program' };
    if (pending.stdin !== undefined) planned.stdin = pending.stdin;
    if (pending.fixedResult !== undefined) planned.fixedResult = pending.fixedResult;
    return planned;
  }

  /** Run the call that ends the trace and append its output; a result ends generation early. */
  async function runCall(planned: PlannedCall): Promise<GenerationResult | undefined> {
    codeCalls++;
    let result: RunResult;
    if (planned.fixedResult !== undefined) {
      result = { status: 'ok', output: planned.fixedResult, full: planned.fixedResult, durationMs: 0 };
    } else {
      const stopRun = () => session.executor.interrupt();
      signal?.addEventListener('abort', stopRun, { once: true });
      try {
        const runOptions = { timeoutMs: settings.callTimeoutMs, mode: execModeOf(semantics, profile), ...(planned.stdin === undefined ? {} : { stdin: planned.stdin }) };
        result = profileResult(await session.executor.run(session.namespace, planned.code, runOptions), profile);
      } catch (error) {
        return finish('error', `The interpreter failed: ${errorText(error)}`);
      } finally {
        signal?.removeEventListener('abort', stopRun);
      }
    }
    // A cell stopped by the user's cancel has no output the harness would write; leave the code unanswered.
    if (signal?.aborted) return finish('cancelled');
    if (result.status === 'unavailable') {
      return finish('error', `${result.output} The output cannot be produced as ${profile.name}'s environment would; the code is left without an output.`);
    }
    if (result.omitted) {
      // SimpleTIR appends nothing when the code printed nothing.
      options.onTrace?.(trace);
      return undefined;
    }
    let output = result.output;
    if (rule.finalNotice && round === maxRounds - 2) output += rule.finalNotice;
    const runMeta: Record<string, unknown> = { status: result.status, durationMs: Math.round(result.durationMs), at: now(), profile: semantics, round, maxRounds, call: planned.call };
    if (profile.id !== 'cort') runMeta.traceProfile = profile.id;
    if (result.message) runMeta.message = result.message;
    if (result.full !== result.output) runMeta.full = result.full;
    const before = trace;
    const block = profileOutputSegment(output, profile, { id: mintId(), origin: 'interpreter', meta: runMeta });
    trace = { segments: [...trace.segments, block] };
    if (settings.budget === 'rl' && tokenCounter && settings.responseLength - tokenCounter.count(renderTrace(trace)) <= 0) {
      // CoRT's RL rollout: an output that leaves no room is dropped and the sequence ends.
      trace = before;
      return finish('max-tokens');
    }
    emit(block.text);
    options.onTrace?.(trace);
    return undefined;
  }

  /** max_tokens of the next request, as CoRT computes it; ≤ 0 means no room is left. */
  function budget(): number {
    if (settings.budget === 'rl') {
      const used = tokenCounter ? tokenCounter.count(renderTrace(trace)) : tokensUsed;
      return settings.responseLength - used;
    }
    const used = contextTokens() ?? tokensUsed;
    return Math.min(settings.maxTokens, settings.modelLength - used);
  }

  /** Text written back by the harness after the model's text (a stop string, ToRL's "\n", a turn end), emitted as it joins. */
  const writeBack = (text: string, extra: string) => {
    emit(extra);
    return text + extra;
  };

  // A closed code block at the end (written by the annotator) is the call of the round that wrote it.
  const pending = trace.segments.at(-1);
  if (pending?.kind === 'code' && pending.closed) {
    const planned = plannedCall(renderTrace(trace).slice(lastOutputEnd(trace)));
    if (planned) {
      const ended = await runCall(planned);
      if (ended) return ended;
      round++;
    }
  }

  for (;;) {
    if (signal?.aborted) return finish('cancelled');
    if (round >= maxRounds) return finish('max-calls');
    const maxTokens = budget();
    if (maxTokens <= 0) return finish('max-tokens');
    const lastRound = round === maxRounds - 1;
    const stops = lastRound && rule.lastRound === 'no-stop' ? [] : rule.stop;

    let text = '';
    let last: CompletionChunk | undefined;
    let reported: number | undefined;
    let chunks = 0;
    roundsThisRun++;
    try {
      const stream = client.complete({
        prompt: generationPrompt + renderTrace(trace),
        model: settings.model,
        temperature: settings.temperature,
        top_p: settings.topP,
        max_tokens: maxTokens,
        stop: [...stops],
        signal,
      });
      for await (const chunk of stream) {
        text += chunk.text;
        emit(chunk.text);
        if (chunk.text) chunks++;
        if (chunk.completionTokens !== undefined) reported = chunk.completionTokens;
        if (chunk.finishReason) last = chunk;
      }
    } catch (error) {
      // Keep what arrived; the last segment is marked incomplete so nobody mistakes it for a finished answer.
      if (text) {
        appendModelText(text);
        trace = markIncomplete(trace);
      }
      if (isAbort(error) || signal?.aborted) return finish('cancelled');
      return finish('error', errorText(error));
    }
    // Without usage, count streamed chunks (about one token each on vLLM) so the budget still ends the loop.
    if (reported === undefined) usageComplete = false;
    tokensUsed += reported ?? Math.max(chunks, 1);

    const length = last?.finishReason === 'length';
    const matched = typeof last?.stopReason === 'string' && stops.includes(last.stopReason) ? last.stopReason : undefined;
    const stopped = !length && stops.length > 0 && (matched !== undefined || (last?.stopReason === undefined && endsAtStop(trace, text, profile)));
    const roundStart = lastOutputEnd(trace);

    if (rule.cutAfterFirstCode) {
      // SimpleTIR keeps the turn only up to its first code block, the text before it stripped.
      const cut = cutAfterFirstBlock(renderTrace(trace).slice(roundStart), text);
      text = cut.kept;
      appendModelText(text);
      options.onTrace?.(trace);
      if (!cut.block) return finish(length ? 'max-tokens' : 'eos');
      if (lastRound && rule.lastRound === 'no-call') return finish('max-calls');
      const planned = plannedCall(renderTrace(trace).slice(roundStart));
      if (planned) {
        const ended = await runCall(planned);
        if (ended) return ended;
      }
      // SimpleTIR stops once a box is written, or printed.
      if (text.includes('\\boxed{') || (trace.segments.at(-1)?.kind === 'output' && trace.segments.at(-1)!.text.includes('\\boxed{'))) return finish('eos');
      round++;
      continue;
    }

    if (length) {
      appendModelText(text);
      return finish('max-tokens');
    }
    if (stopped) {
      if (rule.reappendStop && matched !== undefined) text = writeBack(text, matched);
      else if (rule.reappendStop) text = writeBack(text, rule.stop[0]!);
      // ToRL's harness ends the turn's line before its "```output".
      else if (!text.endsWith('\n')) text = writeBack(text, '\n');
    } else if (rule.turnEnd) {
      text = writeBack(text, rule.turnEnd);
    }
    appendModelText(text);

    // Stop profiles call when the round stopped. CoRT decides from the text (`output.endswith(stop)`,
    // in the last round too); ToRL and ReTool from stop_reason. rStar2 calls when the turn holds a tool call.
    const callsAtStop = rule.stop.length > 0;
    const madeCall = !callsAtStop || (profile.id === 'cort' ? rule.stop.some((s) => text.endsWith(s)) : stopped);
    if (!madeCall) return finish('eos');
    // The round is everything since the last output: a hint or the annotator's text written
    // before the model continued belongs to it (a Hint-1 opens the code block).
    const planned = plannedCall(renderTrace(trace).slice(roundStart));
    if (!callsAtStop && !planned) return finish('eos');
    if (!callsAtStop && lastRound && rule.lastRound === 'no-call') return finish('max-calls');
    options.onTrace?.(trace);
    if (planned) {
      const ended = await runCall(planned);
      if (ended) return ended;
    }
    round++;
    if (lastRound) return finish('max-calls');
  }
}

/** Offset in the rendered trace just past its last output block (where the current round began). */
function lastOutputEnd(trace: Trace): number {
  let at = 0;
  let end = 0;
  for (const seg of trace.segments) {
    at += seg.text.length;
    if (seg.kind === 'output') end = at;
  }
  return end;
}
