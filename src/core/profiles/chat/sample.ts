/**
 * A chat record (one JSONL line of OpenAI or Anthropic messages) as a sample of the chat
 * profile, and back. Kept out of profiles/index so the importer can use profiles without a cycle.
 */
import type { Sample } from '../../sample/types';
import { makeImportedSample } from '../../import/makeSample';
import { problemFromCortPrompt } from '../../import/cortPrompt';
import { CHAT_PROFILE } from '../builtin';
import type { TraceProfile } from '../types';
import { chatTrace, readChatRecord, writeAnthropic, writeOpenAI, type ChatStyle } from './messages';

export { ChatRecordError, readChatRecord, writeOpenAI, writeAnthropic, styleOf, chatTrace, type ChatStyle, type ChatConversation } from './messages';

/** Whether a JSON record looks like a chat conversation with tool calls (for format sniffing). */
export function isChatRecord(record: unknown): boolean {
  if (typeof record !== 'object' || record === null || !Array.isArray((record as { messages?: unknown }).messages)) return false;
  return JSON.stringify((record as { messages: unknown[] }).messages).match(/"tool_calls"|"role":"tool"|"tool_use"|"tool_result"/) !== null;
}

/** Throws ChatRecordError (with the field) when the conversation cannot be held in a trace. */
export function sampleFromChatRecord(record: Record<string, unknown>, where: { file: string; line: number }, now: string): Sample {
  const conversation = readChatRecord(record);
  const kept: Record<string, unknown> = { chat_style: conversation.style };
  if (conversation.system !== null) kept.system = conversation.system;
  for (const [key, value] of Object.entries(record)) if (key !== 'messages' && key !== 'system' && key !== 'tools') kept[key] = value;
  const sample = makeImportedSample(
    {
      problem: problemFromCortPrompt(conversation.prompt) ?? conversation.prompt,
      prompt: conversation.prompt,
      record: kept,
      origin: { format: 'chat-messages', file: where.file, line: where.line },
      original: conversation.response,
    },
    now,
  );
  // A conversation without calls has no markers to detect: it is a chat trace all the same.
  return { ...sample, profile: 'chat', trace: chatTrace(conversation.response) };
}

/** The chat record of a sample (any profile), in the style asked for. */
export function chatRecordOf(sample: Sample, style: ChatStyle, profile: TraceProfile = CHAT_PROFILE): Record<string, unknown> {
  const system = typeof sample.record.system === 'string' ? sample.record.system : null;
  const conversation = { system, prompt: sample.prompt, trace: sample.trace };
  return style === 'openai' ? writeOpenAI(conversation, profile) : writeAnthropic(conversation, profile);
}
