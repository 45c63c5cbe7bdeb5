/**
 * Chat messages with tool calls, the shape shared by verl's multi-turn SFT dataset, TRL, and
 * OpenRLHF's --multiturn: assistant turns carry `tool_calls` (arguments as an object, as the
 * Qwen and Hermes templates render them with `tojson`), interpreter outputs are `tool` turns,
 * which those trainers never compute a loss on.
 */
import type { PreparedSample } from '../prepared';
import { promptOpener } from '../prepared';
import { callArguments, toolsOfTurns, traceToTurns, type ChatTurn } from '../../profiles/turns';
import type { TraceProfile } from '../../profiles/types';

export interface ToolCallMessage {
  type: 'function';
  function: { name: string; arguments: Record<string, string> };
}

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant' | 'tool';
  content: string;
  tool_calls?: ToolCallMessage[];
  /** The tool's name on a tool turn (TRL's documented form). */
  name?: string;
}

export function turnMessages(turns: readonly ChatTurn[], profile: TraceProfile, options: { toolName?: boolean } = {}): ChatMessage[] {
  return turns.map((turn): ChatMessage => {
    if (turn.role === 'tool') return options.toolName ? { role: 'tool', name: turn.tool ?? profile.tool.name, content: turn.content } : { role: 'tool', content: turn.content };
    const message: ChatMessage = { role: 'assistant', content: turn.content };
    if (turn.calls.length > 0) {
      message.tool_calls = turn.calls.map((call) => ({ type: 'function', function: { name: call.tool ?? profile.tool.name, arguments: callArguments(call, profile) } }));
    }
    return message;
  });
}

export type SampleMessages = { ok: true; messages: ChatMessage[]; tools: Record<string, unknown>[] } | { ok: false; reason: string };

/** (The system prompt,) the user prompt, then the trace's turns; the first assistant turn starts with the prompt's opener. */
export function sampleMessages(p: PreparedSample, options: { toolName?: boolean } = {}): SampleMessages {
  const turns = traceToTurns(p.sample.trace, p.profile, promptOpener(p));
  if (!turns.ok) return { ok: false, reason: `cannot be written as chat turns: ${turns.reason}` };
  // A system prompt comes with imported chat conversations (record.system).
  const system: ChatMessage[] = typeof p.sample.record.system === 'string' ? [{ role: 'system', content: p.sample.record.system }] : [];
  return {
    ok: true,
    messages: [...system, { role: 'user', content: p.sample.prompt }, ...turnMessages(turns.turns, p.profile, options)],
    tools: toolsOfTurns(turns.turns, p.profile),
  };
}
