/**
 * Chat-message traces: OpenAI messages (assistant `tool_calls`, `role: "tool"`) and Anthropic
 * content blocks (`thinking`, `text`, `tool_use`, and `tool_result` in user turns) read into a
 * chat-profile trace and written back. The trace text is the assistant's text with each call
 * as <tool_call>…</tool_call> and each result as <tool_response>…</tool_response> (the chat
 * profile's markers); Anthropic thinking becomes <think>…</think> inline.
 *
 * What the JSON the studio writes carries comes back byte for byte (chat.test.ts). What an
 * imported file may carry beyond it is not kept: tool-call ids (written again as call_<n> /
 * toolu_<n>), thinking signatures, `is_error` on results, `reasoning_content` fields (read as
 * inline <think> text). A conversation the trace cannot hold — a second user question, a
 * call without code, results out of order — is refused with the message and field.
 */
import type { TraceProfile } from '../types';
import { CHAT_PROFILE } from '../builtin';
import { renderCode, renderOutput } from '../blocks';
import { parseWithProfile } from '../parse';
import { traceToTurns, type ChatTurn } from '../turns';
import type { Trace } from '../../trace/types';
import { renderTrace } from '../../trace';
import { pyJsonDumps } from '../pyjson';

export type ChatStyle = 'openai' | 'anthropic';

/** A conversation the chat profile cannot hold; `field` is a JSON path in the record. */
export class ChatRecordError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'ChatRecordError';
  }
}

export interface ChatConversation {
  system: string | null;
  prompt: string;
  /** The trace text in the chat profile's markers. */
  response: string;
  style: ChatStyle;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const THINK = /<think>([\s\S]*?)<\/think>/g;

function textOf(content: unknown, field: string): string {
  if (content === null || content === undefined) return '';
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    return content
      .map((part, i) => {
        if (!isObject(part) || part.type !== 'text' || typeof part.text !== 'string') throw new ChatRecordError(`${field}[${i}]`, 'expected a text part');
        return part.text;
      })
      .join('');
  }
  throw new ChatRecordError(field, 'expected a string or a list of text parts');
}

function codeOf(args: unknown, field: string): string {
  const parsed = typeof args === 'string' ? safeJson(args, field) : args;
  if (!isObject(parsed) || typeof parsed.code !== 'string') throw new ChatRecordError(field, 'a code call needs a string "code" argument');
  return plainText(parsed.code, field);
}

function safeJson(text: string, field: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new ChatRecordError(field, 'arguments are not valid JSON');
  }
}

function call(code: string, tool: string): string {
  return renderCode(code, CHAT_PROFILE, null, tool);
}

/** Text that would be read back as markers cannot be held as plain text. */
function plainText(text: string, field: string): string {
  if (/<\/?tool_call>|<\/?tool_response>/.test(text)) throw new ChatRecordError(field, 'text contains <tool_call>/<tool_response> markers');
  return text;
}

export function styleOf(messages: unknown[]): ChatStyle {
  const anthropic = messages.some((m) => isObject(m) && Array.isArray(m.content) && m.content.some((b) => isObject(b) && ['tool_use', 'tool_result', 'thinking'].includes(String(b.type))));
  return anthropic ? 'anthropic' : 'openai';
}

/** Read a chat record ({messages, system?}) into prompt + chat-profile text. */
export function readChatRecord(record: Json): ChatConversation {
  const messages = record.messages;
  if (!Array.isArray(messages)) throw new ChatRecordError('messages', 'expected a list of messages');
  const style = styleOf(messages);
  let system: string | null = typeof record.system === 'string' ? record.system : null;
  let i = 0;
  if (isObject(messages[0]) && messages[0].role === 'system') {
    system = textOf(messages[0].content, 'messages[0].content');
    i = 1;
  }
  const first = messages[i];
  if (!isObject(first) || first.role !== 'user') throw new ChatRecordError(`messages[${i}].role`, 'the conversation must start with the user prompt');
  const prompt = textOf(first.content, `messages[${i}].content`);
  const read = style === 'openai' ? readOpenAI : readAnthropic;
  return { system, prompt, response: read(messages, i + 1), style };
}

