/**
 * CoRT's generation loop (infer/inference_vllm_dp_mj.py; the RL rollout differs only in the
 * settings, see settings.ts), over any ModelClient and Executor. Rounds, not code calls, are
 * counted (CoRT's "epochs", including the calls already in the trace):
 *
 *   round r: prompt = rendered generation prompt + response so far
 *            stream a raw completion, stop "`\n" — except in the last round (r = max−1)
 *            text ends in "`\n" (the stop, re-appended) →
 *              cort: the round wrote ```python → run CoRT's program rebuilt from the whole
 *                    text; otherwise run the empty program; append
 *                    "```output\n" + result [+ [SYSTEM] notice if r = max−2] + "\n```\n"
 *              notebook: a code block just closed → run it in the sample's namespace
 *            otherwise → done (end of sequence, token budget, error or cancellation)
 *
 * Whether the completion stopped at "`\n": vLLM names the matched stop string in
 * `stop_reason` (`null` = end of sequence). Servers that send no `stop_reason` get judged
 * from the text: a finish with an open python block can only be the stop string.
 */
import type { Segment, Trace } from '../trace/types';
import { codeBody, makeOutputSegment, renderTrace, segmentIdMinter } from '../trace';
import { scanInContext, appendText } from './append';
import type { Executor, RunResult } from '../exec/types';
import { cortProgram, cortTraceView, CORT_OPEN, DEFAULT_EXECUTION_PROFILE, execModeOf, type ExecutionProfile } from '../exec/semantics';
import type { ChatTemplate } from '../template/types';
import { renderGenerationPrompt } from '../template/render';
import type { CompletionChunk, ModelClient } from './types';
import { isAbort } from './errors';
import { CODE_LIMIT_MESSAGE, CODE_STOP, CORT_DEFAULTS, type GenerationSettings } from './settings';

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
  /** How code runs (default cort). */
  semantics?: ExecutionProfile;
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

/** Whether `text`, appended to `trace`, ends inside an open python block. */
function endsInOpenCode(trace: Trace, text: string): boolean {
  const last = trace.segments.at(-1);
  const head = trace.segments.slice(0, -1);
  const lineStart = head.length === 0 || head[head.length - 1].text.endsWith('\n');
  const raws = scanInContext((last?.text ?? '') + text, lineStart, head.some((s) => s.kind === 'think-end'));
  const tail = raws.at(-1);
  return tail?.kind === 'code' && tail.closed === false;
}

/**
 * Rebuild a notebook namespace for `trace`: restart it, then run its code cells in order
 * (outputs ignored). The cort profile keeps no namespace, so there is nothing to rebuild.
 */
