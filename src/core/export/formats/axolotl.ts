/**
 * axolotl `chat_template` records (docs/dataset-formats/conversation.qmd): the assistant
 * message is the whole response and carries `train_detail` spans that tile its content —
 * model text `train: true`; interpreter output, and the `<think>\n` the generation prompt
 * wrote before the response, `train: false`. Offsets are code points into
 * the content (Python indexing) and `end_offset` is inclusive, as axolotl's own
 * chat_template.py writes them (offset + len(text) - 1). The trace keeps its own markers
 * (CoRT fences, ReTool tags...), so the model learns the format it was annotated in.
 */
import type { FormatOutput } from '../format-result';
import type { PreparedSample } from '../prepared';
import { assistantContent, promptOpener } from '../prepared';
import { CodePointIndex } from '../offsets';
import { interpreterRanges, trainingSpans } from '../../profiles/parse';
import { jsonlFormat } from './jsonl';

const DATASET_CONFIG = `# axolotl dataset entry for axolotl.jsonl (written by Hint Studio)
datasets:
  - path: axolotl.jsonl
    ds_type: json
    type: chat_template
    field_messages: messages
    message_property_mappings:
      role: role
      content: content
    roles_to_train: ["assistant"]
    message_field_training_detail: train_detail
`;

export interface TrainDetail {
  begin_offset: number;
  end_offset: number;
  train: boolean;
}

/** Spans of `content` (the opener, then the response) with the interpreter's ranges untrained. */
export function trainDetail(p: PreparedSample): TrainDetail[] {
  const content = assistantContent(p);
  const shift = promptOpener(p).length;
  // The opener is the generation prompt's text (CoRT trains from after `<think>\n`), so it is not trained either.
  const opener: Array<[number, number]> = shift > 0 ? [[0, shift]] : [];
  const ranges = [...opener, ...interpreterRanges(p.sample.trace, p.profile).map(([s, e]): [number, number] => [s + shift, e + shift])];
  const index = new CodePointIndex(content);
  const details: TrainDetail[] = [];
  let at = 0;
  for (const piece of trainingSpans(content, ranges)) {
    const begin = index.toCodePoint(at);
    at += piece.text.length;
    details.push({ begin_offset: begin, end_offset: index.toCodePoint(at) - 1, train: piece.train });
  }
  return details;
}

export function axolotlFiles(samples: readonly PreparedSample[]): FormatOutput {
  const { file } = jsonlFormat('axolotl.jsonl', 'axolotl', samples, (p) => {
    const content = assistantContent(p);
    const assistant: Record<string, unknown> = { role: 'assistant', content };
    if (content !== '') assistant.train_detail = trainDetail(p);
    return { ok: true, records: [{ messages: [{ role: 'user', content: p.sample.prompt }, assistant] }] };
  });
  return {
    files: [file, { name: 'axolotl-dataset.yml', bytes: new TextEncoder().encode(DATASET_CONFIG), mediaType: 'application/yaml' }],
  };
}