function readOpenAI(messages: unknown[], from: number): string {
  let text = '';
  let pending: string[] = [];
  let previous = 'user';
  for (let i = from; i < messages.length; i++) {
    const m = messages[i];
    const at = `messages[${i}]`;
    if (!isObject(m)) throw new ChatRecordError(at, 'expected a message object');
    if (m.role === 'assistant') {
      if (pending.length) throw new ChatRecordError(at, `${pending.length} tool call(s) before it have no result`);
      if (previous === 'assistant') throw new ChatRecordError(at, 'two assistant messages in a row cannot be told apart in one trace');
      if (typeof m.reasoning_content === 'string' && m.reasoning_content !== '') text += `<think>${m.reasoning_content}</think>`;
      text += plainText(textOf(m.content, `${at}.content`), `${at}.content`);
      const calls = m.tool_calls === undefined || m.tool_calls === null ? [] : m.tool_calls;
      if (!Array.isArray(calls)) throw new ChatRecordError(`${at}.tool_calls`, 'expected a list');
      calls.forEach((c, k) => {
        const fn = isObject(c) && isObject(c.function) ? c.function : null;
        if (!fn || typeof fn.name !== 'string') throw new ChatRecordError(`${at}.tool_calls[${k}].function`, 'expected {name, arguments}');
        text += call(codeOf(fn.arguments, `${at}.tool_calls[${k}].function.arguments`), fn.name);
        pending.push(typeof (c as Json).id === 'string' ? ((c as Json).id as string) : '');
      });
    } else if (m.role === 'tool') {
      if (!pending.length) throw new ChatRecordError(at, 'a tool result without a call before it');
      const id = pending.shift();
      if (id && typeof m.tool_call_id === 'string' && m.tool_call_id !== id) throw new ChatRecordError(`${at}.tool_call_id`, `results must follow their calls in order (expected ${id})`);
      text += renderOutput(plainText(textOf(m.content, `${at}.content`), `${at}.content`), CHAT_PROFILE);
    } else throw new ChatRecordError(`${at}.role`, `only the first message may be the user's; got "${String(m.role)}" here`);
    previous = String(m.role);
  }
  if (pending.length) throw new ChatRecordError(`messages[${messages.length - 1}]`, 'the last tool call(s) have no result');
  return text;
}

function readAnthropic(messages: unknown[], from: number): string {
  let text = '';
  const pending: string[] = [];
  for (let i = from; i < messages.length; i++) {
    const m = messages[i];
    const at = `messages[${i}]`;
    if (!isObject(m)) throw new ChatRecordError(at, 'expected a message object');
    const blocks = typeof m.content === 'string' ? [{ type: 'text', text: m.content }] : m.content;
    if (!Array.isArray(blocks)) throw new ChatRecordError(`${at}.content`, 'expected a string or a list of content blocks');
    blocks.forEach((b, k) => {
      const where = `${at}.content[${k}]`;
      if (!isObject(b)) throw new ChatRecordError(where, 'expected a content block');
      if (m.role === 'assistant' && b.type === 'text' && typeof b.text === 'string') {
        if (b.text.includes('<think>') || b.text.includes('</think>')) throw new ChatRecordError(where, 'text contains <think> markers');
        text += plainText(b.text, where);
      } else if (m.role === 'assistant' && b.type === 'thinking' && typeof b.thinking === 'string') {
        if (b.thinking.includes('</think>')) throw new ChatRecordError(where, 'thinking contains </think>');
        text += `<think>${plainText(b.thinking, where)}</think>`;
      } else if (m.role === 'assistant' && b.type === 'tool_use' && typeof b.name === 'string') {
        text += call(codeOf(b.input, `${where}.input`), b.name);
        pending.push(typeof b.id === 'string' ? b.id : '');
      } else if (m.role === 'user' && b.type === 'tool_result') {
        if (!pending.length) throw new ChatRecordError(where, 'a tool result without a call before it');
        const id = pending.shift();
        if (id && b.tool_use_id !== id) throw new ChatRecordError(`${where}.tool_use_id`, `results must follow their calls in order (expected ${id})`);
        text += renderOutput(plainText(textOf(b.content, `${where}.content`), `${where}.content`), CHAT_PROFILE);
      } else throw new ChatRecordError(where, `a ${String(b.type)} block in a ${String(m.role)} message cannot be held in a trace`);
    });
  }
  if (pending.length) throw new ChatRecordError(`messages[${messages.length - 1}]`, 'the last tool call(s) have no result');
  return text;
}

