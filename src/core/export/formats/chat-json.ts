/**
 * The chat profile's own files: every sample as an OpenAI conversation ({messages, tools}:
 * tool_calls with JSON-string arguments, `tool` turns with tool_call_id) or an Anthropic one
 * ({messages, tools, system?}: thinking / text / tool_use blocks, tool_result blocks). The
 * importer reads them back to the same samples (profiles/chat), so export → import → export
 * gives the same bytes.
 */
import type { FormatOutput } from '../format-result';
import type { PreparedSample } from '../prepared';
import { jsonlBytes } from '../canonical-json';
import { ChatRecordError, chatRecordOf, type ChatStyle } from '../../profiles/chat/sample';
import { traceToTurns, toolsOfTurns } from '../../profiles/turns';
import { heldBackEntry } from '../gate';

function toolsFor(p: PreparedSample, style: ChatStyle): unknown[] {
  const turns = traceToTurns(p.sample.trace, p.profile);
  const tools = toolsOfTurns(turns.ok ? turns.turns : [], p.profile) as { function: { name: string; description: string; parameters: unknown } }[];
  return style === 'openai' ? tools : tools.map((t) => ({ name: t.function.name, description: t.function.description, input_schema: t.function.parameters }));
}

export function chatJsonFiles(samples: readonly PreparedSample[], style: ChatStyle): FormatOutput {
  const records: unknown[] = [];
  const heldBack = [];
  for (const p of samples) {
    try {
      records.push({ ...chatRecordOf(p.sample, style, p.profile), tools: toolsFor(p, style) });
    } catch (err) {
      if (!(err instanceof ChatRecordError)) throw err;
      heldBack.push(heldBackEntry(p.sample, 'format', [`cannot be written as chat turns: ${err.message}`]));
    }
  }
  const name = style === 'openai' ? 'openai-messages.jsonl' : 'anthropic-messages.jsonl';
  return { files: [{ name, bytes: jsonlBytes(records), mediaType: 'application/jsonl' }], heldBack };
}
