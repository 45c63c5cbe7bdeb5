/**
 * verl multi-turn SFT parquet (verl/utils/dataset/multiturn_sft_dataset.py): `messages`
 * (code calls as assistant tool_calls, outputs as tool turns: verl's loss mask is 1 on
 * assistant turns only), `tools` (the code tool's JSON schema, rendered into the system prompt
 * by the chat template) and, when asked for, `enable_thinking`. Train with
 * data.multiturn.enable=true data.multiturn.messages_key=messages data.multiturn.tools_key=tools.
 */
import { parquetWriteBuffer } from 'hyparquet-writer';
import type { FormatOutput } from '../format-result';
import type { PreparedSample } from '../prepared';
import type { HeldBackSample } from '../types';
import type { TraceProfile } from '../../profiles/types';
import { CORT_PROFILE } from '../../profiles/builtin';
import { sampleMessages, type ChatMessage } from './chat-messages';
import { bool, list, parquetSchema, struct, utf8, type SchemaNode } from './parquet-schema';
import { assertTrainingRecord } from './validate';
import { heldBackEntry } from '../gate';

const PARQUET = 'application/vnd.apache.parquet';

function argumentFields(profile: TraceProfile): SchemaNode[] {
  return profile.tool.arguments === 'code+input' ? [utf8('code'), utf8('input')] : [utf8('code')];
}

function messagesColumn(profile: TraceProfile): SchemaNode {
  const toolCall = struct('element', [utf8('type'), struct('function', [utf8('name'), struct('arguments', argumentFields(profile))])]);
  return list('messages', struct('element', [utf8('role'), utf8('content'), list('tool_calls', toolCall, 'OPTIONAL')]));
}

function toolsColumn(profile: TraceProfile): SchemaNode {
  const property = (name: string) => struct(name, [utf8('type'), utf8('description')]);
  const properties = profile.tool.arguments === 'code+input' ? [property('code'), property('input')] : [property('code')];
  const parameters = struct('parameters', [utf8('type'), struct('properties', properties), list('required', utf8('element'))]);
  return list('tools', struct('element', [utf8('type'), struct('function', [utf8('name'), utf8('description'), parameters])]));
}

/** A row as pyarrow would read it: absent tool_calls are null. */
function parquetMessages(messages: ChatMessage[]): unknown[] {
  return messages.map((m) => ({ role: m.role, content: m.content, tool_calls: m.tool_calls ?? null }));
}

export interface VerlMultiturnOptions {
  /** Written as the `enable_thinking` column when set (Qwen3-style templates read it). */
  enableThinking?: boolean;
}

export function verlMultiturnFiles(samples: readonly PreparedSample[], createdBy: string, options: VerlMultiturnOptions = {}): FormatOutput {
  const heldBack: HeldBackSample[] = [];
  const rows: { messages: ChatMessage[]; tools: unknown[] }[] = [];
  // One parquet file has one column type: every row's tool takes the same arguments.
  const profile = samples[0]?.profile ?? CORT_PROFILE;
  for (const p of samples) {
    if (p.profile.tool.arguments !== profile.tool.arguments) {
      heldBack.push(heldBackEntry(p.sample, 'format', [`its tool takes ${p.profile.tool.arguments}, the file's ${profile.tool.arguments}: export ${p.profile.id} samples separately`]));
      continue;
    }
    const built = sampleMessages(p);
    if (!built.ok) {
      heldBack.push(heldBackEntry(p.sample, 'format', [built.reason]));
      continue;
    }
    const row: Record<string, unknown> = { messages: built.messages, tools: built.tools };
    if (options.enableThinking !== undefined) row.enable_thinking = options.enableThinking;
    assertTrainingRecord('verlMultiturn', row, p.sample.id);
    rows.push(row as { messages: ChatMessage[]; tools: unknown[] });
  }
  const columns = [messagesColumn(profile), toolsColumn(profile)];
  const columnData: { name: string; data: unknown[] }[] = [
    { name: 'messages', data: rows.map((r) => parquetMessages(r.messages)) },
    { name: 'tools', data: rows.map((r) => r.tools) },
  ];
  if (options.enableThinking !== undefined) {
    columns.push(bool('enable_thinking'));
    columnData.push({ name: 'enable_thinking', data: rows.map(() => options.enableThinking) });
  }
  const bytes = new Uint8Array(parquetWriteBuffer({ columnData, schema: parquetSchema(columns), createdBy }));
  return { files: [{ name: 'verl-multiturn.parquet', bytes, mediaType: PARQUET }], heldBack };
}