/** The chat-profile trace of a conversation's response text. */
export function chatTrace(response: string): Trace {
  return parseWithProfile(response, CHAT_PROFILE);
}

function turnsOf(trace: Trace, profile: TraceProfile): ChatTurn[] {
  const turns = traceToTurns(trace, profile);
  if (!turns.ok) throw new ChatRecordError('messages', turns.reason);
  return turns.turns;
}

/** OpenAI messages: assistant content (null when only calls), tool_calls with JSON-string arguments and call_<n> ids, tool turns answering them. */
export function writeOpenAI(conversation: { system: string | null; prompt: string; trace: Trace }, profile: TraceProfile = CHAT_PROFILE): Json {
  const messages: Json[] = [];
  if (conversation.system !== null) messages.push({ role: 'system', content: conversation.system });
  messages.push({ role: 'user', content: conversation.prompt });
  let n = 0;
  const open: string[] = [];
  for (const turn of turnsOf(conversation.trace, profile)) {
    if (turn.role === 'tool') {
      messages.push({ role: 'tool', tool_call_id: open.shift(), content: turn.content });
      continue;
    }
    const message: Json = { role: 'assistant', content: turn.calls.length && turn.content === '' ? null : turn.content };
    if (turn.calls.length) {
      message.tool_calls = turn.calls.map((c) => {
        const id = `call_${n++}`;
        open.push(id);
        return { id, type: 'function', function: { name: c.tool ?? profile.tool.name, arguments: pyJsonDumps({ code: c.code }) } };
      });
    }
    messages.push(message);
  }
  return { messages };
}

/** Anthropic messages: thinking / text / tool_use blocks in assistant turns, tool_result blocks in user turns, toolu_<n> ids. */
export function writeAnthropic(conversation: { system: string | null; prompt: string; trace: Trace }, profile: TraceProfile = CHAT_PROFILE): Json {
  const messages: Json[] = [{ role: 'user', content: conversation.prompt }];
  let n = 0;
  const open: string[] = [];
  let results: Json[] = [];
  const flushResults = () => {
    if (results.length) messages.push({ role: 'user', content: results });
    results = [];
  };
  // A trace whose reasoning the prompt opened (CoRT's `<think>\n`) closes it without opening it:
  // everything before that first </think> is thinking.
  const text = renderTrace(conversation.trace);
  const firstClose = text.indexOf('</think>');
  let implicitThinking = firstClose >= 0 && !text.slice(0, firstClose).includes('<think>');
  for (const turn of turnsOf(conversation.trace, profile)) {
    if (turn.role === 'tool') {
      results.push({ type: 'tool_result', tool_use_id: open.shift(), content: turn.content });
      continue;
    }
    flushResults();
    const blocks: Json[] = [];
    let content = turn.content;
    if (implicitThinking) {
      const close = content.indexOf('</think>');
      const thinking = close < 0 ? content : content.slice(0, close);
      if (thinking !== '') blocks.push({ type: 'thinking', thinking });
      content = close < 0 ? '' : content.slice(close + '</think>'.length);
      implicitThinking = close < 0;
    }
    let at = 0;
    for (const m of content.matchAll(THINK)) {
      if (m.index > at) blocks.push({ type: 'text', text: content.slice(at, m.index) });
      blocks.push({ type: 'thinking', thinking: m[1] });
      at = m.index + m[0].length;
    }
    if (at < content.length) blocks.push({ type: 'text', text: content.slice(at) });
    for (const c of turn.calls) {
      const id = `toolu_${n++}`;
      open.push(id);
      blocks.push({ type: 'tool_use', id, name: c.tool ?? profile.tool.name, input: { code: c.code } });
    }
    messages.push({ role: 'assistant', content: blocks });
  }
  flushResults();
  const record: Json = { messages };
  if (conversation.system !== null) record.system = conversation.system;
  return record;
}
