/**
 * CoRT's generation loop (DESIGN.md §2), over any ModelClient and Executor:
 *
 *   prompt = rendered generation prompt + response so far
 *   stream a raw completion with stop "`\n"
 *   stopped at a code fence → re-append "`\n", run the code in the sample's namespace,
 *     append "```output\n" + result + "\n```\n" (plus CoRT's [SYSTEM] notice on the
 *     second-to-last allowed call), and go again
 *   otherwise → done (end of sequence, token budget, error or cancellation)
 *
 * Whether the completion stopped at the fence: vLLM names the matched stop string in
 * `stop_reason` (`null` = end of sequence). Servers that send no `stop_reason` get judged
 * from the text: a finish with an open python block can only be the stop string, since a
 * model does not end its turn mid-code.
 *
 * Code calls are counted over the whole trace (an imported trace may already have some).
 * Call number `maxCodeCalls - 1` gets the [SYSTEM] notice; calls up to `maxCodeCalls` run;
 * a code block beyond that is kept unrun and generation ends with 'max-calls'.
 */
import type { Segment, Trace } from '../trace/types';
import { codeBody, makeOutputSegment, renderTrace, segmentIdMinter } from '../trace';
import { scanInContext, appendText } from './append';
import { conformToTrace } from '../hints/lineEndings';
import type { Executor } from '../exec/types';
import type { ChatTemplate } from '../template/types';
import { renderGenerationPrompt } from '../template/render';
import type { CompletionChunk, ModelClient } from './types';
import { isAbort } from './errors';
import { CODE_LIMIT_MESSAGE, CODE_STOP, CORT_DEFAULTS, type GenerationSettings } from './settings';

export type GenerationFinish = 'eos' | 'max-tokens' | 'max-calls' | 'cancelled' | 'error';

export interface GenerationSummary {
  /** Completion tokens used, when the server reported usage for every request. */
  tokens?: number;
  /** Code calls run by this generation. */
  codeCalls: number;
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

/** Closed code segments: the code calls a trace already made. */
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

/** Rebuild a namespace for `trace`: restart it, then run its code cells in order (outputs ignored). */
export async function replayCodeCells(session: ExecutorSession, trace: Trace, timeoutMs = CORT_DEFAULTS.callTimeoutMs): Promise<void> {
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

export async function generate(start: Trace, options: GenerateOptions): Promise<GenerationResult> {
  const settings: GenerationSettings = { ...CORT_DEFAULTS, ...options.settings };
  const { client, session, signal } = options;
  const now = options.now ?? (() => new Date().toISOString());
  const mintId = options.mintId ?? segmentIdMinter(start);
  const emit = (text: string) => text && options.onText?.(text);
  const generationPrompt = renderGenerationPrompt(options.template, options.prompt);
  const sampling = { temperature: settings.temperature, top_p: settings.topP, max_tokens: settings.maxTokens };
  const modelMeta = () => ({ model: settings.model, endpoint: client.endpointName, sampling, at: now() });

  let trace = start;
  // A closed code block still waiting at the end is counted when it runs, not here.
  const pendingAtStart = start.segments.at(-1)?.kind === 'code' && start.segments.at(-1)?.closed === true;
  let callsInTrace = countCodeCalls(start) - (pendingAtStart ? 1 : 0);
  let codeCalls = 0;
  let tokensUsed = 0;
  let usageComplete = true;
  const appendModelText = (text: string) => {
    // A continuation of a CRLF trace stays CRLF (output blocks keep CoRT's own "\n" format).
    trace = appendText(trace, conformToTrace(trace, text), { origin: 'model', meta: modelMeta() }, mintId);
  };
  const finish = (how: GenerationFinish, error?: string): GenerationResult => {
    const summary: GenerationSummary = { codeCalls, finish: how };
    if (usageComplete) summary.tokens = tokensUsed;
    if (error) summary.error = error;
    options.onTrace?.(trace);
    return { trace, summary };
  };

  /** Run the code block that ends the trace and append its output; a result ends generation early. */
  async function runCodeCall(code: Segment): Promise<GenerationResult | undefined> {
    if (callsInTrace >= settings.maxCodeCalls) return finish('max-calls');
    callsInTrace++;
    codeCalls++;
    const stopRun = () => session.executor.interrupt();
    signal?.addEventListener('abort', stopRun, { once: true });
    let output: string;
    let runMeta: Record<string, unknown>;
    try {
      const result = await session.executor.run(session.namespace, codeBody(code), { timeoutMs: settings.callTimeoutMs });
      output = result.output;
      runMeta = { status: result.status, durationMs: Math.round(result.durationMs), at: now() };
      if (result.message) runMeta.message = result.message;
      if (result.full !== result.output) runMeta.full = result.full;
    } catch (error) {
      return finish('error', `The interpreter failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      signal?.removeEventListener('abort', stopRun);
    }
    // A cell stopped by the user's cancel has no CoRT output; leave the code unanswered.
    if (signal?.aborted) return finish('cancelled');
    if (callsInTrace === settings.maxCodeCalls - 1) output += CODE_LIMIT_MESSAGE;
    const block = makeOutputSegment(output, { id: mintId(), origin: 'interpreter', meta: runMeta });
    trace = { segments: [...trace.segments, block] };
    emit(block.text);
    options.onTrace?.(trace);
    return undefined;
  }

  for (;;) {
    if (signal?.aborted) return finish('cancelled');
    // A closed code block at the end (just generated, or written by the annotator) runs first.
    const pending = trace.segments.at(-1);
    if (pending?.kind === 'code' && pending.closed) {
      const ended = await runCodeCall(pending);
      if (ended) return ended;
      continue;
    }
    const budget = settings.maxTokens - tokensUsed;
    if (budget <= 0) return finish('max-tokens');

    let text = '';
    let last: CompletionChunk | undefined;
    let reported: number | undefined;
    let chunks = 0;
    try {
      const stream = client.complete({
        prompt: generationPrompt + renderTrace(trace),
        model: settings.model,
        temperature: settings.temperature,
        top_p: settings.topP,
        max_tokens: budget,
        stop: [CODE_STOP],
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
    const stoppedAtFence =
      last?.stopReason === CODE_STOP || (last?.stopReason === undefined && endsInOpenCode(trace, text));
    if (!stoppedAtFence) {
      appendModelText(text);
      return finish('eos');
    }
    // "`\n" may also have ended inline code at the end of a prose line: then nothing runs and
    // the next round simply continues the text.
    appendModelText(text + CODE_STOP);
    emit(CODE_STOP);
    options.onTrace?.(trace);
  }
}
