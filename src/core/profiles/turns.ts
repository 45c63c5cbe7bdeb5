/**
 * A trace as chat turns: the model's text up to its code calls is an assistant turn carrying
 * those calls, each interpreter output a tool turn. One function serves every chat-shaped
 * export (verl multi-turn, TRL, LLaMA-Factory, OpenRLHF, the chat profile's own JSON).
 *
 * Text is never moved across a block: a trace whose structure cannot become turns (an output
 * with no call before it, a call that never ran, prose between a call and its output) is
 * refused with the reason, and the exporter holds the sample back.
 */
import type { Trace } from '../trace/types';
import type { TraceProfile } from './types';
import { codeContent, outputContent } from './blocks';

export interface ToolCallTurn {
  code: string;
  /** rStar2's stdin; null when the profile has none. */
  input: string | null;
  /** The tool the call names in the trace (chat traces); null: the profile's tool. */
  tool: string | null;
}

export type ChatTurn =
  | { role: 'assistant'; content: string; calls: ToolCallTurn[] }
  /** `tool`: the name of the tool whose call this answers (null: the profile's tool). */
  | { role: 'tool'; content: string; tool: string | null };

export type TurnsResult = { ok: true; turns: ChatTurn[] } | { ok: false; reason: string };

/** Thrown inside the walk; turned into a refusal at the end. */
class TurnsError extends Error {}

/**
 * Turns of `trace` under `profile`. `opener` is text the generation prompt already wrote for
 * the model (`<think>\n`): it starts the first assistant turn, as the model's turn starts.
 */
export function traceToTurns(trace: Trace, profile: TraceProfile, opener = ''): TurnsResult {
  const turns: ChatTurn[] = [];
  let pending = opener;
  let calls: ToolCallTurn[] = [];
  let answered = 0;
  let state: 'text' | 'calls' | 'results' = 'text';
  let at = 0;

  const flushCalls = () => {
    turns.push({ role: 'assistant', content: pending, calls });
    pending = '';
  };
  // SimpleTIR writes no output at all for a call that printed nothing: its result is empty.
  const silentResults = () => {
    flushCalls();
    for (const call of calls) turns.push({ role: 'tool', content: '', tool: call.tool });
    answered = calls.length;
  };
  const requireAnswered = () => {
    if (answered < calls.length) throw new TurnsError(`code call ${calls.length} before offset ${at} has no output`);
  };

  try {
    for (const seg of trace.segments) {
      if (seg.kind === 'code') {
        if (seg.closed === false) throw new TurnsError(`the code block at offset ${at} is not closed: it never ran`);
        const call = codeContent(seg, profile);
        if (!call) throw new TurnsError(`the code call at offset ${at} cannot be read (malformed tool call)`);
        if (state === 'results') {
          requireAnswered();
          calls = [];
          answered = 0;
        }
        calls.push({ code: call.code, input: call.input, tool: call.tool });
        state = 'calls';
      } else if (seg.kind === 'output') {
        if (state === 'text') throw new TurnsError(`the output at offset ${at} has no code call before it`);
        if (state === 'calls') {
          flushCalls();
          state = 'results';
        }
        answered += 1;
        if (answered > calls.length) throw new TurnsError(`the output at offset ${at} has no code call of its own`);
        turns.push({ role: 'tool', content: outputContent(seg, profile).result, tool: calls[answered - 1].tool });
      } else {
        if (state === 'calls') {
          if (/^\s*$/.test(seg.text)) {
            at += seg.text.length;
            continue; // whitespace between a call and its output: the template writes its own
          }
          if (!profile.result.omitEmpty) throw new TurnsError(`text at offset ${at} lies between a code call and its output`);
          silentResults();
          state = 'results';
        }
        if (state === 'results') {
          requireAnswered();
          calls = [];
          answered = 0;
          state = 'text';
        }
        pending += seg.text;
      }
      at += seg.text.length;
    }
    if (state === 'calls') {
      if (!profile.result.omitEmpty) throw new TurnsError('the last code call has no output: it never ran');
      silentResults();
    } else if (state === 'results') requireAnswered();
    else if (pending !== '') turns.push({ role: 'assistant', content: pending, calls: [] });
  } catch (err) {
    if (err instanceof TurnsError) return { ok: false, reason: err.message };
    throw err;
  }
  // The template closes the last turn with its own end token.
  const last = turns.at(-1);
  const end = profile.continuation.turnEnd;
  if (end && last?.role === 'assistant' && last.content.endsWith(end)) last.content = last.content.slice(0, -end.length);
  return { ok: true, turns };
}

/** The arguments object of a call as the profile's tool takes them. */
export function callArguments(call: ToolCallTurn, profile: TraceProfile): Record<string, string> {
  return profile.tool.arguments === 'code+input' ? { code: call.code, input: call.input ?? '' } : { code: call.code };
}

/** The schemas of the tools the turns call (the profile's tool when they call none), in order of first use. */
export function toolsOfTurns(turns: readonly ChatTurn[], profile: TraceProfile): Record<string, unknown>[] {
  const names = new Set<string>();
  for (const turn of turns) if (turn.role === 'assistant') for (const call of turn.calls) names.add(call.tool ?? profile.tool.name);
  if (names.size === 0) names.add(profile.tool.name);
  return [...names].map((name) => toolSchema(profile, name));
}

/** The tool's JSON schema in the OpenAI / Hugging Face `tools` form. */
export function toolSchema(profile: TraceProfile, name = profile.tool.name): Record<string, unknown> {
  const properties: Record<string, unknown> = { code: { type: 'string', description: 'The Python code to execute.' } };
  const required = ['code'];
  if (profile.tool.arguments === 'code+input') {
    properties.input = { type: 'string', description: 'Text provided to the code as standard input.' };
    required.push('input');
  }
  return {
    type: 'function',
    function: { name, description: profile.tool.description, parameters: { type: 'object', properties, required } },
  };
}
