/**
 * LLaMA-Factory sharegpt with tool turns (data/README.md "Sharegpt Format"): human, then
 * function_call / observation pairs, then gpt. A function_call's value is the model's text
 * before the call followed by <tool_call>{"name", "arguments"}</tool_call>: LLaMA-Factory's
 * FunctionFormatter (data/formatter.py, default tool_call_words) keeps that text as the
 * thought and renders the call with the model's own tool format. gpt and function_call turns
 * are trained, observation turns are not. `dataset_info.json` registers the file with its tags.
 */
import type { FormatOutput } from '../format-result';
import type { PreparedSample } from '../prepared';
import { promptOpener } from '../prepared';
import { jsonDocumentBytes } from '../canonical-json';
import { callArguments, toolsOfTurns, traceToTurns } from '../../profiles/turns';
import { pyJsonDumps } from '../../profiles/pyjson';
import { jsonlFormat, type RecordResult } from './jsonl';

export const LLAMA_FACTORY_TOOLS_DATASET = 'hint_studio_tools';

function conversation(p: PreparedSample): RecordResult {
  const turns = traceToTurns(p.sample.trace, p.profile, promptOpener(p));
  if (!turns.ok) return { ok: false, reason: `cannot be written as chat turns: ${turns.reason}` };
  const conversations = [{ from: 'human', value: p.sample.prompt }];
  for (const turn of turns.turns) {
    if (turn.role === 'tool') conversations.push({ from: 'observation', value: turn.content });
    else if (turn.calls.length === 0) conversations.push({ from: 'gpt', value: turn.content });
    else if (turn.calls.length > 1) return { ok: false, reason: 'has several code calls in one turn; LLaMA-Factory reads one call per function_call turn' };
    else {
      const call = pyJsonDumps({ name: turn.calls[0].tool ?? p.profile.tool.name, arguments: callArguments(turn.calls[0], p.profile) });
      conversations.push({ from: 'function_call', value: `${turn.content}<tool_call>${call}</tool_call>` });
    }
  }
  if (conversations.at(-1)!.from !== 'gpt') return { ok: false, reason: 'ends with an interpreter output: LLaMA-Factory needs the model to speak last' };
  const tools = toolsOfTurns(turns.turns, p.profile).map((t) => t.function);
  return { ok: true, records: [{ conversations, tools: pyJsonDumps(tools) }] };
}

export function llamaFactoryToolsFiles(samples: readonly PreparedSample[]): FormatOutput {
  const { file, heldBack } = jsonlFormat('llamafactory-tools.jsonl', 'llamafactory', samples, conversation);
  const datasetInfo = {
    [LLAMA_FACTORY_TOOLS_DATASET]: {
      file_name: file.name,
      formatting: 'sharegpt',
      columns: { messages: 'conversations', tools: 'tools' },
      tags: {
        role_tag: 'from',
        content_tag: 'value',
        user_tag: 'human',
        assistant_tag: 'gpt',
        observation_tag: 'observation',
        function_tag: 'function_call',
      },
    },
  };
  return { files: [file, { name: 'dataset_info.json', bytes: jsonDocumentBytes(datasetInfo), mediaType: 'application/json' }], heldBack };
}