export async function replayCodeCells(session: ExecutorSession, trace: Trace, timeoutMs = CORT_DEFAULTS.callTimeoutMs, semantics: ExecutionProfile = 'notebook'): Promise<void> {
  if (semantics === 'cort') return;
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
function roundsUsed(trace: Trace, semantics: ExecutionProfile, context: string): number {
  if (semantics === 'notebook') return trace.segments.filter((s) => s.kind === 'output').length;
  return cortTraceView(context, trace).calls.filter((c) => c.recorded !== undefined).length;
}

export async function generate(start: Trace, options: GenerateOptions): Promise<GenerationResult> {
  const settings: GenerationSettings = { ...CORT_DEFAULTS, ...options.settings };
  const semantics = options.semantics ?? DEFAULT_EXECUTION_PROFILE;
  const { client, session, signal, tokenCounter } = options;
  const now = options.now ?? (() => new Date().toISOString());
  const mintId = options.mintId ?? segmentIdMinter(start);
  const emit = (text: string) => text && options.onText?.(text);
  const generationPrompt = renderGenerationPrompt(options.template, options.prompt);
  const sampling = { temperature: settings.temperature, top_p: settings.topP, max_tokens: settings.maxTokens, max_rounds: settings.maxRounds, model_length: settings.modelLength };
  const modelMeta = () => ({ model: settings.model, endpoint: client.endpointName, sampling, at: now() });
  const promptTokens = tokenCounter ? tokenCounter.count(generationPrompt) : 0;

  let trace = start;
  let round = roundsUsed(start, semantics, generationPrompt);
  let roundsThisRun = 0;
  let codeCalls = 0;
  let tokensUsed = 0;
  let usageComplete = true;
  const appendModelText = (text: string) => {
    // A continuation of a CRLF trace stays CRLF (output blocks keep CoRT's own "\n" format).
    // The model's bytes are kept as generated: converting its line endings would record text it never wrote.
    trace = appendText(trace, text, { origin: 'model', meta: modelMeta() }, mintId);
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

  /** What the call at the end of the trace runs; undefined when nothing runs (notebook, no block). */
  function callCode(roundText: string): { code: string; call: 'program' | 'empty' } | undefined {
    if (semantics === 'notebook') {
      const last = trace.segments.at(-1);
      return last?.kind === 'code' && last.closed ? { code: codeBody(last), call: 'program' } : undefined;
    }
    if (!roundText.includes(CORT_OPEN)) return { code: '', call: 'empty' };
    return { code: cortProgram(generationPrompt + renderTrace(trace)).program, call: 'program' };
  }

  /** Run the call that ends the trace and append its output; a result ends generation early. */
  async function runCall(code: string, call: 'program' | 'empty'): Promise<GenerationResult | undefined> {
    codeCalls++;
    const stopRun = () => session.executor.interrupt();
    signal?.addEventListener('abort', stopRun, { once: true });
    let result: RunResult;
    try {
      result = await session.executor.run(session.namespace, code, { timeoutMs: settings.callTimeoutMs, mode: execModeOf(semantics) });
    } catch (error) {
      return finish('error', `The interpreter failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      signal?.removeEventListener('abort', stopRun);
    }
    // A cell stopped by the user's cancel has no CoRT output; leave the code unanswered.
    if (signal?.aborted) return finish('cancelled');
    if (result.status === 'unavailable') {
      return finish('error', `${result.output} The output cannot be produced as CoRT's environment would; the code is left without an output.`);
    }
    let output = result.output;
    if (round === settings.maxRounds - 2) output += CODE_LIMIT_MESSAGE;
    const runMeta: Record<string, unknown> = { status: result.status, durationMs: Math.round(result.durationMs), at: now(), profile: semantics, round, maxRounds: settings.maxRounds, call };
    if (result.message) runMeta.message = result.message;
    if (result.full !== result.output) runMeta.full = result.full;
    const before = trace;
    const block = makeOutputSegment(output, { id: mintId(), origin: 'interpreter', meta: runMeta });
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

  // A closed code block at the end (written by the annotator) is the call of the round that wrote it.
  const pending = trace.segments.at(-1);
  if (pending?.kind === 'code' && pending.closed) {
    const roundText = semantics === 'cort' ? renderTrace(trace).slice(lastOutputEnd(trace)) : '';
    const planned = callCode(roundText);
    if (planned) {
      const ended = await runCall(planned.code, planned.call);
      if (ended) return ended;
      round++;
    }
  }

  for (;;) {
    if (signal?.aborted) return finish('cancelled');
    if (round >= settings.maxRounds) return finish('max-calls');
    const maxTokens = budget();
    if (maxTokens <= 0) return finish('max-tokens');
    const lastRound = round === settings.maxRounds - 1;

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
        stop: lastRound ? [] : [CODE_STOP],
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
      return finish('error', error instanceof Error ? error.message : String(error));
    }
    // Without usage, count streamed chunks (about one token each on vLLM) so the budget still ends the loop.
    if (reported === undefined) usageComplete = false;
    tokensUsed += reported ?? Math.max(chunks, 1);

    if (last?.finishReason === 'length') {
      appendModelText(text);
      return finish('max-tokens');
    }
    const stopped = !lastRound && (last?.stopReason === CODE_STOP || (last?.stopReason === undefined && endsInOpenCode(trace, text)));
    if (stopped) {
      text += CODE_STOP;
      emit(CODE_STOP);
    }
    appendModelText(text);
    // CoRT runs a call whenever the round's text ends in "`\n" — in the last round too, if it happens to.
    if (!text.endsWith(CODE_STOP)) return finish('eos');
    options.onTrace?.(trace);
    // The round is everything since the last output: a hint or the annotator's text written
    // before the model continued belongs to it (a Hint-1 opens the ```python block).
    const planned = callCode(renderTrace(trace).slice(lastOutputEnd(trace)));
    if (planned) {
      const ended = await runCall(planned.code, planned.call);
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
